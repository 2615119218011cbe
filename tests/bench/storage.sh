#!/usr/bin/env bash
# Document storage throughput and the server's peak memory, through Puente against the store
# directly: on the local folder, then on a SeaweedFS S3 service started (and stopped) here.
# Arguments: file sizes in MiB (default 200). Figures go into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/seaweedfs.sh
work=$(mktemp -d)
trap 'stop_seaweedfs; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

cargo bench -p puente-api --bench storage --no-run

echo "== local folder"
PUENTE_STORAGE=local cargo bench -q -p puente-api --bench storage -- "$@"

start_seaweedfs "$work/weed"
echo "== S3: SeaweedFS on loopback"
PUENTE_STORAGE=s3 \
PUENTE_S3_ENDPOINT="$SEAWEEDFS_S3_ENDPOINT" \
PUENTE_S3_ALLOW_HTTP=true \
PUENTE_S3_BUCKET="$SEAWEEDFS_BUCKET" \
PUENTE_S3_ACCESS_KEY_ID="$SEAWEEDFS_ACCESS_KEY_ID" \
PUENTE_S3_SECRET_ACCESS_KEY="$SEAWEEDFS_SECRET_ACCESS_KEY" \
  cargo bench -q -p puente-api --bench storage -- "$@"
