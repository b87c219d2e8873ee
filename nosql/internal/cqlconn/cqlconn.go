// Package cqlconn opens the Cassandra sessions the nosql examples use, with the
// timeouts and the one-line "unreachable" error every example shares.
//
// The driver is github.com/apache/cassandra-gocql-driver/v2, the continuation of
// github.com/gocql/gocql under the Apache Cassandra project (its package is still
// called gocql).
package cqlconn

import (
	"context"
	"flag"
	"fmt"
	"net"
	"regexp"
	"strings"
	"time"

	gocql "github.com/apache/cassandra-gocql-driver/v2"

	"example.com/cloudgo/nosql/internal/cli"
)

// Flags are the flags every Cassandra example takes.
type Flags struct {
	Hosts    string        // -hosts: contact points, host:port[,host:port]
	Keyspace string        // -keyspace: where the program's tables go
	Timeout  time.Duration // -timeout: bounds the whole run
}

// RegisterFlags defines -hosts (env CASSANDRA_HOSTS), -keyspace and -timeout on fs.
func RegisterFlags(fs *flag.FlagSet, keyspace string, timeout time.Duration) *Flags {
	f := &Flags{}
	fs.StringVar(&f.Hosts, "hosts", cli.Env("CASSANDRA_HOSTS", DefaultHosts), "Cassandra contact points, host:port[,host:port] (env CASSANDRA_HOSTS)")
	fs.StringVar(&f.Keyspace, "keyspace", keyspace, "keyspace for this program's tables (they are dropped and recreated)")
	fs.DurationVar(&f.Timeout, "timeout", timeout, "how long the whole run may take")
	return f
}

// keyspaceName is what CQL accepts unquoted as a keyspace name.
var keyspaceName = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]{0,47}$`)

// Check refuses flag values that cannot work, as usage errors (exit status 2). The
// keyspace goes into CQL text (a name cannot be a bind marker), so it must be a
// plain identifier.
func (f *Flags) Check() error {
	if f.Timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", f.Timeout)
	}
	if !keyspaceName.MatchString(f.Keyspace) {
		return cli.Usagef("-keyspace %q: want a letter, then letters, digits or _, at most 48 in all", f.Keyspace)
	}
	for _, h := range strings.Split(f.Hosts, ",") {
		if _, port, err := net.SplitHostPort(h); err != nil || port == "" {
			return cli.Usagef("-hosts %q: want host:port[,host:port]", f.Hosts)
		}
	}
	return nil
}

// DefaultHosts is where compose.yaml publishes Cassandra.
const DefaultHosts = "127.0.0.1:9042"

// Cluster is the driver configuration the examples share: short timeouts so a
// dead node fails fast, and consistency ONE, which suits one local node.
func Cluster(hosts string) *gocql.ClusterConfig {
	c := gocql.NewCluster(strings.Split(hosts, ",")...)
	c.ConnectTimeout = 5 * time.Second
	c.Timeout = 10 * time.Second
	// ONE is enough on a single node; the consistency example shows the others.
	c.Consistency = gocql.One
	return c
}

// Open connects to hosts (comma-separated host:port), creates keyspace if it does
// not exist yet, and returns a session whose queries run in that keyspace.
//
// The keyspace uses SimpleStrategy with one replica because there is one node. A
// production keyspace says NetworkTopologyStrategy with 3 replicas per data centre:
// replication is a property of the keyspace, not of a table.
func Open(ctx context.Context, hosts, keyspace string) (*gocql.Session, error) {
	admin, err := connect(ctx, Cluster(hosts))
	if err != nil {
		return nil, err
	}
	err = admin.Query(`CREATE KEYSPACE IF NOT EXISTS ` + keyspace +
		` WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`).ExecContext(ctx)
	admin.Close()
	if err != nil {
		return nil, fmt.Errorf("create keyspace %s on %s: %w", keyspace, hosts, err)
	}
	c := Cluster(hosts)
	c.Keyspace = keyspace
	return connect(ctx, c)
}

// Recreate drops and creates the tables of an example, so that every run starts
// from empty tables and prints the same output. Each statement is a CREATE TABLE
// (or CREATE INDEX) whose table name follows "CREATE TABLE ".
func Recreate(ctx context.Context, s *gocql.Session, ddl ...string) error {
	for _, stmt := range ddl {
		if table, ok := strings.CutPrefix(stmt, "CREATE TABLE "); ok {
			table, _, _ = strings.Cut(table, " ")
			if err := s.Query("DROP TABLE IF EXISTS " + table).ExecContext(ctx); err != nil {
				return fmt.Errorf("drop table %s: %w", table, err)
			}
		}
		if err := s.Query(stmt).ExecContext(ctx); err != nil {
			return fmt.Errorf("%s: %w", firstLine(stmt), err)
		}
	}
	return nil
}

// Connect opens a session without a keyspace: statements name their tables
// keyspace.table.
func Connect(ctx context.Context, hosts string) (*gocql.Session, error) {
	return connect(ctx, Cluster(hosts))
}

func connect(ctx context.Context, c *gocql.ClusterConfig) (*gocql.Session, error) {
	type result struct {
		s   *gocql.Session
		err error
	}
	// CreateSession takes no context; run it aside so ctx still bounds the wait.
	done := make(chan result, 1)
	go func() {
		s, err := c.CreateSession()
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, fmt.Errorf("cassandra at %s is unreachable (start it with `make up`): %w",
				strings.Join(c.Hosts, ","), r.err)
		}
		return r.s, nil
	case <-ctx.Done():
		go func() {
			if r := <-done; r.s != nil {
				r.s.Close()
			}
		}()
		return nil, fmt.Errorf("connect to cassandra at %s: %w", strings.Join(c.Hosts, ","), ctx.Err())
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// AwaitIndex runs query until it stops failing because the secondary index
// name is still being built. A new index is built from the existing rows in the
// background; until then a real node refuses queries that need it ("The
// secondary index ... is not yet available", or a read failure
// INDEX_NOT_AVAILABLE). Any other error, or ctx ending, ends the wait.
func AwaitIndex(ctx context.Context, name string, query func() error) error {
	for {
		err := query()
		if err == nil {
			return nil
		}
		if msg := err.Error(); !strings.Contains(msg, "not yet available") && !strings.Contains(msg, "INDEX_NOT_AVAILABLE") {
			return err
		}
		select {
		case <-time.After(200 * time.Millisecond):
		case <-ctx.Done():
			return fmt.Errorf("wait for index %s: %w", name, err)
		}
	}
}
