# Where the origin runs: `go run ./varnish/cmd/origin` on the host, reached from the
# Varnish container through Docker's host gateway (compose.yaml maps the name).
backend default {
    .host = "host.docker.internal";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 10s;
}
