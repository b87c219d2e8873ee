// Package recovery publishes and consumes on RabbitMQ connections that survive a
// broker restart, losing nothing.
//
// amqp091-go (≥ 1.13) reconnects by itself when amqp.Config.Recovery is set: it
// redials, reopens channels (with confirm mode and Qos), redeclares queues and
// re-subscribes consumers. What stays the application's job, and this package does:
//
//   - republish what was not confirmed (Publisher): confirms pending at the drop
//     resolve as not acked, and publishing during the outage fails;
//   - never ack a delivery from before the drop (Consumer): delivery tags count
//     per channel, so an old tag would name a different message on the new
//     channel. Those messages come again, marked Redelivered;
//   - drain NotifyClose (Dial): the library reports every drop there, and gives
//     up on a listener that does not read.
//
// The program in cmd/recovery runs a publisher and a consumer against each other.
package recovery

import (
	"errors"
	"fmt"
	"io"
	"time"

	"example.com/cloudgo/messaging/internal/amqpconn"
	amqp "github.com/rabbitmq/amqp091-go"
)

// ErrGaveUp is what Publisher and Consumer return once their connection is closed
// for good: recovery ran out of attempts (or Close was called). Without this check
// a publisher would retry a dead connection until its deadline, or forever.
var ErrGaveUp = errors.New("the connection is closed for good: recovery gave up, or it was closed")

// Dial dials url with automatic recovery (retry every second for two minutes: a
// broker with quorum queues may take over a minute to restart on a busy machine)
// and prints every drop of the connection to out as "who: connection lost (…)".
func Dial(url, who string, out io.Writer) (*amqp.Connection, error) {
	conn, err := amqpconn.Dial(url, amqp.Config{Recovery: &amqp.Recovery{
		ReconnectionConfig: &amqp.ReconnectionConfig{MaxRetryCount: 120, RetryInterval: time.Second},
	}})
	if err != nil {
		return nil, err
	}
	// Drain NotifyClose for the connection's whole life: with recovery it reports
	// each drop (and is closed only by the final Close).
	closes := conn.NotifyClose(make(chan *amqp.Error, 1))
	go func() {
		for e := range closes {
			fmt.Fprintf(out, "%s: connection lost (%v), recovering\n", who, e)
		}
	}()
	return conn, nil
}
