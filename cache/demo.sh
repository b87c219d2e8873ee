# services: redis memcached varnish
# Runs the cache examples end to end: `make demo TOPIC=cache`.
heading cache/memcached
go run ./memcached/cmd/memcached
heading cache/memcached/expiry
go run ./memcached/cmd/expiry
heading cache/memcached/badkeys
go run ./memcached/cmd/badkeys
heading cache/rediscache
go run ./rediscache
heading cache/cacheaside
go run ./cacheaside/cmd/cacheaside
heading cache/varnish
go build -o "${TMPDIR:-/tmp}/cloudgo-origin" ./varnish/cmd/origin   # a binary: `go run` would not pass on the stop signal
background "${TMPDIR:-/tmp}/cloudgo-origin" -addr :8080             # where compose.yaml's Varnish looks for the origin
wait_tcp 127.0.0.1:8080
go run ./varnish/cmd/client
