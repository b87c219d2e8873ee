#!/usr/bin/env bash
# Runs the nosql examples end to end (`make demo TOPIC=nosql` runs this from nosql/).
# Starts the services they need with docker compose unless they already run, and stops
# the ones it started.
set -euo pipefail
cd "$(dirname "$0")"
compose=(${COMPOSE:-docker compose} -f ../compose.yaml)
services=(redis cassandra)

# Start only the services that are not running yet, and stop only those at the end:
# a server someone else started keeps running.
running=$("${compose[@]}" ps --status running --services 2>/dev/null || true)
started=()
for s in "${services[@]}"; do
  grep -qx "$s" <<<"$running" || started+=("$s")
done
if ((${#started[@]})); then "${compose[@]}" up -d --wait "${started[@]}"; fi
cleanup() {
  if ((${#started[@]})); then "${compose[@]}" down "${started[@]}" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

heading() { printf '\n=== %s ===\n' "$1"; }

for example in users bynonkey lwt writes paging counters consistency; do
  heading "nosql/cassandra/$example"
  go run "./cassandra/$example"
done
for example in datatypes leaderboard queue streams transactions scripting pipeline pubsub persistence; do
  heading "nosql/redis/$example"
  go run "./redis/$example"
done
