#!/usr/bin/env bash
# The case lists' queries on a seeded PostgreSQL (tests/bench/seed_cases.sql): for each, the
# median execution time of 20 EXPLAIN ANALYZE runs and pgbench's rate at 64 clients for 10 s
# (prepared statements, loopback). The SQL is what the list pages send: the page (51 rows, one
# more than shown) and the total.
#   tests/bench/list_queries.sh postgres://postgres@127.0.0.1:5432/puente_bench
set -euo pipefail
url=${1:?usage: list_queries.sh DATABASE_URL}
shelter=$(psql "$url" -Atc "select id from organizations where kind = 'shelter' order by name limit 1")
declare -A queries=(
  [filtered-page]="select * from cases where status = 'open' and domicile_state = 'MX-CHH' order by created_at desc, id desc limit 51"
  [filtered-total]="select count(*) from cases where status = 'open' and domicile_state = 'MX-CHH'"
  [queue-page]="select * from cases where status = 'submitted' order by status_changed_at asc, id asc limit 51"
  [shelter-page]="select * from cases where shelter_id = '$shelter' order by created_at desc, id desc limit 51"
  [first-page]="select * from cases order by created_at desc, id desc limit 51"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '| query | median execution (ms) | pgbench tps, 64 clients |\n|---|---|---|\n'
for name in filtered-page filtered-total queue-page shelter-page first-page; do
  sql=${queries[$name]}
  times=$(for _ in $(seq 20); do
    psql "$url" -Atc "explain (analyze, format json) $sql" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])'
  done | sort -n)
  median=$(echo "$times" | sed -n 10p)
  echo "$sql;" > "$work/$name.sql"
  tps=$(pgbench -n -M prepared -c 64 -j 2 -T 10 -f "$work/$name.sql" "$url" 2>/dev/null |
    sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  printf '| %s | %s | %s |\n' "$name" "$median" "${tps%.*}"
done
