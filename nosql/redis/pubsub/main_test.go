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
	want := strings.ReplaceAll(`publish before subscribing: 0 receivers
received on news: "hello from news"
received on news:sport: "hello from news:sport"
received on news: "hello from news"
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}
