package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/nosql/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Redis (a container); run without -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	prefix := testenv.Prefix(t)
	var out strings.Builder
	if err := run(ctx, testenv.Redis(t), prefix, &out); err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(`stream length: 4
worker-a got [101 102], worker-b got [103 104]
pending: 2, by consumer: map[worker-a:2]
worker-b claimed [101 102] and acknowledged them
pending now: 0; the stream still holds 4 entries (XTRIM/MAXLEN removes them)
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}
