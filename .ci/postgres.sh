#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and CI, from Debian's packaged
# binaries (/usr/lib/postgresql/<version>/bin; never whatever `postgres` is on PATH).
#
#   .ci/postgres.sh start   install if missing, initdb, start; prints DATABASE_URL=postgres://dashcode:...@127.0.0.1:PORT/metrics
#   .ci/postgres.sh url     prints the same line for the running cluster (exit 1 if none)
#   .ci/postgres.sh stop    stops it and deletes its files
#
# Typical use:  export "$(.ci/postgres.sh start)"; npx vitest run test/db; .ci/postgres.sh stop
#
# Only that one line goes to stdout; progress and errors go to stderr.
# Everything lives in $DASHCODE_POSTGRES_DIR (default /tmp/dashcode-postgres):
# data directory, socket, log, pid (postmaster.pid) and the URL. It listens on
# 127.0.0.1 only, on a free port unless DASHCODE_POSTGRES_PORT is set. As root
# the server runs as the `postgres` OS user (PostgreSQL refuses to run as root).
set -euo pipefail

state_dir=${DASHCODE_POSTGRES_DIR:-${TMPDIR:-/tmp}/dashcode-postgres}
data_dir=$state_dir/data
sock_dir=$state_dir/sock
url_file=$state_dir/url
log_file=$state_dir/postgres.log

log() { echo "[postgres.sh] $*" >&2; }

# stop deletes $state_dir: refuse anything that is not a dedicated directory.
case $state_dir in
  '' | / | /tmp | /var | /usr | /root | "$HOME") echo "[postgres.sh] refusing DASHCODE_POSTGRES_DIR=$state_dir" >&2; exit 2 ;;
esac

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/postgres ]] || return 1
  echo "$dir"
}

install_postgres() {
  bin_dir >/dev/null && return 0
  [[ $(id -u) == 0 ]] || { log "PostgreSQL is not installed and we are not root: apt-get install postgresql"; exit 1; }
  log "installing Debian's postgresql package"
  # The package would create and start its own cluster on :5432; policy-rc.d exit 101 forbids starting it.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1; fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2; then
    apt-get update -q >&2 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2 ||
      { [[ $added_policy == 1 ]] && rm -f "$policy"; log "apt-get install postgresql failed"; exit 1; }
  fi
  [[ $added_policy == 1 ]] && rm -f "$policy"
  bin_dir >/dev/null || { log "postgresql installed but no /usr/lib/postgresql/*/bin/postgres"; exit 1; }
}

# Only a pid the cluster recorded, and only while that process is still our postmaster (pids get reused).
running_pid() {
  [[ -f $data_dir/postmaster.pid ]] || return 1
  local pid
  pid=$(head -n 1 "$data_dir/postmaster.pid")
  [[ -r /proc/$pid/cmdline ]] || return 1
  [[ $(tr '\0' ' ' <"/proc/$pid/cmdline") == *"$data_dir"* ]] || return 1
  echo "$pid"
}

free_port() {
  if [[ -n ${DASHCODE_POSTGRES_PORT:-} ]]; then echo "$DASHCODE_POSTGRES_PORT"; return; fi
  if command -v node >/dev/null; then
    node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
    return
  fi
  # No node: probe upwards from a random high port with bash's /dev/tcp (a refused connect means free).
  local port=$((20000 + RANDOM % 20000))
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

start() {
  if running_pid >/dev/null && [[ -f $url_file ]]; then
    log "already running (pid $(running_pid))"
    cat "$url_file"
    return
  fi
  install_postgres
  local bin port password
  bin=$(bin_dir)
  # A stale directory from a crashed run: stop whatever is left, then start clean.
  if [[ -d $state_dir ]]; then
    [[ -d $data_dir ]] && as_owner "$bin/pg_ctl" -D "$data_dir" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$state_dir"
  fi
  mkdir -p "$state_dir" "$sock_dir"
  chmod 700 "$state_dir"
  [[ $(id -u) == 0 ]] && chown -R postgres: "$state_dir"
  port=$(free_port)
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

  log "initdb with $bin ($(as_owner "$bin/postgres" --version))"
  # Local socket: trust (only the owner can reach the 0700 directory). TCP: password (scram-sha-256).
  as_owner "$bin/initdb" -D "$data_dir" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$state_dir/initdb.log" 2>&1 ||
    { cat "$state_dir/initdb.log" >&2; log "initdb failed"; exit 1; }

  as_owner "$bin/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $sock_dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >&2 || { cat "$log_file" >&2; log "postgres failed to start"; exit 1; }

  as_owner "$bin/psql" -h "$sock_dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
CREATE ROLE dashcode LOGIN PASSWORD '$password';
CREATE DATABASE metrics OWNER dashcode;
SQL
  # Since PostgreSQL 15 only the owner may create in schema public; the database owner is dashcode, so it can.
  echo "DATABASE_URL=postgres://dashcode:$password@127.0.0.1:$port/metrics" >"$url_file"
  chmod 600 "$url_file"
  log "listening on 127.0.0.1:$port (pid $(running_pid)), data in $state_dir"
  cat "$url_file"
}

stop() {
  if [[ ! -d $state_dir ]]; then log "not running"; return; fi
  local bin
  if running_pid >/dev/null && bin=$(bin_dir); then
    as_owner "$bin/pg_ctl" -D "$data_dir" -m fast -w stop >&2 || true
  fi
  rm -rf "$state_dir"
  log "stopped and removed $state_dir"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  url) running_pid >/dev/null && [[ -f $url_file ]] && cat "$url_file" || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 start|url|stop" >&2; exit 2 ;;
esac
