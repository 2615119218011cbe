#!/usr/bin/env bash
# The API fuzzed from outside with schemathesis (PyPI): the built binary serves the demo program
# from an empty folder on loopback; every operation of /api/openapi.json is exercised with a real
# token of each role (a manager, a lawyer, a shelter), through the examples, coverage, fuzzing and
# stateful phases (the stateful phase follows the document's links from a created case to its
# history, comments, hours, transitions and documents). Every check runs: no 5xx, only declared
# status codes and media types, every response valid against its schema, invalid data rejected and
# valid data accepted.
#
#   tests/fuzz/api.sh PUENTE_BIN [SECONDS_PER_ROLE]
#
# SECONDS_PER_ROLE bounds each role's run (60 by default; .ci/run gives 40). It exits non-zero when
# schemathesis found a failure, and prints each role's totals. Needs `schemathesis` (pip install
# schemathesis) and curl.
set -euo pipefail

bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
budget=${2:-60}
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cd "$work"
export PUENTE_MAIL_DIR="$work/mail"
unset PUENTE_DATABASE_URL
"$bin" demo > logins.txt
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PUENTE_LISTEN="127.0.0.1:$port" PUENTE_LOG_FORMAT=json "$bin" serve 2> server.log &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -sf "$base/readyz" >/dev/null && break
  sleep 0.1
done

token() { # token EMAIL
  curl -sf "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"puente-demo-2026\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
email_of() { # email_of WHO: the first demo login whose description starts so
  awk -v who="$1" 'index($0, "  " who) == 1 { print $NF; exit }' logins.txt
}

# Every token first: the fuzzer's own sign-in attempts soon meet the limit per address (and get
# the 429 the document declares).
declare -A tokens
roles=("Coordinación  " "Abogada/o" "Albergue")
for role in "${roles[@]}"; do
  tokens[$role]=$(token "$(email_of "$role")")
done

status=0
for role in "${roles[@]}"; do
  echo "==> schemathesis as $(email_of "$role"), ${budget}s"
  if ! schemathesis --config-file "$here/schemathesis.toml" run "$base/api/openapi.json" \
    --header "Authorization: Bearer ${tokens[$role]}" \
    --checks all \
    --max-time "$budget" \
    --workers 2 \
    --request-timeout 10 \
    --seed 20261207 \
    --suppress-health-check too_slow,filter_too_much \
    --report junit --report-dir "$work/report" \
    --no-color; then
    status=1
  fi
done
if grep -q '"level":"ERROR"\|panicked' server.log; then
  echo "the server logged errors:" >&2
  grep '"level":"ERROR"\|panicked' server.log | head -20 >&2
  status=1
fi
exit $status
