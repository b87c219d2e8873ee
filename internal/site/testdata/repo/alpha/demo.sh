# services: redis
# The fixture's demo.
background go run ./srv/cmd/server -addr 127.0.0.1:7000
wait_tcp 127.0.0.1:7000

heading alpha/hello
go run ./hello -n 2   # says hello twice

heading alpha/srv/cmd/client
needs nc netcat-openbsd && go run ./srv/cmd/client hi

heading alpha/solo
go run ./solo/cmd/solo
