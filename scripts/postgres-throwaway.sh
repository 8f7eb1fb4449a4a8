#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks, sourced by scripts/test.sh and scripts/bench.sh.
#
#   pg_throwaway_start   installs PostgreSQL when missing (apt-get), initdb's a cluster in a new temporary
#                        directory, starts it on a free 127.0.0.1 port, and exports
#                        CUNSHI_TEST_DATABASE_URL (superuser "cunshi", database "postgres") and CUNSHI_TEST_PGDATA.
#   pg_throwaway_stop    stops it and deletes the directory.
#   pg_throwaway_ctl ARGS  runs pg_ctl on the cluster (e.g. "stop -m fast", "start"), as the right user.
#
# PostgreSQL refuses to run as root, so when root the server runs as the "postgres" user.
# PG_FAST=1 turns fsync off (tests only: never for benchmarks); it is written to the cluster's configuration, so a
# server stopped and started again by pg_throwaway_ctl keeps it.

pg_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return 0; }
    return 1
}

pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_throwaway_install() {
    pg_bindir >/dev/null && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "PostgreSQL server binaries are missing; install them with: sudo apt-get install postgresql" >&2
        return 1
    fi
    echo "Installing PostgreSQL (apt-get install postgresql)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    pg_bindir >/dev/null
}

pg_free_port() {
    local port=${1:-55500}
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}

pg_throwaway_start() {
    pg_throwaway_install || return 1
    PG_BIN=$(pg_bindir)
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    CUNSHI_TEST_PGDATA=$(mktemp -d "${TMPDIR:-/tmp}/cunshi-pg.XXXXXX")
    [ "$(id -u)" = 0 ] && chown postgres "$CUNSHI_TEST_PGDATA"
    local port
    port=$(pg_free_port "${CUNSHI_TEST_PG_PORT:-55500}")
    pg_as_owner "$PG_BIN/initdb" -D "$CUNSHI_TEST_PGDATA/data" -U cunshi --auth=trust -E UTF8 --no-locale >/dev/null
    cat >>"$CUNSHI_TEST_PGDATA/data/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$CUNSHI_TEST_PGDATA'
max_connections = 300
shared_buffers = 256MB
CONF
    if [ "${PG_FAST:-0}" = 1 ]; then
        printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$CUNSHI_TEST_PGDATA/data/postgresql.conf"
    fi
    export CUNSHI_TEST_PGDATA PG_BIN
    # Another throwaway server (another worktree's tests) may take the same free port at the same moment: then the
    # next free port is tried.
    local attempt
    for attempt in 1 2 3 4 5; do
        pg_throwaway_ctl start >/dev/null && break
        if [ "$attempt" = 5 ] || ! grep -q "could not bind" "$CUNSHI_TEST_PGDATA/server.log"; then
            cat "$CUNSHI_TEST_PGDATA/server.log" >&2
            return 1
        fi
        port=$(pg_free_port $((port + 1)))
        sed -i "s/^port = .*/port = $port/" "$CUNSHI_TEST_PGDATA/data/postgresql.conf"
        : >"$CUNSHI_TEST_PGDATA/server.log"
    done
    export CUNSHI_TEST_DATABASE_URL="postgres://cunshi@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running at $CUNSHI_TEST_DATABASE_URL" >&2
}

# pg_ctl leaves the server running in the background, holding every file descriptor it inherited. A caller that
# learns of pg_ctl's exit from a descriptor closing — Foundation's Process on Linux does, through a socket it passes
# to the child (swiftlang/swift-corelibs-foundation#4795) — would wait for as long as the server runs. So pg_ctl runs
# with stdin, stdout and stderr only.
pg_throwaway_ctl() {
    (
        if [ -d "/proc/$BASHPID/fd" ]; then
            for fd in "/proc/$BASHPID/fd/"*; do
                fd=${fd##*/}
                if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
            done
        fi
        pg_as_owner "$PG_BIN/pg_ctl" -D "$CUNSHI_TEST_PGDATA/data" -l "$CUNSHI_TEST_PGDATA/server.log" -w "$@"
    )
}

pg_throwaway_stop() {
    [ -n "${CUNSHI_TEST_PGDATA:-}" ] || return 0
    pg_throwaway_ctl -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$CUNSHI_TEST_PGDATA"
    unset CUNSHI_TEST_PGDATA
}
