// Command client is the client half of RPC over RabbitMQ: it sends each request
// with two properties, reply_to (a private queue for the answers) and
// correlation_id (a unique id the server copies into its answer). One reply queue
// then serves many concurrent calls: the client (package rpc, ../client.go) hands
// each answer to the call waiting for its id and drops answers nobody waits for
// (late ones, after a timeout). Start the server first (see ../server):
//
//	go run ./rabbitmq/rpc/client -queue rpc_queue 1 10 30 ten
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"example.com/cloudgo/messaging/internal/amqpconn"
	"example.com/cloudgo/messaging/internal/cli"
	"example.com/cloudgo/messaging/rabbitmq/rpc"
	amqp "github.com/rabbitmq/amqp091-go"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("rpc client", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run calls the server once per argument, all calls at once, and prints the
// answers in argument order. It fails when no call got an answer.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", cli.Env("RABBITMQ_URL", amqpconn.DefaultURL), "AMQP URL (env RABBITMQ_URL)")
	queue := fs.String("queue", "rpc_queue", "the server's request queue")
	timeout := fs.Duration("timeout", 10*time.Second, "how long each call waits for its answer")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", *timeout)
	}
	calls := fs.Args()
	if len(calls) == 0 {
		calls = []string{"1", "10", "20", "30"}
	}
	conn, err := amqpconn.Dial(*url, amqp.Config{})
	if err != nil {
		return err
	}
	defer conn.Close()
	c, err := rpc.NewClient(conn, *queue, *timeout)
	if err != nil {
		return err
	}
	answers := make([]string, len(calls))
	var failed atomic.Int64
	var wg sync.WaitGroup
	for i, arg := range calls {
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, *timeout)
			defer cancel()
			reply, err := c.Call(cctx, arg)
			answers[i] = fmt.Sprintf("fib(%s) = %s", arg, reply)
			if err != nil {
				answers[i] = fmt.Sprintf("fib(%s): %v", arg, err)
			}
			if err != nil && !errors.Is(err, rpc.ErrRemote) { // a refusal is an answer
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	for _, a := range answers {
		fmt.Fprintln(stdout, a)
	}
	if failed := failed.Load(); failed == int64(len(calls)) {
		return fmt.Errorf("no answer to any of %d calls on %q at %s: is the server running?", failed, *queue, amqpconn.Host(*url))
	}
	return nil
}
