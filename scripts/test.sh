#!/usr/bin/env bash
# Runs all of Cunshi's tests against a real, throwaway PostgreSQL server (installed with apt-get when missing),
# then stops it. Extra arguments go to `swift test` (e.g. --filter EventLogPostgresTests).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/postgres-throwaway.sh

PG_FAST=1 pg_throwaway_start
trap pg_throwaway_stop EXIT

swift test "$@"
