# services: elasticsearch solr
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
heading search/solr/schema
go run ./solr/schema
heading search/solr/documents
go run ./solr/documents
heading search/solr/commit
go run ./solr/commit
heading search/solr/concurrency
go run ./solr/concurrency
heading search/solr/query
go run ./solr/query
heading search/solr/facets
go run ./solr/facets
heading search/solr/paging
go run ./solr/paging
heading search/esvssolr
go run ./esvssolr/cmd/esvssolr
