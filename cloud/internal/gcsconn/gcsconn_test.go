package gcsconn

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
)

// TestCreateBucketConflict: the JSON API's 409 for a bucket name that is taken
// becomes ErrBucketExists; other statuses keep their code.
func TestCreateBucketConflict(t *testing.T) {
	status := http.StatusConflict
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(`{"error":{"code":` + strconv.Itoa(status) + `,"message":"nope"}}`))
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := New(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if err := CreateBucket(ctx, c, "p", "b", nil); !errors.Is(err, ErrBucketExists) {
		t.Errorf("409: %v; want ErrBucketExists", err)
	}
	status = http.StatusForbidden
	if err := CreateBucket(ctx, c, "p", "b", nil); errors.Is(err, ErrBucketExists) || Status(err) != http.StatusForbidden {
		t.Errorf("403: %v (status %d); want the 403 as it is", err, Status(err))
	}
}

// TestUnreachableNotRetried: where nothing listens the client gives up at once
// instead of retrying until the context ends, and the error says so.
func TestUnreachableNotRetried(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := New(ctx, "127.0.0.1:"+kit.FreePort(t))
	if err != nil {
		t.Fatal(err)
	}
	err = CreateBucket(ctx, c, "p", "b", nil)
	if !Unreachable(err) || ctx.Err() != nil {
		t.Errorf("got %v (context: %v); want an unreachable error before the deadline", err, ctx.Err())
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error spans lines: %q", err)
	}
}
