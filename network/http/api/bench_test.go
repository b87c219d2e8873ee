package api

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"
)

// BenchmarkServerGetItem measures requests per second of the full stack
// (middleware included) over real loopback keep-alive connections:
//
//	GOWORK=off go test -run '^$' -bench ServerGetItem -benchtime 5s ./http/api
func BenchmarkServerGetItem(b *testing.B) {
	base, _ := startServerWith(b, io.Discard, DefaultConfig) // logging on, to io.Discard
	c := newClient(b, base)
	if _, err := c.Create(context.Background(), "bench"); err != nil {
		b.Fatal(err)
	}
	hc := c.HTTP
	began := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := hc.Get(base + "/items/1")
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "req/s")
}
