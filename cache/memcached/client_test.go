package memcached_test

import (
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/memcached"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/memcachedtest"
)

// TestClient: a value round-trips, a miss is "" and no error, deleting a
// missing key is fine, and a failure names the key and the server.
func TestClient(t *testing.T) {
	c := memcached.New(memcachedtest.Addr(t), time.Second)
	key := kit.Name(t, "", "-", 40)
	if err := c.DeleteAll(key, key+"-never-set"); err != nil {
		t.Fatal(err)
	}
	if v, err := c.GetString(key); v != "" || err != nil {
		t.Fatalf("get of a missing key = %q, %v; want \"\", nil", v, err)
	}
	if err := c.SetString(key, "hello"); err != nil {
		t.Fatal(err)
	}
	if v, err := c.GetString(key); v != "hello" || err != nil {
		t.Fatalf("get = %q, %v; want hello", v, err)
	}
	if err := c.DeleteAll(key); err != nil {
		t.Fatal(err)
	}
	if v, err := c.GetString(key); v != "" || err != nil {
		t.Fatalf("get after delete = %q, %v; want a miss", v, err)
	}

	down := memcached.New("127.0.0.1:1", time.Second)
	if err := down.SetString("k", "v"); err == nil || !strings.Contains(err.Error(), "set k on 127.0.0.1:1") {
		t.Errorf("set on a dead server: %v, want the key and address named", err)
	}
	if _, err := down.GetString("k"); err == nil || !strings.Contains(err.Error(), "get k from 127.0.0.1:1") {
		t.Errorf("get on a dead server: %v, want the key and address named", err)
	}
}
