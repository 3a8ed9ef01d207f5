#!/bin/bash
# Peak memory of `cxsim compare` against the number of replications (issue 15: nothing holds
# every replication in memory). The flagship's series (80 per replication × 96 months: 61 KB) on a
# population 20× smaller (agentScale 5000), two strategies, in process (--threads 1) so that
# every byte is in one heap; R = 50 and 200; memory sampled after a forced full GC every 250 ms
# (scripts/peak-memory.mjs). Usage: bash scripts/streaming-memory.sh [CXSIM_ROOT]
set -euo pipefail
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
HERE=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
sed 's/^  agentScale: 250 /  agentScale: 5000 /' "$HERE/scenarios/photo-memories.yaml" > "$TMP/small.yaml"
grep -q '^  agentScale: 5000 ' "$TMP/small.yaml"
for R in 50 200; do
  line=$(cd "$TMP" && node --expose-gc --import "$HERE/scripts/peak-memory.mjs" "$ROOT/bin/cxsim.js" compare small.yaml \
    --strategies design-for-future --replications $R --no-attribution --threads 1 --out "out$R" --force --format json 2>&1 >/dev/null | tail -1)
  echo "R=$R $line"
done
