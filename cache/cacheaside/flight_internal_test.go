package cacheaside

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"example.com/cloudgo/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// TestLateMissDoesNotReload replays the window between a reader's miss and its
// flight: another flight filled the key and finished in between, so this reader
// starts a flight of its own. That flight must find the fill, not load again (the
// demo's "50 cold reads -> 1 store load" came out 2 under load without it).
func TestLateMissDoesNotReload(t *testing.T) {
	opt, err := ClientOptions(redistest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	store := NewSlowStore(0, map[string]string{"k": "v"})
	c := New(rdb, store, time.Minute, 0, slog.New(slog.DiscardHandler))
	c.SetPrefix(redistest.Prefix(t))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	if v, err := c.Get(ctx, "k"); err != nil || v != "v" { // the first flight loads and fills
		t.Fatalf("Get = %q, %v", v, err)
	}
	if v, err := c.load(ctx, "k"); err != nil || v != "v" { // the late reader's own flight
		t.Fatalf("load = %q, %v", v, err)
	}
	if n := store.Loads(); n != 1 {
		t.Errorf("store loads = %d, want 1: the late flight went to the source", n)
	}
}
