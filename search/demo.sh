#!/usr/bin/env bash
# Runs the search examples end to end (`make demo TOPIC=search` runs this from search/).
# Starts Elasticsearch with docker compose (security off, dev only, see compose.yaml)
# unless it already runs (then leaves it running).
set -euo pipefail
cd "$(dirname "$0")"
compose=(${COMPOSE:-docker compose} -f ../compose.yaml)
services=(elasticsearch)

started=
if ! "${compose[@]}" ps --status running --services 2>/dev/null | grep -qx elasticsearch; then
  "${compose[@]}" up -d "${services[@]}"
  started=1
fi
cleanup() {
  if [[ -n $started ]]; then "${compose[@]}" down "${services[@]}" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# Wait up to two minutes for the HTTP API (the JVM takes ~30 s to start).
# (Polled from here rather than with `up --wait`: the same loop works for any image.)
ready=
for _ in $(seq 120); do
  if (exec 3<>/dev/tcp/127.0.0.1/9200 && printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && read -r status <&3 && [[ $status == *" 200 "* ]]) 2>/dev/null; then
    ready=1
    break
  fi
  sleep 1
done
[[ -n $ready ]] || { echo "demo: elasticsearch on 127.0.0.1:9200 did not answer within 2 minutes" >&2; exit 1; }

heading() { printf '\n=== %s ===\n' "$1"; }

heading search/indexdesign
go run ./indexdesign
heading search/documents
go run ./documents
heading search/querydsl
go run ./querydsl
heading search/aggregations
go run ./aggregations
heading search/bulkload
go run ./bulkload
