package amqptest

import (
	"context"
	"testing"

	"example.com/cloudgo/messaging/internal/amqpconn"
	amqp "github.com/rabbitmq/amqp091-go"
)

// RPCServer answers requests on queue the way the rpc server does (to reply_to,
// with the correlation_id copied), with "=" and the request for an answer, and an
// answer of type "error" for "bad", until ctx ends.
func RPCServer(t testing.TB, ctx context.Context, url, queue string) {
	t.Helper()
	conn, err := amqpconn.Dial(url, amqp.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	ch, err := conn.Channel()
	if err == nil {
		_, err = ch.QueueDeclare(queue, true, false, false, false, nil)
	}
	var reqs <-chan amqp.Delivery
	if err == nil {
		reqs, err = ch.ConsumeWithContext(ctx, queue, "", true, false, false, false, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for d := range reqs {
			reply := amqp.Publishing{CorrelationId: d.CorrelationId, Body: append([]byte("="), d.Body...)}
			if string(d.Body) == "bad" {
				reply.Type = "error"
			}
			_ = ch.PublishWithContext(ctx, "", d.ReplyTo, false, false, reply)
		}
	}()
}
