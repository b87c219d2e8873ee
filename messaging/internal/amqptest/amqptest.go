// Package amqptest is what the messaging tests add to the service kit for
// RabbitMQ: deleting the durable queues a test declared, so a test pointed at a
// broker of your own (CLOUDGO_TEST_RABBITMQ_URL) leaves nothing behind, and a
// stand-in rpc server (RPCServer) for the rpc client's tests.
package amqptest

import (
	"testing"

	"example.com/cloudgo/messaging/internal/amqpconn"
	amqp "github.com/rabbitmq/amqp091-go"
)

// DeleteQueues deletes queues on the broker at url when the test ends.
func DeleteQueues(t testing.TB, url string, queues ...string) {
	t.Helper()
	t.Cleanup(func() {
		conn, err := amqpconn.Dial(url, amqp.Config{})
		if err != nil {
			t.Logf("delete test queues: %v", err)
			return
		}
		defer conn.Close()
		for _, q := range queues {
			ch, err := conn.Channel()
			if err == nil {
				_, err = ch.QueueDelete(q, false, false, false)
				ch.Close()
			}
			if err != nil {
				t.Logf("delete test queue %q: %v", q, err)
			}
		}
	})
}
