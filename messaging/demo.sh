#!/usr/bin/env bash
# Runs the messaging examples end to end (`make demo TOPIC=messaging` runs this from
# messaging/). Starts RabbitMQ and Kafka with docker compose, unless they already run
# (then leaves them running). kafka/throughput needs kcat (apt-get install kcat).
set -euo pipefail
cd "$(dirname "$0")"
compose=(${COMPOSE:-docker compose} -f ../compose.yaml)
services=(rabbitmq kafka)

started=
if [[ $("${compose[@]}" ps --status running --services 2>/dev/null | grep -cxE 'rabbitmq|kafka') != 2 ]]; then
  "${compose[@]}" up -d --wait "${services[@]}"
  started=1
fi
cleanup() {
  if [[ -n $started ]]; then "${compose[@]}" down "${services[@]}" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

heading() { printf '\n=== %s ===\n' "$1"; }

heading messaging/rabbitmq/hello
go run ./rabbitmq/hello
heading messaging/rabbitmq/workqueue
go run ./rabbitmq/workqueue
heading messaging/rabbitmq/pubsub
go run ./rabbitmq/pubsub
heading messaging/rabbitmq/routing
go run ./rabbitmq/routing
heading messaging/rabbitmq/topics
go run ./rabbitmq/topics
heading messaging/rabbitmq/rpc
go run ./rabbitmq/rpc 1 10 30 ten
heading messaging/rabbitmq/confirms
go run ./rabbitmq/confirms -n 2000 -batch 100
heading messaging/rabbitmq/recovery
go run ./rabbitmq/recovery -n 2000

heading messaging/kafka/admin
go run ./kafka/admin -topic events -partitions 3
heading messaging/kafka/producer
go run ./kafka/producer -topic events
heading messaging/kafka/consumer
go run ./kafka/consumer -topic events -partition 0 -offset 1
heading messaging/kafka/group
# A fresh group each run, so there is always something to consume.
go run ./kafka/group -topic events -group "demo-$(date +%s)" -members 3
heading messaging/kafka/throughput
if command -v kcat >/dev/null; then
  go run ./kafka/throughput -n 50000
else
  echo "skipped: kcat is not installed (apt-get install kcat)"
fi
