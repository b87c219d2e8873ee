#!/usr/bin/env bash
# The one way cloudgo's demos run (`make demo` calls it per topic):
#
#   bash internal/demo/run.sh check          Docker engine and compose plugin present? one line if not
#   bash internal/demo/run.sh TOPIC          run TOPIC/demo.sh end to end
#
# TOPIC/demo.sh holds only steps. Its first line names the compose services it
# needs ("# services: redis memcached", or nothing after the colon). This script
# starts those that are not running yet (and waits for their health checks), runs
# the steps from inside TOPIC/, and at the end stops background programs and only
# the services it started itself. The steps may use:
#
#   heading NAME         a step's heading, "=== NAME ===" (make docs finds output by it)
#   needs CMD PKG        0 if CMD is installed, else prints "skipped: …" and returns 1
#                        (under CLOUDGO_REQUIRE_SERVICES=1, as in CI, that fails the demo)
#   background CMD…      starts a server in its own process group, its log kept aside
#   wait_tcp HOST:PORT   waits up to 15 s for a listener
#   wait_log REGEX       waits up to 15 s for a line in a background program's log
#   background_output    waits up to 15 s for the last background program to end by
#                        itself, then prints its log (a server that stops after N requests)
#
# A step that exits non-zero stops the demo with its status. Output on stderr that
# reads like an error (error, panic, FAIL) fails the demo at the end: examples print
# the failures they demonstrate on stdout, as results.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
compose=(${COMPOSE:-docker compose} -f "$root/compose.yaml")

# check_compose prints one line naming what is missing and returns 1.
check_compose() {
  if ! command -v docker >/dev/null; then
    echo "demo: no docker command: install Docker Engine (Debian: apt-get install docker.io) and rerun" >&2
    return 1
  fi
  if ! docker info >/dev/null 2>&1; then
    echo "demo: the Docker engine does not answer (docker info failed): start it (sudo systemctl start docker) and rerun" >&2
    return 1
  fi
  if ! "${compose[@]}" version >/dev/null 2>&1; then
    echo "demo: no docker compose plugin: install it (Debian: apt-get install docker-compose-plugin, or from Docker's packages) and rerun" >&2
    return 1
  fi
}

if [[ ${1:-} == check ]]; then
  check_compose
  exit
fi
topic=${1:?usage: run.sh TOPIC | check}
cd "$root/$topic"
[[ -f demo.sh ]] || { echo "demo: $topic has no demo.sh" >&2; exit 1; }
read -r -a services <<<"$(sed -n '1s/^# services:\(.*\)/\1/p' demo.sh)"

work=$(mktemp -d)
started=()
bg_pids=()
cleanup() {
  local status=$?
  # SIGINT to the whole group: `go run` and the server it started both stop.
  for pid in "${bg_pids[@]}"; do kill -INT -- "-$pid" 2>/dev/null || true; done
  for pid in "${bg_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if ((${#started[@]})); then "${compose[@]}" down "${started[@]}" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

if ((${#services[@]})); then
  check_compose
  running=$("${compose[@]}" ps --status running --services 2>/dev/null || true)
  for s in "${services[@]}"; do grep -qx "$s" <<<"$running" || started+=("$s"); done
  if ((${#started[@]})); then
    echo "starting ${started[*]} (docker compose; stopped again at the end)"
    "${compose[@]}" up -d --wait "${started[@]}" >"$work/compose.log" 2>&1 || { cat "$work/compose.log" >&2; exit 1; }
  fi
fi

heading() { printf '\n=== %s ===\n' "$1"; }
needs() {
  command -v "$1" >/dev/null && return 0
  echo "skipped: $1 is not installed (apt-get install $2)"
  if [[ ${CLOUDGO_REQUIRE_SERVICES:-} == 1 ]]; then
    echo "demo: CLOUDGO_REQUIRE_SERVICES=1: $1 is required" >&2
    exit 1
  fi
  return 1
}
background() {
  set -m # job control: the program gets a process group of its own
  "$@" >"$work/background.${#bg_pids[@]}.log" 2>&1 &
  bg_pids+=($!)
  set +m
}
wait_log() {
  for _ in $(seq 150); do
    cat "$work"/background.*.log 2>/dev/null | grep -Eq -- "$1" && return 0
    sleep 0.1
  done
  echo "demo: no line matching '$1' in the background programs' logs after 15 s:" >&2
  cat "$work"/background.*.log >&2
  return 1
}
background_output() {
  local i=$((${#bg_pids[@]} - 1)) rc=0
  local pid=${bg_pids[i]}
  for _ in $(seq 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || rc=$?
      cat "$work/background.$i.log"
      return "$rc"
    fi
    sleep 0.1
  done
  echo "demo: the last background program is still running after 15 s:" >&2
  cat "$work/background.$i.log" >&2
  return 1
}
wait_tcp() {
  local host=${1%:*} port=${1##*:}
  for _ in $(seq 150); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "demo: nothing listens on $1 after 15 s" >&2
  cat "$work"/background.*.log >&2 2>/dev/null || true
  return 1
}

# Steps run with -e: the first failing example stops the demo. Their stderr is
# shown and kept, to look for error lines once they are done.
exec 3>&2
exec 2> >(tee "$work/stderr" >&3)
tee_pid=$!
# The trailing ":" keeps a last step such as `needs kcat kcat && …` from failing the
# demo when the tool is missing (a false && list is not an error unless it is last).
# shellcheck source=/dev/null
source <(cat ./demo.sh; echo :)
exec 2>&3
wait "$tee_pid"
errors=$(grep -Ev '^go: (downloading|finding|extracting) ' "$work/stderr" | grep -Ei '\berror\b|panic|^FAIL' || true)
if [[ -n $errors ]]; then
  printf 'demo: %s printed errors on stderr:\n%s\n' "$topic" "$errors" >&2
  exit 1
fi
