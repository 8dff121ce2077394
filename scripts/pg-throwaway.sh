#!/usr/bin/env bash
# A throwaway PostgreSQL cluster (15 unless DRIFT_PG_VERSION names another major that
# scripts/pg-server-bin.sh supports): initdb into a temporary folder, 127.0.0.1 on a free
# port, fsync off; removed again afterwards.
#   scripts/pg-throwaway.sh run CMD ARGS...   start, export DRIFT_TEST_PG_URL, run CMD, stop
#   scripts/pg-throwaway.sh start             print DRIFT_TEST_PG_URL=... and PG_THROWAWAY_DIR=...
#   scripts/pg-throwaway.sh stop DIR
# As root, the server runs as the 'postgres' user (initdb refuses root). TCP logins need
# a password (scram-sha-256; a random one for 'postgres', carried in the URL), so tests
# can check refused logins; the socket in the folder trusts local users.
set -euo pipefail

version="${DRIFT_PG_VERSION:-15}"
bindir="$("$(dirname "$0")/pg-server-bin.sh" "$version")"
[[ -x "$bindir/initdb" ]] || { echo "pg-throwaway: PostgreSQL $version not found (scripts/bootstrap.sh installs 15)" >&2; exit 1; }

as_server_user() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pick_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "pg-throwaway: no free port" >&2; exit 1
}

start() {
  local dir port
  dir="$(mktemp -d /tmp/drift-pg.XXXXXX)"
  [[ $EUID -eq 0 ]] && chown postgres: "$dir"
  chmod 700 "$dir"
  local password
  password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s\n' "$password" >"$dir/pwfile"
  [[ $EUID -eq 0 ]] && chown postgres: "$dir/pwfile"
  if ! as_server_user "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust \
       --auth-host=scram-sha-256 --pwfile="$dir/pwfile" -E UTF8 --locale=C \
       --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1
  fi
  for _ in 1 2 3 4 5; do
    port="$(pick_port)"
    if as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
        >/dev/null 2>&1; then
      echo "DRIFT_TEST_PG_URL=postgresql://postgres:$password@127.0.0.1:$port/postgres"
      echo "PG_THROWAWAY_DIR=$dir"
      return 0
    fi
  done
  echo "pg-throwaway: server did not start:" >&2; cat "$dir/server.log" >&2 || true
  rm -rf "$dir"; exit 1
}

stop() {
  local dir="${1:?usage: pg-throwaway.sh stop DIR}"
  [[ "$dir" == /tmp/drift-pg.* ]] || { echo "pg-throwaway: refusing to remove $dir" >&2; exit 1; }
  [[ -f "$dir/data/postmaster.pid" ]] && as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

run() {
  local out dir rc=0
  out="$(start)"
  DRIFT_TEST_PG_URL="$(sed -n 's/^DRIFT_TEST_PG_URL=//p' <<<"$out")"; export DRIFT_TEST_PG_URL
  dir="$(sed -n 's/^PG_THROWAWAY_DIR=//p' <<<"$out")"
  trap 'stop "$dir"' EXIT
  "$@" || rc=$?
  exit $rc
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 run CMD [ARGS...] | start | stop DIR" >&2; exit 2 ;;
esac
