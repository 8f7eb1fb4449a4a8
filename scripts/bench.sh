#!/usr/bin/env bash
# Measures Cunshi side by side with the peers (Python eventsourcing, raw SQL) in one interleaved run of the peer
# harness: a discarded warm-up pass, then RUNS rounds of raw SQL, eventsourcing and `cunshi bench`, all against the
# harness's PostgreSQL cluster (127.0.0.1:55432, durable commits). Prints the harness's Markdown summary.
#
#   scripts/bench.sh                 # RUNS=3, all workloads
#   RUNS=5 scripts/bench.sh
# Needs ../shared/bench/peers (the peer harness) beside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEERS=${PEERS_DIR:-$ROOT/../shared/bench/peers}
[ -d "$PEERS" ] || { echo "peer harness not found at $PEERS (set PEERS_DIR)" >&2; exit 1; }

swift build -c release --product cunshi
BIN="$(swift build -c release --show-bin-path)/cunshi"

"$PEERS/setup.sh"
"$PEERS/pg.sh" start
RUNS=${RUNS:-3} PROJECT_BENCH_CMD="$BIN bench --workloads ${WORKLOADS:-W1,W2,W3,W4}" "$PEERS/run_all.sh"
