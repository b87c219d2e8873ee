# services: redis cassandra postgres mongo
# Runs the nosql examples end to end: `make demo TOPIC=nosql`.
heading nosql/cassandra/users
go run ./cassandra/users
heading nosql/cassandra/bynonkey
go run ./cassandra/bynonkey
heading nosql/cassandra/lwt
go run ./cassandra/lwt
heading nosql/cassandra/writes
go run ./cassandra/writes
heading nosql/cassandra/paging
go run ./cassandra/paging
heading nosql/cassandra/counters
go run ./cassandra/counters
heading nosql/cassandra/consistency
go run ./cassandra/consistency
heading nosql/redis/datatypes
go run ./redis/datatypes
heading nosql/redis/leaderboard
go run ./redis/leaderboard
heading nosql/redis/queue
go run ./redis/queue
heading nosql/redis/streams
go run ./redis/streams
heading nosql/redis/transactions
go run ./redis/transactions
heading nosql/redis/scripting
go run ./redis/scripting
heading nosql/redis/pipeline
go run ./redis/pipeline
heading nosql/redis/pubsub
go run ./redis/pubsub
heading nosql/redis/persistence
go run ./redis/persistence
heading nosql/mongodb/crud
go run ./mongodb/crud
heading nosql/mongodb/indexes
go run ./mongodb/indexes
heading nosql/mongodb/pagination
go run ./mongodb/pagination
heading nosql/mongodb/aggregate
go run ./mongodb/aggregate
heading nosql/mongodb/bulk
go run ./mongodb/bulk
# mongodb/validate, txn and changestream are not steps: CI's stand-in for mongo:8.0 has no
# $jsonSchema, and `make up` runs a standalone server (txn and changestream need a replica
# set). README.md shows how to run them and what the tests expect.
heading nosql/onemodel
go run ./onemodel/cmd/onemodel
