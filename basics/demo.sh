# services:
# Runs the basics lessons in reading order: `make demo TOPIC=basics`.
heading basics/values
go run ./values
heading basics/strings
go run ./strings
heading basics/collections
go run ./collections
heading basics/operators
go run ./operators
heading basics/controlflow
go run ./controlflow
heading basics/functions
go run ./functions
heading basics/errors
go run ./errors
heading basics/types
go run ./types
heading basics/packages
go run ./packages
heading basics/stdlib-text
go run ./stdlib-text
heading basics/stdlib-data
go run ./stdlib-data
heading basics/stdlib-time
go run ./stdlib-time
heading basics/concurrency
go run ./concurrency
