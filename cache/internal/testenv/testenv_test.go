package testenv

import "testing"

// An endpoint handed over in the environment is used as given, and nothing starts:
// these run without Docker.
func TestEnvironmentEndpointsWin(t *testing.T) {
	t.Setenv("CLOUDGO_TEST_REDIS_URL", "redis://cache.example:6380/2")
	if got := Redis(t); got != "redis://cache.example:6380/2" {
		t.Errorf("Redis with _URL set = %q", got)
	}
	t.Setenv("CLOUDGO_TEST_REDIS_URL", "")
	t.Setenv("CLOUDGO_TEST_REDIS_ADDR", "10.0.0.5:6379")
	if got := Redis(t); got != "redis://10.0.0.5:6379" {
		t.Errorf("Redis with _ADDR set = %q", got)
	}
	t.Setenv("CLOUDGO_TEST_MEMCACHED_ADDR", "10.0.0.6:11211")
	if got := Memcached(t); got != "10.0.0.6:11211" {
		t.Errorf("Memcached with _ADDR set = %q", got)
	}
	t.Setenv("CLOUDGO_TEST_VARNISH_URL", "http://10.0.0.7:6081")
	t.Setenv("CLOUDGO_TEST_VARNISH_PROXY_ADDR", "10.0.0.7:6443")
	if got := StartVarnish(t, "unused.vcl", 8080); got != (Varnish{URL: "http://10.0.0.7:6081", ProxyAddr: "10.0.0.7:6443"}) {
		t.Errorf("StartVarnish with _URL set = %+v", got)
	}
	if started != nil {
		t.Errorf("containers were started: %v", started)
	}
}
