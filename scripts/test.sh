#!/usr/bin/env bash
# Runs all of Cunshi's tests against a real, throwaway PostgreSQL server (installed with apt-get when missing),
# then stops it. Extra arguments go to `swift test` (e.g. --filter EventLogPostgresTests).
#
# The restart tests stop and start that server, which would disturb every other test, so a full run (no arguments)
# runs them alone, after the rest, with CUNSHI_TEST_RESTARTS=1; without it they are skipped. With arguments they
# run only if the caller sets it: CUNSHI_TEST_RESTARTS=1 scripts/test.sh --filter RestartTests
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres-throwaway.sh

# The restart tests leave the server's port free for seconds, and other throwaway servers (other checkouts' tests)
# take the first free port from 55500: this run's server starts from a random port well above that.
export CUNSHI_TEST_PG_PORT=${CUNSHI_TEST_PG_PORT:-$((57000 + RANDOM % 2000))}
PG_FAST=1 pg_throwaway_start
trap pg_throwaway_stop EXIT

export CUNSHI_TEST_PG_CTL="$PWD/scripts/pg-ctl-throwaway.sh"
if [ $# -gt 0 ]; then
    swift test "$@"
else
    CUNSHI_TEST_RESTARTS=0 swift test --skip RestartTests
    CUNSHI_TEST_RESTARTS=1 swift test --filter RestartTests
fi
