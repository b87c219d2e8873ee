// Package amqpconn holds the few lines every RabbitMQ example repeats: where the
// broker is, dialing it with a bounded timeout and an error that says what to do,
// and publishing with a confirm (Publisher).
package amqpconn

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	amqp "github.com/rabbitmq/amqp091-go"
)

// DefaultURL is where `make up` publishes RabbitMQ (guest may log in only from
// localhost on a stock broker; the official image allows it from anywhere).
const DefaultURL = "amqp://guest:guest@127.0.0.1:5672/"

// Dial opens a connection with cfg, bounding the TCP connect and the AMQP handshake
// to 5 s, so a dead address fails fast instead of hanging.
func Dial(rawURL string, cfg amqp.Config) (*amqp.Connection, error) {
	if cfg.Dial == nil {
		cfg.Dial = amqp.DefaultDial(5 * time.Second)
	}
	conn, err := amqp.DialConfig(rawURL, cfg)
	if err == nil {
		return conn, nil
	}
	where := Host(rawURL)
	// An *amqp.Error means the broker answered and refused (credentials, vhost);
	// anything else means nobody answered at that address.
	var ae *amqp.Error
	if errors.As(err, &ae) {
		return nil, fmt.Errorf("rabbitmq at %s refused the connection: %w", where, err)
	}
	return nil, fmt.Errorf("rabbitmq at %s is unreachable (start it with `make up`): %w", where, err)
}

// Host is the host:port of an AMQP URL, without the credentials, for error messages.
func Host(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "(malformed URL)"
	}
	return u.Host
}

// QuorumChannel opens a channel, declares queue as a durable quorum queue
// (idempotent: every party declares what it uses) and sets the channel's prefetch
// (how many unacked messages its consumers may hold; 0: unlimited).
//
// Quorum queues are replicated (Raft) and durable by design: the queue type to use
// when losing messages is not an option. They must be durable, non-exclusive.
func QuorumChannel(conn *amqp.Connection, queue string, prefetch int) (*amqp.Channel, error) {
	ch, err := conn.Channel()
	if err != nil {
		return nil, fmt.Errorf("open channel: %w", err)
	}
	_, err = ch.QueueDeclare(queue, true, false, false, false, amqp.Table{amqp.QueueTypeArg: amqp.QueueTypeQuorum})
	if err == nil {
		err = ch.Qos(prefetch, 0, false) // per consumer: global Qos is gone in RabbitMQ 4
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("set up queue %q: %w", queue, err), ch.Close())
	}
	return ch, nil
}
