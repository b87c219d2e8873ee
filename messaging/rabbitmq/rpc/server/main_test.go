package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/amqptest"
	"example.com/cloudgo/messaging/internal/cli"
	amqp "github.com/rabbitmq/amqp091-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestServe: requests sent before the server starts wait in the queue; each gets
// its answer on its reply_to queue with its correlation id, bad input an error
// answer; -requests 3 stops the server after the third.
func TestServe(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	queue := kit.Name(t, "rpc", "-", 0)
	amqptest.DeleteQueues(t, url, queue)
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ch, err := conn.Channel()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ch.QueueDeclare(queue, true, false, false, false, nil); err != nil {
		t.Fatal(err)
	}
	replyQ, err := ch.QueueDeclare("", false, true, true, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	replies, err := ch.Consume(replyQ.Name, "", true, true, false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"id-10": "55", "id-ten": `want an integer 0..90, got "ten"`, "id-90": "2880067194370816120"}
	for _, n := range []string{"10", "ten", "90"} {
		err := ch.PublishWithContext(ctx, "", queue, false, false, amqp.Publishing{CorrelationId: "id-" + n, ReplyTo: replyQ.Name, Body: []byte(n)})
		if err != nil {
			t.Fatal(err)
		}
	}
	var out strings.Builder
	if err := run(ctx, []string{"-url", url, "-queue", queue, "-requests", "3"}, &out, &out); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		select {
		case d := <-replies:
			if string(d.Body) != want[d.CorrelationId] || (d.Type == "error") != (d.CorrelationId == "id-ten") {
				t.Errorf("reply %s: %q (type %q), want %q", d.CorrelationId, d.Body, d.Type, want[d.CorrelationId])
			}
		case <-ctx.Done():
			t.Fatal("missing replies")
		}
	}
	if !strings.HasPrefix(out.String(), "serving fib on \""+queue+"\"\nfib(10): 55\n") {
		t.Errorf("output:\n%s", out.String())
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-requests", "-1"},
		{"-requests", "x"},
		{"-no-such-flag"},
	} {
		var stderr strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, append([]string{"-url", "amqp://guest:guest@127.0.0.1:1/"}, args...), io.Discard, &stderr)
		cancel()
		if cli.Code(err) != 2 || err.Error() == "" {
			t.Errorf("%q: got %v (exit %d), want a usage error (exit 2)", args, err, cli.Code(err))
		}
	}
}
