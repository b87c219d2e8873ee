package main

import (
	"context"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
	"example.com/cloudgo/nosql/internal/redisconn"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: both ways store the same 1000 values, and the pipeline is faster
// (timings vary; being at least 2× faster over a network hop does not).
func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	prefix := redistest.Prefix(t)
	var out strings.Builder
	if err := run(ctx, []string{"-addr", redistest.URL(t), "-prefix", prefix, "-n", "1000"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^1000 SETs one by one: \S+\n1000 SETs pipelined:  \S+\npipelined is (\d+)× faster\n$`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
	if ratio, _ := strconv.Atoi(m[1]); ratio < 2 {
		t.Errorf("pipelined only %d× faster:\n%s", ratio, out.String())
	}
	rdb, err := redisconn.Connect(ctx, redistest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	for _, i := range []int{0, 500, 999} {
		if got := rdb.Get(ctx, prefix+"pipe:"+strconv.Itoa(i)).Val(); got != strconv.Itoa(i) {
			t.Errorf("key %d = %q", i, got)
		}
	}
}
