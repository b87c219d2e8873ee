# Varnish in front of the Go origin (cache/varnish/cmd/origin). VCL 4.1: Varnish 6.0 and later.
vcl 4.1;

# The origin lives in its own file, so the tests and compose.yaml can point Varnish at
# wherever the origin runs without touching the caching rules below.
include "backend.vcl";

# Who may PURGE: loopback and private networks (an operations network, the Docker
# bridges that `make up` and the tests use). Never the public internet, or anyone could
# empty the cache and send every request to the origin.
acl purgers {
    "localhost";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE not allowed from " + client.ip));
        }
        # Evicts the object for this URL (every variant of it).
        return (purge);
    }
    # Everything else: the built-in vcl_recv, which caches GET/HEAD without
    # Authorization or Cookie headers.
}

sub vcl_backend_response {
    # The TTL comes from the origin's Cache-Control (s-maxage, then max-age).
    # Grace is how long an expired object may still be served while a fresh copy is
    # fetched in the background; Varnish reads it from stale-while-revalidate, else
    # uses default_grace (10 s). We turn it off when the origin does not ask for it,
    # so that "expired" visibly means "fetched again".
    if (beresp.http.Cache-Control !~ "stale-while-revalidate") {
        set beresp.grace = 0s;
    }
}

sub vcl_synth {
    # Answers Varnish makes up itself (purged, refused): one line of text, not the
    # built-in HTML error page.
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    synthetic(resp.reason + {"
"});
    return (deliver);
}

sub vcl_deliver {
    # Tell clients whether the response came from the cache. Age (seconds the object
    # has been cached) is set by Varnish itself.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
