#!/usr/bin/env bash
# Bylaws per second (DOCX, PDF) on one core, beside docxtpl on the same bylaws, in one run.
# Figures go into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -c 'import docxtpl' 2>/dev/null || python3 -m pip install -q docxtpl
cargo bench -p puente-docgen --bench render --no-run
taskset -c 0 cargo bench -q -p puente-docgen --bench render
