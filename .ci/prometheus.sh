#!/usr/bin/env bash
# A real Prometheus holding the test fixture (synthetic continuous-batching
# metrics for 2026-10-31T22:00:00Z .. 2026-11-01T00:00:00Z), for tests and CI.
#
#   .ci/prometheus.sh start   install if missing, backfill, start; prints PROMETHEUS_URL=http://127.0.0.1:PORT
#   .ci/prometheus.sh url     prints the URL of the running instance (exit 1 if none)
#   .ci/prometheus.sh stop    stops it and deletes its files
#
# Typical use:  export "$(.ci/prometheus.sh start)"; npx vitest run test/prometheus; .ci/prometheus.sh stop
#
# Everything lives in $DASHCODE_PROMETHEUS_DIR (default /tmp/dashcode-prometheus);
# it listens on loopback only, on a free port unless DASHCODE_PROMETHEUS_PORT is set.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state_dir=${DASHCODE_PROMETHEUS_DIR:-${TMPDIR:-/tmp}/dashcode-prometheus}
pid_file=$state_dir/prometheus.pid
url_file=$state_dir/url
log_file=$state_dir/prometheus.log

log() { echo "[prometheus.sh] $*" >&2; }

running_pid() {
  # Only a pid we recorded, and only while it is still our prometheus (pids get reused).
  [[ -f $pid_file ]] || return 1
  local pid
  pid=$(cat "$pid_file")
  [[ -r /proc/$pid/cmdline ]] || return 1
  [[ $(tr '\0' ' ' <"/proc/$pid/cmdline") == *"--storage.tsdb.path=$state_dir/tsdb"* ]] || return 1
  echo "$pid"
}

install_prometheus() {
  if command -v prometheus >/dev/null && command -v promtool >/dev/null; then return; fi
  log "installing Debian's prometheus package"
  # The package's maintainer scripts would start the system service on :9090 with
  # /var/lib/prometheus; policy-rc.d exit 101 forbids that (left alone if one exists).
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
  fi
  local apt_log=$state_dir/apt.log
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >"$apt_log" 2>&1; then
    apt-get update -q >>"$apt_log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus >>"$apt_log" 2>&1 ||
      { [[ $added_policy == 1 ]] && rm -f "$policy"; cat "$apt_log" >&2; log "apt-get install prometheus failed"; exit 1; }
  fi
  [[ $added_policy == 1 ]] && rm -f "$policy"
  # Belt and braces: if a service manager started it anyway, stop and disable it.
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl stop prometheus && systemctl disable prometheus >/dev/null 2>&1 || true
  fi
  return 0
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_ready() {
  local url=$1 pid=$2
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$log_file" >&2
      log "prometheus exited during startup (log above, full log in $log_file)"
      return 1
    fi
    if node -e "fetch(process.argv[1]+'/-/ready',{signal:AbortSignal.timeout(2000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$url"; then
      return 0
    fi
    sleep 0.5
  done
  log "prometheus at $url not ready after 60 s (log: $log_file)"
  return 1
}

start() {
  if pid=$(running_pid); then
    log "already running (pid $pid)"
    echo "PROMETHEUS_URL=$(cat "$url_file")"
    return
  fi
  rm -rf "$state_dir"
  mkdir -p "$state_dir"
  install_prometheus

  log "generating the OpenMetrics fixture"
  (cd "$repo_root" && node --import tsx test/fixtures/prometheus/generate-openmetrics.ts "$state_dir/fixture.om")
  log "backfilling with promtool"
  promtool tsdb create-blocks-from openmetrics "$state_dir/fixture.om" "$state_dir/tsdb" >"$state_dir/promtool.log" 2>&1 ||
    { cat "$state_dir/promtool.log" >&2; log "promtool backfill failed"; exit 1; }
  rm -f "$state_dir/fixture.om"

  # No scrape targets: the data is exactly the backfilled fixture.
  printf 'global:\n  scrape_interval: 15s\nscrape_configs: []\n' >"$state_dir/prometheus.yml"

  local port=${DASHCODE_PROMETHEUS_PORT:-$(free_port)}
  local url=http://127.0.0.1:$port
  # Retention is measured back from the newest block, but 100y keeps the fixture
  # whatever else lands here; queries must use the fixture window, not now.
  setsid prometheus \
    --config.file="$state_dir/prometheus.yml" \
    --storage.tsdb.path="$state_dir/tsdb" \
    --storage.tsdb.retention.time=100y \
    --web.listen-address="127.0.0.1:$port" \
    >"$log_file" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"
  echo "$url" >"$url_file"
  wait_ready "$url" "$pid" || { stop; exit 1; }
  log "ready (pid $pid), $(prometheus --version 2>&1 | head -n 1)"
  echo "PROMETHEUS_URL=$url"
}

stop() {
  if pid=$(running_pid); then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    log "stopped pid $pid"
  fi
  rm -rf "$state_dir"
}

url() {
  if running_pid >/dev/null; then cat "$url_file"; else log "not running"; exit 1; fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
