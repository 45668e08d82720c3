#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for the test suites.
#
#   scripts/pg-cluster.sh start        prints two lines: DIR=<cluster dir> and URL=<connection string>
#   scripts/pg-cluster.sh stop DIR     stops the cluster in DIR and deletes DIR
#
# The cluster listens on 127.0.0.1 only, keeps its unix socket inside DIR,
# trusts loopback connections and runs with fsync off: it holds test data only.
# initdb refuses to run as root, so as root the cluster belongs to the
# `postgres` user that Debian's postgresql package creates.
set -euo pipefail

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [[ -x "$dir/initdb" ]]; then
      latest="$dir"
    fi
  done
  if [[ -z "${latest:-}" ]]; then
    echo "pg-cluster: initdb not found under /usr/lib/postgresql/*/bin; install the postgresql package" >&2
    exit 1
  fi
  echo "$latest"
}

# Asks the kernel for a free TCP port on loopback. Another process could take
# it before postgres binds it, so start retries with a new port on failure.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_cluster() {
  local bin dir port attempt
  bin=$(find_pg_bin)
  dir=$(mktemp -d -t casebook-pg.XXXXXX)
  chmod 700 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
  fi

  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    echo "pg-cluster: initdb failed, see $dir/initdb.log:" >&2
    tail -20 "$dir/initdb.log" >&2
    exit 1
  }

  for attempt in 1 2 3; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null; then
      echo "DIR=$dir"
      echo "URL=postgres://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    echo "pg-cluster: start on port $port failed (attempt $attempt)" >&2
  done

  tail -20 "$dir/server.log" >&2
  rm -rf "$dir"
  exit 1
}

stop_cluster() {
  local dir=${1:?usage: pg-cluster.sh stop DIR}
  local bin
  bin=$(find_pg_bin)
  if [[ ! -d "$dir/data" ]]; then
    echo "pg-cluster: no cluster in $dir" >&2
    rm -rf "$dir"
    return 0
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start_cluster ;;
  stop) stop_cluster "${2:-}" ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
