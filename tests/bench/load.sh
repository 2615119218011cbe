#!/usr/bin/env bash
# Puente under load on a seeded PostgreSQL, beside pgbench running the SQL Puente sent for the
# same request on the same database in the same run.
#
#   tests/bench/load.sh DATABASE_URL PUENTE_BIN [SECONDS]
#
# DATABASE_URL is a database migrated by `puente migrate` and filled by seed_cases.sql; PUENTE_BIN
# a release build (`cargo build --release --bin puente`). For each request:
#   1. the server runs once with `log_statement = all` on the database, the request is made once
#      between two markers, and captured_sql.py turns what PostgreSQL logged into a pgbench script;
#   2. the server runs again without it; wrk (Debian's package) loads it for SECONDS (20 by
#      default) at 64 connections after a 5-second warm-up, each request on the next of many cases
#      (rotate.lua); its peak memory over the run is read from /proc (VmHWM, reset before);
#   3. pgbench runs the captured script at 64 clients for SECONDS (prepared statements), its
#      latencies logged for the p99.
# Transitions (`hold`, then `resume`, on 2,000 cases, by a manager) are replayed by pgbench with a
# new id for each row it inserts and on cases of their own (95,001 to 100,000, put back as they
# were afterwards), so that its writes are as many and as real as Puente's.
# Prints a Markdown table; also start-up time and idle memory. Needs wrk, pgbench, psql, curl,
# python3, and PostgreSQL's log file (BENCH_PG_LOG, by default Debian's
# /var/log/postgresql/postgresql-*-main.log), readable.
set -euo pipefail

url=${1:?usage: load.sh DATABASE_URL PUENTE_BIN [SECONDS]}
bin=$(realpath "${2:?usage: load.sh DATABASE_URL PUENTE_BIN [SECONDS]}")
secs=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
pglog=${BENCH_PG_LOG:-$(ls /var/log/postgresql/postgresql-*-main.log | head -n 1)}
work=$(mktemp -d)
server=""
db=$(psql "$url" -Atc "select current_database()")
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
cleanup() {
  stop_server
  psql "$url" -qc "alter database \"$db\" reset log_statement" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export PUENTE_DATABASE_URL="$url"
export PUENTE_JWT_SECRET="load-test-signing-key-of-puente-bench-0001"
export PUENTE_DATA_DIR="$work/data"
export PUENTE_MAIL_DIR="$work/mail"
export PUENTE_LOG_FORMAT=json
password="banco-de-pruebas-de-carga-2026"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
export PUENTE_LISTEN="127.0.0.1:$port" PUENTE_PUBLIC_URL="$base"

# The people who sign in: a manager, a lawyer, and the staff of the first seeded shelter.
org() { # org KIND NAME: the organization's id, created when missing
  local id
  id=$(psql "$url" -Atc "select id from organizations where name = '$2'")
  [ -n "$id" ] || id=$("$bin" org add --kind "$1" --name "$2" --state MX-CMX --verified 2>/dev/null | tail -n 1)
  echo "$id"
}
account() { # account EMAIL NAME ROLE ORG
  if [ -z "$(psql "$url" -Atc "select id from users where email = '$1'")" ]; then
    printf '%s\n' "$password" | "$bin" user add --email "$1" --name "$2" --role "$3" --org "$4" >/dev/null 2>&1
  fi
}
program=$(org program "Programa de la prueba de carga")
firm=$(org law_firm "Bufete de la prueba de carga")
shelter=$(psql "$url" -Atc "select md5('shelter1')::uuid")
account carga.gestion@puente.localhost "Gestión de prueba" manager "$program"
account carga.abogada@puente.localhost "Abogada de prueba" lawyer "$firm"
account carga.albergue@puente.localhost "Albergue de prueba" shelter "$shelter"

start_server() {
  "$bin" serve 2> "$work/server.log" &
  server=$!
  for _ in $(seq 1 500); do
    curl -sf "$base/readyz" >/dev/null 2>&1 && return 0
    sleep 0.01
  done
  echo "the server did not start" >&2
  cat "$work/server.log" >&2
  exit 1
}
token() { # token EMAIL
  curl -sf "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
web_cookies() { # web_cookies EMAIL: the Cookie header of a browser signed in as EMAIL
  local jar="$work/jar" csrf
  rm -f "$jar"
  csrf=$(curl -sf -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  curl -sf -b "$jar" -c "$jar" -o /dev/null "$base/login" -H "Origin: $base" \
    --data-urlencode "csrf=$csrf" --data-urlencode "email=$1" --data-urlencode "password=$password"
  # curl writes HttpOnly cookies as comments (`#HttpOnly_<domain>`).
  sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }'
}

# The cases the requests go to: any 2,000 for reading, 2,000 that may be held for transitions
# (never those pgbench writes to).
psql "$url" -Atc "select id from cases order by md5(id::text) limit 2000" > "$work/read-ids"
psql "$url" -Atc "select id from cases where status in ('open','claimed','name_reservation','drafting')
  and reference < 'PUE-BENCH-0095001' order by md5(id::text || 'hold') limit 2001" > "$work/holdable"
head -n 2000 "$work/holdable" > "$work/hold-ids"
one_case=$(head -n 1 "$work/read-ids")
hold_case=$(tail -n 1 "$work/holdable")

# name | who | path (with {id} for rotating cases) | mode; BENCH_ONLY (names, separated by
# spaces) runs some of them.
targets=(
  "list-filtered|manager|/api/v1/cases?status=open&state=MX-CHH&limit=50|get"
  "list-first|manager|/api/v1/cases?limit=50|get"
  "list-shelter|shelter|/api/v1/cases?limit=50|get"
  "list-search|manager|/api/v1/cases?q=prueba%201234&limit=50|get"
  "case-api|manager|/api/v1/cases/{id}|get"
  "case-web|manager-web|/cases/{id}|get"
  "dashboard|manager|/api/v1/reports/caseload|get"
  "transitions|manager|/api/v1/cases/{id}/transitions|transition"
)
if [ -n "${BENCH_ONLY:-}" ]; then
  chosen=()
  for target in "${targets[@]}"; do
    [[ " $BENCH_ONLY " == *" ${target%%|*} "* ]] && chosen+=("$target")
  done
  targets=("${chosen[@]}")
fi
header_for() { # header_for WHO
  case "$1" in
    manager) echo "Authorization: Bearer $manager_token" ;;
    shelter) echo "Authorization: Bearer $shelter_token" ;;
    manager-web) echo "Cookie: $manager_cookies" ;;
  esac
}
sign_in_everyone() {
  manager_token=$(token carga.gestion@puente.localhost)
  shelter_token=$(token carga.albergue@puente.localhost)
  manager_cookies=$(web_cookies carga.gestion@puente.localhost)
}

# 1. What each request sends to PostgreSQL. The server's own background work (the e-mail outbox,
# the daily digests) is held off meanwhile, so that the window holds the request's statements.
psql "$url" -qc "alter database \"$db\" set log_statement = 'all'"
PUENTE_MAIL_POLL_MS=3600000 PUENTE_MAIL_DIGESTS=false start_server
sign_in_everyone
offset=$(stat -c %s "$pglog")
for target in "${targets[@]}"; do
  IFS='|' read -r name who path mode <<< "$target"
  psql "$url" -qAtc "select 'puente-bench:begin:$name'" >/dev/null
  if [ "$mode" = transition ]; then
    curl -sf -o /dev/null "$base/api/v1/cases/$hold_case/transitions" -H "$(header_for "$who")" \
      -H 'Content-Type: application/json' -d '{"event":"hold","data":{"reason":"Captura"}}'
  else
    curl -sf -o /dev/null "$base${path//\{id\}/$one_case}" -H "$(header_for "$who")"
  fi
  psql "$url" -qAtc "select 'puente-bench:end:$name'" >/dev/null
done
stop_server
psql "$url" -qc "alter database \"$db\" reset log_statement"
for target in "${targets[@]}"; do
  IFS='|' read -r name _ <<< "$target"
  python3 "$here/captured_sql.py" "$pglog" "$offset" "$name" > "$work/$name.sql" 2> "$work/$name.count"
done
# The transition's writes, replayed on pgbench's own cases: each row it inserts gets a new id (and
# history rows a sequence of their own), the version guard always holds. (Skipped when BENCH_ONLY
# leaves the transitions out.)
[ ! -f "$work/transitions.sql" ] || python3 - "$work/transitions.sql" "$hold_case" <<'EOF'
import re, sys
path, case = sys.argv[1], sys.argv[2]
lines = ["\\set n random(95001, 100000)", "\\set s random(1000000, 2000000000)"]
for sql in open(path).read().splitlines():
    sql = sql.replace(f"'{case}'", "md5('case' || :n)::uuid")
    if sql.lower().startswith("insert"):
        sql = re.sub(r"(VALUES \(|\), \()'[0-9a-f-]{36}'", r"\1gen_random_uuid()", sql)
        if "case_events" in sql:
            # (id, case_id, seq, ...): the sequence after the case.
            sql = re.sub(r"(md5\('case' \|\| :n\)::uuid), '?\d+'?", r"\1, :s", sql, count=1)
    if sql.lower().startswith("update"):
        sql = re.sub(r'("cases"\."version") = \'?\d+\'?', r"\1 = \1", sql)
    lines.append(sql)
open(path, "w").write("\n".join(lines) + "\n")
EOF

# 2. and 3. Puente, then pgbench.
pid_memory() { awk -v key="$2:" '$1 == key { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
percentile() { # percentile P FILES...: the P-th percentile of pgbench's logged latencies, in ms
  local p=$1
  shift
  cat "$@" | awk '{ print $3 / 1000 }' | sort -n | awk -v p="$p" '{ v[NR] = $1 } END { i = int(NR * p / 100); if (i < 1) i = 1; printf "%.1f", v[i] }'
}
start_server
sleep 1
idle=$(pid_memory "$server" VmRSS)
sign_in_everyone
psql "$url" -qc "set client_min_messages = warning; drop table if exists bench_saved; create table bench_saved as
  select id, status, held_from, version, history_head, history_length, status_changed_at,
         updated_at, last_activity_at from cases where reference >= 'PUE-BENCH-0095001'"
printf '| request | statements | Puente req/s | p50 | p99 | non-2xx | peak memory | pgbench tps | pgbench p50 | p99 | ratio |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for target in "${targets[@]}"; do
  IFS='|' read -r name who path mode <<< "$target"
  ids="$work/read-ids"
  [ "$mode" = transition ] && ids="$work/hold-ids"
  export BENCH_IDS="$ids" BENCH_PATH="$path" BENCH_MODE="$mode" BENCH_THREADS=2
  # Fresh sessions for each request (an access token lasts 15 minutes).
  sign_in_everyone
  header=$(header_for "$who")
  wrk -t2 -c64 -d5s --timeout 60s -s "$here/rotate.lua" -H "$header" "$base" >/dev/null
  echo 5 > "/proc/$server/clear_refs"
  wrk -t2 -c64 -d"${secs}s" --timeout 60s --latency -s "$here/rotate.lua" -H "$header" "$base" > "$work/$name.wrk"
  peak=$(pid_memory "$server" VmHWM)
  rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$work/$name.wrk")
  to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.1f", v / 1000; else if (v ~ /ms$/) printf "%.1f", v + 0; else printf "%.0f", v * 1000 }'; }
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$work/$name.wrk")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$work/$name.wrk")")
  errors=$(awk '/Non-2xx/ { print $NF }' "$work/$name.wrk")
  if [ -n "$errors" ]; then
    # What the server answers such a request now, for the reader of the table.
    if [ "$mode" = transition ]; then
      example=$(curl -s "$base/api/v1/cases/$(head -n 1 "$ids")/transitions" -H "$header" \
        -H 'Content-Type: application/json' -d '{"event":"hold","data":{"reason":"Prueba"}}')
    else
      example=$(curl -s "$base${path//\{id\}/$one_case}" -H "$header" | head -c 300)
    fi
    printf '%s: %s answers were not 2xx; one now: %s\n' "$name" "$errors" "$example" >&2
  fi
  statements=$(grep -c ';$' "$work/$name.sql" || true)
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -M prepared -c 64 -j 2 -T "$secs" -l -f "$name.sql" "$url" > "$name.pgbench" 2>&1) || true
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/$name.pgbench")
  if [ -n "$tps" ]; then
    pg50=$(percentile 50 "$work"/pgbench_log.*)
    pg99=$(percentile 99 "$work"/pgbench_log.*)
    ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.2f", a / b }')
  else
    pg50="" pg99="" ratio="" tps="failed: $(tail -n 1 "$work/$name.pgbench")"
  fi
  printf '| %s | %s | %s | %s ms | %s ms | %s | %s MiB | %s | %s ms | %s ms | %s |\n' \
    "$name" "$statements" "$rps" "$p50" "$p99" "${errors:-0}" "$peak" "${tps%.*}" "$pg50" "$pg99" "$ratio"
done
# pgbench's cases as they were.
psql "$url" -qc "update cases c set status = s.status, held_from = s.held_from, version = s.version,
    history_head = s.history_head, history_length = s.history_length,
    status_changed_at = s.status_changed_at, updated_at = s.updated_at,
    last_activity_at = s.last_activity_at
  from bench_saved s where c.id = s.id;
  delete from case_events where seq >= 1000000; drop table bench_saved"

# The CSV export of the whole caseload: time, size and the server's peak memory.
echo 5 > "/proc/$server/clear_refs"
csv=$(curl -sf -o /dev/null -w '%{time_total} %{size_download}' "$base/api/v1/reports/cases.csv" \
  -H "$(header_for manager)")
printf '\nCSV export of every case: %s s, %s bytes, server peak %s MiB\n' \
  "${csv% *}" "${csv#* }" "$(pid_memory "$server" VmHWM)"
printf 'Memory idle after start: %s MiB\n' "$idle"
stop_server

# Start to ready, median of 5.
startup() {
  local times=()
  for _ in 1 2 3 4 5; do
    local start
    start=$(date +%s%N)
    "$bin" serve 2>/dev/null &
    server=$!
    until curl -sf "$base/readyz" >/dev/null 2>&1; do sleep 0.005; done
    times+=($((($(date +%s%N) - start) / 1000000)))
    stop_server
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
printf 'Start to ready on this database: %s ms (median of 5)\n' "$(startup)"
empty="$work/empty"
mkdir -p "$empty"
printf 'Start to ready, empty embedded SQLite: %s ms (median of 5)\n' "$(
  cd "$empty" && env -u PUENTE_DATABASE_URL -u PUENTE_JWT_SECRET -u PUENTE_DATA_DIR bash -c "$(declare -f startup stop_server); bin='$bin'; base='$base'; server=''; startup"
)"
