package memcached_test

import (
	"strconv"
	"testing"
	"time"

	"example.com/cloudgo/internal/memcachedtest"
	"github.com/bradfitz/gomemcache/memcache"
)

// BenchmarkGet100 reads the same 100 keys with 100 Gets (100 round trips) and with
// one GetMulti (one round trip). Reported: keys read per second.
//
//	go test -run '^$' -bench Get100 ./memcached
func BenchmarkGet100(b *testing.B) {
	mc := memcache.New(memcachedtest.Addr(b))
	mc.Timeout = time.Second
	keys := make([]string, 100)
	for i := range keys {
		keys[i] = "bench:" + strconv.Itoa(i)
		if err := mc.Set(&memcache.Item{Key: keys[i], Value: []byte("value-" + keys[i])}); err != nil {
			b.Fatal(err)
		}
	}
	keysPerSec := func(b *testing.B) { b.ReportMetric(float64(b.N*len(keys))/b.Elapsed().Seconds(), "keys/s") }
	b.Run("get-loop", func(b *testing.B) {
		for range b.N {
			for _, k := range keys {
				if _, err := mc.Get(k); err != nil {
					b.Fatal(err)
				}
			}
		}
		keysPerSec(b)
	})
	b.Run("getmulti", func(b *testing.B) {
		for range b.N {
			items, err := mc.GetMulti(keys)
			if err != nil || len(items) != len(keys) {
				b.Fatalf("GetMulti: %d of %d items, %v", len(items), len(keys), err)
			}
		}
		keysPerSec(b)
	})
}
