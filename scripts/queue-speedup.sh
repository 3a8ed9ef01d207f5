#!/usr/bin/env bash
# Wall time of the flagship stress run on the Redis queue with 1, 2 and 4 local workers
# (concurrency 1 each), and locally with 1 and 2 threads, in one session; checks that every
# queued run's CSVs are byte-identical to the local one's (stress.json differs only in the command line it records). Needs redis-server.
# Usage: bash scripts/queue-speedup.sh [extra stress options, e.g. --replications 10]
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$tmp" >"$tmp/redis.log" 2>&1 &
redis_pid=$!
workers=()
cleanup() {
  for w in "${workers[@]}"; do kill "$w" 2>/dev/null || true; done
  kill "$redis_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
until grep -q 'Ready to accept' "$tmp/redis.log"; do sleep 0.1; done
url="redis://127.0.0.1:$port"
export CXSIM_QUEUE_SPOOL="$tmp/spool" CI=1
run() { # label, then the command's extra arguments
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  node bin/cxsim.js stress scenarios/photo-memories.yaml "$@" --format json --out "$tmp/$label" >/dev/null 2>"$tmp/$label.err" || { echo "$label failed:"; cat "$tmp/$label.err"; exit 1; }
  t1=$(date +%s.%N)
  printf '%-10s %7.1f s\n' "$label" "$(echo "$t1 - $t0" | bc)"
}
extra=("$@")
run local-1t --threads 1 "${extra[@]}"
run local-2t --threads 2 "${extra[@]}"
for n in 1 2 4; do
  workers=()
  for _ in $(seq "$n"); do
    node bin/cxsim.js worker --redis "$url" --concurrency 1 2>>"$tmp/workers.log" &
    workers+=($!)
  done
  until [ "$(grep -c 'takes jobs from' "$tmp/workers.log" || true)" -ge "$(( ${#workers[@]} + ${started:-0} ))" ]; do sleep 0.2; done
  started=$(( ${started:-0} + n ))
  run "queue-${n}w" --redis "$url" "${extra[@]}"
  for w in "${workers[@]}"; do kill "$w"; wait "$w" 2>/dev/null || true; done
  for f in stress-cells.csv robustness.csv replications.csv; do cmp "$tmp/local-1t/$f" "$tmp/queue-${n}w/$f"; done && echo "  stress-cells.csv, robustness.csv, replications.csv identical to local-1t"
done
