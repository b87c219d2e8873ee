package recovery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) {
	amqp.SetLogger(libraryLog) // once, before any connection reads it
	os.Exit(kit.Main(m))
}

// TestRecovery runs on a broker of its own, which it restarts.
func TestRecovery(t *testing.T) {
	ctr, url := rabbitmqtest.Own(t)

	// No message lost: publish n with confirms while the broker is stopped and
	// started again; the consumer ends with exactly the n ids. Duplicates are
	// allowed only where at-least-once delivery explains them: the broker marked
	// the delivery redelivered, or the publisher sent the id again after losing
	// its confirm.
	t.Run("restart", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		queue := kit.Name(t, "q", "-", 0)
		log := &syncWriter{}
		// The library's own account of its recovery attempts, shown if the test fails.
		libraryLog.to(log)
		defer libraryLog.to(nil)
		defer func() {
			if t.Failed() {
				t.Logf("log:\n%s", log)
			}
		}()
		cons, err := NewConsumer(url, queue, log)
		if err != nil {
			t.Fatal(err)
		}
		defer cons.Close()
		pub, err := NewPublisher(url, queue, log)
		if err != nil {
			t.Fatal(err)
		}
		defer pub.Close()
		if err := cons.Start(ctx); err != nil {
			t.Fatal(err)
		}

		const n = 3000
		restarted := make(chan error, 1)
		var once sync.Once
		// After a third is confirmed, stop the broker (gracefully, as an upgrade
		// would) and start it again, while the publisher keeps going.
		progress := func(confirmed int) {
			if confirmed >= n/3 {
				once.Do(func() {
					go func() {
						stop := 10 * time.Second
						err := ctr.Stop(ctx, &stop)
						t.Logf("broker stopped after %d confirmed (%v)", confirmed, err)
						if err == nil {
							err = ctr.Start(ctx)
						}
						restarted <- err
					}()
				})
			}
		}
		start := time.Now()
		if err := pub.Publish(ctx, n, 50, 100*time.Millisecond, progress); err != nil {
			t.Fatal(err)
		}
		if err := <-restarted; err != nil {
			t.Fatalf("restart the broker: %v", err)
		}
		t.Logf("all %d confirmed after %v", n, time.Since(start).Round(time.Millisecond))
		if _, _, err := cons.WaitFor(ctx, n); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second) // anything still arriving would be a stray duplicate
		seen, dups := cons.Seen()
		for i := range n {
			if seen[strconv.Itoa(i)] == 0 {
				t.Errorf("message %d lost", i)
			}
		}
		if len(seen) != n {
			t.Errorf("consumed %d distinct ids, want exactly %d", len(seen), n)
		}
		republished, redelivered := pub.Republished(), cons.Redelivered()
		for id, k := range seen {
			if k > 1 && !redelivered[id] && republished[id] == 0 {
				t.Errorf("message %s delivered %d times, but neither redelivered nor republished", id, k)
			}
		}
		if cons.drops.Load() == 0 || !strings.Contains(log.String(), "connection lost") {
			t.Errorf("the restart was not noticed: drops=%d, log:\n%s", cons.drops.Load(), log)
		}
		t.Logf("%d duplicates (%d ids republished, %d redelivered); log:\n%s", dups, len(republished), len(redelivered), log)
	})
}

// TestClosedForGood: once the connection is closed for good (here by Close; after a
// long outage by recovery running out of attempts), Publish and WaitFor return
// ErrGaveUp at once instead of retrying a dead connection until their deadline.
func TestClosedForGood(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	queue := kit.Name(t, "q", "-", 0)
	log := &syncWriter{}
	pub, err := NewPublisher(url, queue, log)
	if err != nil {
		t.Fatal(err)
	}
	cons, err := NewConsumer(url, queue, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := cons.Start(ctx); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = pub.Publish(ctx, 100, 10, 0, func(confirmed int) {
		if confirmed == 10 {
			pub.Close()
			cons.Close()
		}
	})
	if !errors.Is(err, ErrGaveUp) || time.Since(start) > 10*time.Second {
		t.Errorf("Publish on a closed connection: %v after %v, want ErrGaveUp at once", err, time.Since(start))
	}
	start = time.Now()
	if _, _, err := cons.WaitFor(ctx, 100); !errors.Is(err, ErrGaveUp) || time.Since(start) > 10*time.Second {
		t.Errorf("WaitFor on a closed connection: %v after %v, want ErrGaveUp at once", err, time.Since(start))
	}
}

// libraryLog writes amqp091-go's log lines to the writer a test gave it, if any.
var libraryLog = &switchLog{}

type switchLog struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *switchLog) to(w io.Writer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.w = w
}

func (l *switchLog) Printf(format string, v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.w != nil {
		fmt.Fprintf(l.w, "amqp091: "+format+"\n", v...)
	}
}

// syncWriter collects what the publisher and consumer print from their goroutines.
type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

var _ io.Writer = (*syncWriter)(nil)
