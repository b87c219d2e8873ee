package rpc

import (
	"context"
	"errors"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/amqptest"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestAnswersMatchRequests: 100 concurrent calls through one reply queue, with a
// stray reply in between, each get the answer to their own request.
func TestAnswersMatchRequests(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "rpc", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	amqptest.RPCServer(t, ctx, url, queue)
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	c, err := NewClient(conn, queue, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// A reply nobody waits for (say, to a call that timed out) must be dropped,
	// not handed to the next caller.
	stray, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	err = stray.PublishWithContext(ctx, "", c.replyTo, false, false,
		amqp.Publishing{CorrelationId: "nobody-waits-for-this", Body: []byte("999")})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Go(func() {
			got, err := c.Call(ctx, strconv.Itoa(i))
			if want := "=" + strconv.Itoa(i); err != nil || got != want {
				t.Errorf("call %d: got %q, %v; want %s", i, got, err, want)
			}
		})
	}
	wg.Wait()
	if _, err := c.Call(ctx, "bad"); !errors.Is(err, ErrRemote) {
		t.Errorf("want ErrRemote for a refused request, got %v", err)
	}
}
