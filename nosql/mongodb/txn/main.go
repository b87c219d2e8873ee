// Command txn moves money between two account documents and records the transfer
// in a third, all or nothing, with a multi-document transaction
// (Session.WithTransaction): a refused transfer changes nothing, also when it had
// already debited one account, and concurrent transfers never overdraw.
// Transactions need a replica set (a one-node one will do); see nosql/README.md.
//
//	go run ./mongodb/txn -uri 'mongodb://127.0.0.1:27017/?directConnection=true'   (or MONGODB_URI)
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
	"syscall"
	"time"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("txn", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("txn", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := mongoconn.RegisterFlags(fs, 60*time.Second)
	n := fs.Int("n", 10, "concurrent transfers of 10 from alice (1-200)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if *n < 1 || *n > 200 {
		return cli.Usagef("-n must be between 1 and 200, got %d", *n)
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	client, err := mongoconn.Connect(ctx, conn.URI)
	if err != nil {
		return err
	}
	defer mongoconn.Disconnect(ctx, client)
	if err := mongoconn.RequireReplicaSet(ctx, client, conn.URI, "transactions"); err != nil {
		return err
	}
	b := bank{client: client, db: client.Database(conn.DB)}
	say := func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) }
	if err := b.reset(ctx, map[string]int64{"alice": 100, "bob": 50}); err != nil {
		return err
	}
	say("alice 100, bob 50")

	for _, t := range []struct {
		to     string
		amount int64
	}{{"bob", 30}, {"bob", 500}, {"carol", 10}} {
		err := b.transfer(ctx, "alice", t.to, t.amount)
		outcome := "committed"
		if errors.Is(err, errFunds) || errors.Is(err, errNoAccount) {
			outcome = fmt.Sprintf("aborted (%v)", err)
		} else if err != nil {
			return fmt.Errorf("transfer alice → %s: %w", t.to, err)
		}
		s, err := b.summary(ctx)
		if err != nil {
			return err
		}
		say("alice → %s %d: %s; %s", t.to, t.amount, outcome, s)
	}

	// Concurrent transactions on the same document conflict; WithTransaction
	// retries a transaction the server aborted for a conflict.
	var wg sync.WaitGroup
	errs := make([]error, *n)
	for i := range *n {
		wg.Go(func() { errs[i] = b.transfer(ctx, "alice", "bob", 10) })
	}
	wg.Wait()
	committed := 0
	for _, err := range errs {
		switch {
		case err == nil:
			committed++
		case !errors.Is(err, errFunds):
			return fmt.Errorf("concurrent transfer: %w", err)
		}
	}
	s, err := b.summary(ctx)
	if err != nil {
		return err
	}
	say("%d concurrent transfers of 10 from alice: %d committed, %d refused; %s", *n, committed, *n-committed, s)
	return nil
}
