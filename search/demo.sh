# services: elasticsearch
# Runs the search examples end to end against the compose container: `make demo TOPIC=search`.
heading search/indexdesign
go run ./indexdesign
heading search/documents
go run ./documents
heading search/refresh
go run ./refresh
heading search/concurrency
go run ./concurrency
heading search/querydsl
go run ./querydsl
heading search/paging
go run ./paging
heading search/aggregations
go run ./aggregations
heading search/bulkload
go run ./bulkload/cmd/bulkload
