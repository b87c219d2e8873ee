package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/internal/redistest"
	"github.com/redis/go-redis/v9"
	tcexec "github.com/testcontainers/testcontainers-go/exec"
)

// BenchmarkSet is the performance lesson: round trips, not Redis, bound a naive
// client. It compares one SET per round trip, 16 SETs per pipeline, one MSET of 16
// keys, and redis-benchmark (Redis's own C client) on the same server in the same run.
//
//	go test -run '^$' -bench Set -benchtime 100000x ./rediscache
//
// Every variant reports ops/s (SETs per second), whatever b.N is.
func BenchmarkSet(b *testing.B) {
	ctx := context.Background()
	c := redistest.Own(b)
	// Talk to the container's own address when the host can reach it, so that no
	// port-forwarding proxy sits between client and server (redis-benchmark runs inside
	// the container, so this keeps the comparison fair).
	addr, err := c.Endpoint(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	if ip, err := c.ContainerIP(ctx); err == nil && ip != "" {
		if conn, err := net.DialTimeout("tcp", ip+":6379", time.Second); err == nil {
			conn.Close()
			addr = ip + ":6379"
		}
	}
	opt, err := redis.ParseURL("redis://" + addr)
	if err != nil {
		b.Fatal(err)
	}
	opt.PoolSize = 64 // one connection per worker below, like redis-benchmark -c 50
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	const batch = 16
	value := strings.Repeat("x", 3) // redis-benchmark's default value size

	opsPerSec := func(b *testing.B) { b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s") }

	b.Run("go/one-by-one", func(b *testing.B) {
		for i := range b.N {
			if err := rdb.Set(ctx, "key:"+strconv.Itoa(i%10000), value, 0).Err(); err != nil {
				b.Fatal(err)
			}
		}
		opsPerSec(b)
	})
	pipelined := func(n int) error {
		_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i := range n {
				p.Set(ctx, "key:"+strconv.Itoa(i%10000), value, 0)
			}
			return nil
		})
		return err
	}
	b.Run("go/pipelined-16", func(b *testing.B) {
		for done := 0; done < b.N; done += batch {
			if err := pipelined(min(batch, b.N-done)); err != nil {
				b.Fatal(err)
			}
		}
		opsPerSec(b)
	})
	b.Run("go/mset-16", func(b *testing.B) {
		pairs := make([]any, 0, 2*batch)
		for done := 0; done < b.N; done += batch {
			pairs = pairs[:0]
			for i := range min(batch, b.N-done) {
				pairs = append(pairs, "key:"+strconv.Itoa((done+i)%10000), value)
			}
			if err := rdb.MSet(ctx, pairs...).Err(); err != nil {
				b.Fatal(err)
			}
		}
		opsPerSec(b)
	})
	b.Run("redis-benchmark/c1-P16", func(b *testing.B) { redisBenchmark(b, c, addr, 1) })

	// redis-benchmark's own defaults: 50 connections, each pipelining 16.
	b.Run("go/50-conns-pipelined-16", func(b *testing.B) {
		var wg sync.WaitGroup
		per := (b.N + 49) / 50
		for w := range 50 {
			wg.Go(func() {
				for done := w * per; done < min(b.N, (w+1)*per); done += batch {
					if err := pipelined(min(batch, min(b.N, (w+1)*per)-done)); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		opsPerSec(b)
	})
	b.Run("redis-benchmark/c50-P16", func(b *testing.B) { redisBenchmark(b, c, addr, 50) })
}

// redisBenchmark runs redis-benchmark -t set -P 16 and reports the requests per
// second it measured. It runs on this machine against addr, the path the Go client
// takes, when redis-benchmark is installed (Debian: redis-tools); otherwise inside
// the container, over its loopback, which flatters it.
func redisBenchmark(b *testing.B, c interface {
	Exec(context.Context, []string, ...tcexec.ProcessOption) (int, io.Reader, error)
}, addr string, clients int) {
	b.StopTimer()
	args := []string{"redis-benchmark", "-t", "set", "-P", "16",
		"-c", strconv.Itoa(clients), "-n", strconv.Itoa(max(b.N, 16)), "--csv"}
	var out []byte
	var err error
	if _, lookErr := exec.LookPath("redis-benchmark"); lookErr == nil {
		host, port, _ := net.SplitHostPort(addr)
		out, err = exec.Command(args[0], append(args[1:], "-h", host, "-p", port)...).CombinedOutput()
	} else {
		b.Log("redis-benchmark not installed here: running it inside the container")
		var code int
		var r io.Reader
		code, r, err = c.Exec(context.Background(), args, tcexec.Multiplexed())
		if err == nil && code != 0 {
			err = fmt.Errorf("exit status %d", code)
		}
		if r != nil {
			out, _ = io.ReadAll(r)
		}
	}
	if err != nil {
		b.Fatalf("redis-benchmark: %v\n%s", err, out)
	}
	// CSV: "test","rps",... then "SET","123456.79",...
	for line := range strings.Lines(string(out)) {
		f := strings.Split(strings.TrimSpace(line), ",")
		if len(f) > 1 && f[0] == `"SET"` {
			rps, err := strconv.ParseFloat(strings.Trim(f[1], `"`), 64)
			if err != nil {
				b.Fatalf("redis-benchmark printed %q", line)
			}
			b.ReportMetric(rps, "ops/s")
			return
		}
	}
	b.Fatalf("no SET line in redis-benchmark's output:\n%s", out)
}
