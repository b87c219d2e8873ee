// Command consistency shows tunable consistency: each request says how many
// replicas must answer (ONE, QUORUM, ALL, ...). With 3 replicas, QUORUM writes
// plus QUORUM reads always overlap in one replica (2 + 2 > 3), so a read sees
// the latest acknowledged write. Here the keyspace asks for 3 replicas but the
// cluster has one node, so the example can show what a shortage looks like.
//
//	go run ./cassandra/consistency -hosts 127.0.0.1:9042   (or CASSANDRA_HOSTS)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	gocql "github.com/apache/cassandra-gocql-driver/v2"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("consistency", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("consistency", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := cqlconn.RegisterFlags(fs, "cloudgo_rf3", time.Minute)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	return walk(ctx, conn.Hosts, conn.Keyspace, stdout)
}

func walk(ctx context.Context, hosts, keyspace string, out io.Writer) error {
	s, err := cqlconn.Connect(ctx, hosts)
	if err != nil {
		return err
	}
	defer s.Close()
	// Replication is set per keyspace. In production: NetworkTopologyStrategy,
	// 3 per data centre, and LOCAL_QUORUM so no request waits on another region.
	if err := s.Query(`CREATE KEYSPACE IF NOT EXISTS ` + keyspace +
		` WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}`).ExecContext(ctx); err != nil {
		return fmt.Errorf("create keyspace %s: %w", keyspace, err)
	}
	table := keyspace + ".settings"
	if err := cqlconn.Recreate(ctx, s, `CREATE TABLE `+table+` (name text PRIMARY KEY, value text)`); err != nil {
		return err
	}

	for _, cl := range []gocql.Consistency{gocql.One, gocql.Quorum, gocql.All} {
		err := s.Query(`INSERT INTO `+table+` (name, value) VALUES (?, ?)`, "theme", "dark").
			Consistency(cl).ExecContext(ctx)
		fmt.Fprintf(out, "write at %-6s: %s\n", cl, outcome(err))
	}
	for _, cl := range []gocql.Consistency{gocql.One, gocql.Quorum} {
		var value string
		err := s.Query(`SELECT value FROM `+table+` WHERE name = ?`, "theme").
			Consistency(cl).ScanContext(ctx, &value)
		if err == nil {
			fmt.Fprintf(out, "read  at %-6s: %q\n", cl, value)
		} else {
			fmt.Fprintf(out, "read  at %-6s: %s\n", cl, outcome(err))
		}
	}
	return nil
}

// outcome names the result of a request. Unavailable means the coordinator knew
// before trying that too few replicas are alive: nothing was written.
func outcome(err error) string {
	var unavailable *gocql.RequestErrUnavailable
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &unavailable):
		return fmt.Sprintf("unavailable (needs %d replicas, %d alive)", unavailable.Required, unavailable.Alive)
	default:
		return err.Error()
	}
}
