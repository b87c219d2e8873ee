#!/usr/bin/env bash
# Runs the cache examples end to end (`make demo TOPIC=cache` runs this from cache/).
# Starts the services they need with docker compose, unless they already run (then
# leaves them running), and the Varnish origin in the background.
set -euo pipefail
cd "$(dirname "$0")"
compose=(${COMPOSE:-docker compose} -f ../compose.yaml)
services=(redis memcached varnish)

# Start only what is not running yet, and later stop only that.
running=$("${compose[@]}" ps --status running --services 2>/dev/null || true)
started=()
for s in "${services[@]}"; do grep -qx "$s" <<<"$running" || started+=("$s"); done
if ((${#started[@]})); then "${compose[@]}" up -d --wait "${started[@]}"; fi
origin=
cleanup() {
  if [[ -n $origin ]]; then kill -INT "$origin" 2>/dev/null || true; wait "$origin" 2>/dev/null || true; fi
  if ((${#started[@]})); then "${compose[@]}" down "${started[@]}" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

heading() { printf '\n=== %s ===\n' "$1"; }

heading cache/memcached
go run ./memcached
heading cache/rediscache
go run ./rediscache
heading cache/cacheaside/demo
go run ./cacheaside/demo

heading cache/varnish
go build -o "${TMPDIR:-/tmp}/cloudgo-origin" ./varnish/origin
"${TMPDIR:-/tmp}/cloudgo-origin" -addr :8080 &
origin=$!
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null && break; sleep 0.1; done
go run ./varnish/client
