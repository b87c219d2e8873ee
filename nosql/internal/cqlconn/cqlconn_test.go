package cqlconn

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestAwaitIndex: "index not ready" answers are retried, any other error
// ends the wait at once, and so does the end of ctx.
func TestAwaitIndex(t *testing.T) {
	building := errors.New("The secondary index 'idx' is not yet available")
	calls := 0
	err := AwaitIndex(context.Background(), "idx", func() error {
		if calls++; calls < 3 {
			return building
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Errorf("AwaitIndex = %v after %d calls, want nil after 3", err, calls)
	}

	other, calls := errors.New("syntax error"), 0
	if err := AwaitIndex(context.Background(), "idx", func() error { calls++; return other }); err != other || calls != 1 {
		t.Errorf("AwaitIndex = %v after %d calls, want the other error after 1", err, calls)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err = AwaitIndex(ctx, "idx", func() error { return errors.New("read failure: INDEX_NOT_AVAILABLE") })
	if err == nil || !strings.Contains(err.Error(), "wait for index idx: read failure: INDEX_NOT_AVAILABLE") {
		t.Errorf("AwaitIndex on an ended ctx = %v, want a wait error naming the index and the last refusal", err)
	}
}
