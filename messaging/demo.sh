# services: rabbitmq kafka
# Runs the messaging examples end to end: `make demo TOPIC=messaging`.
heading messaging/rabbitmq/hello
go run ./rabbitmq/hello
heading messaging/rabbitmq/workqueue
# -slow 2s: the slow worker holds its one task while the fast one does all the rest.
go run ./rabbitmq/workqueue -slow 2s
go run ./rabbitmq/workqueue -prefetch 0 -queue task_queue_rr
heading messaging/rabbitmq/pubsub
go run ./rabbitmq/pubsub
heading messaging/rabbitmq/routing
go run ./rabbitmq/routing
heading messaging/rabbitmq/topics
go run ./rabbitmq/topics
# The server runs in the background; -requests 4: it stops by itself after
# answering the client's four calls, and its own output is shown after the client's.
background go run ./rabbitmq/rpc/server -requests 4
wait_log 'serving fib'
heading messaging/rabbitmq/rpc/client
go run ./rabbitmq/rpc/client 1 10 30 ten
heading messaging/rabbitmq/rpc/server
background_output
heading messaging/rabbitmq/confirms
go run ./rabbitmq/confirms/cmd/confirms -n 2000 -batch 100
heading messaging/rabbitmq/recovery
go run ./rabbitmq/recovery/cmd/recovery -n 2000
heading messaging/kafka/admin
go run ./kafka/admin -topic events -partitions 3
heading messaging/kafka/producer
go run ./kafka/producer -topic events
heading messaging/kafka/consumer
go run ./kafka/consumer -topic events -partition 0 -offset 1
heading messaging/kafka/throughput
needs kcat kcat && go run ./kafka/throughput -n 50000
heading messaging/kafka/group
# A fresh group each run, so there is always something to consume.
go run ./kafka/group/cmd/group -topic events -group "demo-$(date +%s)" -members 3
