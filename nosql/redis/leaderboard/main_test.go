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
	want := strings.ReplaceAll(`top 3:
  1. linus   150
  2. grace   135
  3. ada     120
ada is #3 of 4
scores 100..140: [ada grace]
rank of nobody: redis: nil
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}
