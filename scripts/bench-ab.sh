#!/usr/bin/env bash
# Compares two release builds of cunshi on one throwaway PostgreSQL cluster, alternating them round by round
# (before, after, before, after, …), so that the shared machine's load falls on both alike.
#
#   scripts/bench-ab.sh BEFORE_BIN AFTER_BIN ROUNDS BENCH_ARGS...
#   e.g. scripts/bench-ab.sh /tmp/old/.build-release/release/cunshi .build-release/release/cunshi 3 \
#            bench sync --events 100000 --rounds 15
#
# Each binary gets BENCH_ARGS plus --database-url; every result line is printed with peer= replaced by build=before
# or build=after. The cluster runs with fsync off (PG_FAST=1), as the rebuild and sync figures in BENCHMARKS.md.
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,9p "$0" >&2; exit 2; }
BEFORE=$1 AFTER=$2 ROUNDS=$3
shift 3
. "$(dirname "$0")/postgres-throwaway.sh"
PG_FAST=1 pg_throwaway_start >/dev/null
trap pg_throwaway_stop EXIT
for round in $(seq 1 "$ROUNDS"); do
    for label in before after; do
        if [ "$label" = before ]; then binary=$BEFORE; else binary=$AFTER; fi
        RUN=$round "$binary" "$@" --database-url "$CUNSHI_TEST_DATABASE_URL" 2>&1 \
            | grep '^peer=' | sed "s/^peer=[^ ]*/build=$label/"
    done
done
