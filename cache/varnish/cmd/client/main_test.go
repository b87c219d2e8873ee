package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/internal/cli"
)

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := run(ctx, []string{"-url", "http://127.0.0.1:1"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1") || !strings.Contains(err.Error(), "`make up`") || cli.Code(err) != 1 {
		t.Fatalf("want one line naming the address and `make up` (exit 1), got %v", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("more than one line: %q", err)
	}
}
