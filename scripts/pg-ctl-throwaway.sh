#!/usr/bin/env bash
# pg_ctl for the throwaway server that scripts/test.sh started (CUNSHI_TEST_PGDATA); used by the restart tests.
set -euo pipefail
. "$(dirname "$0")/postgres-throwaway.sh"
PG_BIN=$(pg_bindir)
pg_throwaway_ctl "$@"
