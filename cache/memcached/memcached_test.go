package memcached_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/memcached"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/memcachedtest"
	"github.com/bradfitz/gomemcache/memcache"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestValidKeyAgreesWithClient: the keys ValidKey refuses are exactly those the
// client refuses with ErrMalformedKey, and nothing is stored for them.
func TestValidKeyAgreesWithClient(t *testing.T) {
	mc := memcache.New(memcachedtest.Addr(t))
	mc.Timeout = time.Second
	for _, key := range []string{"ok", "tab\there", "new\nline", "del\x7f", strings.Repeat("x", 250), strings.Repeat("x", 251), "ünïcode"} {
		setErr := mc.Set(&memcache.Item{Key: key, Value: []byte("v")})
		refused := errors.Is(setErr, memcache.ErrMalformedKey)
		if valid := memcached.ValidKey(key); (valid != nil) != refused {
			t.Errorf("key %.20q: ValidKey=%v but client Set=%v", key, valid, setErr)
		}
		if !refused {
			if setErr != nil {
				t.Fatalf("set %.20q: %v", key, setErr)
			}
			if it, err := mc.Get(key); err != nil || string(it.Value) != "v" {
				t.Errorf("key %.20q did not round-trip: %v", key, err)
			}
		}
	}
}
