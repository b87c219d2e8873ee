// Command onemodel stores the same users and orders in PostgreSQL, Cassandra,
// MongoDB and Redis, asks each the same three questions, checks that the four
// answers agree, and prints what each store cost per order placed.
//
//	go run ./onemodel/cmd/onemodel    (make up TOPIC=nosql first)
package main

import (
	"context"
	"flag"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"time"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/cqlconn"
	"example.com/cloudgo/nosql/internal/redisconn"
	"example.com/cloudgo/nosql/onemodel"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("onemodel", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// ident is a name that goes into SQL text unquoted: a schema, a database.
var ident = regexp.MustCompile(`^[a-z][a-z0-9_]{0,47}$`)

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("onemodel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pgURL := fs.String("url", cli.Env("DATABASE_URL", onemodel.DefaultPostgresURL), "PostgreSQL URL (env DATABASE_URL)")
	mongoURI := fs.String("uri", cli.Env("MONGODB_URI", onemodel.DefaultMongoURI), "MongoDB URI (env MONGODB_URI)")
	cql := &cqlconn.Flags{}
	fs.StringVar(&cql.Hosts, "hosts", cli.Env("CASSANDRA_HOSTS", cqlconn.DefaultHosts), "Cassandra contact points, host:port[,host:port] (env CASSANDRA_HOSTS)")
	red := &redisconn.Flags{}
	fs.StringVar(&red.Addr, "addr", cli.Env("REDIS_URL", redisconn.DefaultURL), "Redis URL or host:port (env REDIS_URL)")
	name := fs.String("name", "onemodel", "PostgreSQL schema, Cassandra keyspace, MongoDB database and Redis key prefix (name:) of the program's data, dropped and rewritten")
	user := fs.String("user", "u1", "question 1: whose orders")
	top := fs.Int("top", 4, "question 2: how many top customers")
	from := fs.String("from", "2025-03-02", "question 3: orders placed from this day (UTC)")
	to := fs.String("to", "2025-03-04", "question 3: up to this day, exclusive (UTC)")
	timeout := fs.Duration("timeout", time.Minute, "how long the whole run may take")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	q := onemodel.Questions{User: *user, Top: *top}
	var err error
	if q.From, err = time.Parse(time.DateOnly, *from); err != nil {
		return cli.Usagef("-from %q: want a day like 2025-03-02", *from)
	}
	if q.To, err = time.Parse(time.DateOnly, *to); err != nil {
		return cli.Usagef("-to %q: want a day like 2025-03-04", *to)
	}
	switch {
	case !q.To.After(q.From) || q.To.Sub(q.From) > 366*24*time.Hour:
		return cli.Usagef("-to must be after -from, by at most 366 days: got %s to %s", *from, *to)
	case *top < 1 || *top > 1000:
		return cli.Usagef("-top must be 1..1000, got %d", *top)
	case strings.TrimSpace(*user) == "":
		return cli.Usagef("-user must not be empty")
	case !ident.MatchString(*name):
		return cli.Usagef("-name %q: want a lower-case letter, then lower-case letters, digits or _, at most 48 in all", *name)
	}
	cql.Keyspace, red.Prefix = *name, *name+":"
	cql.Timeout, red.Timeout = *timeout, *timeout
	if err := cql.Check(); err != nil {
		return err
	}
	if err := red.Check(); err != nil {
		return err
	}
	if _, err := onemodel.ParsePostgresURL(*pgURL); err != nil {
		return cli.Usagef("-url: %v", err)
	}
	if err := onemodel.MongoClientOptions(*mongoURI).Validate(); err != nil {
		return cli.Usagef("-uri: %v", err)
	}

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	redisconn.Silence()
	var stores []onemodel.Store
	defer func() {
		for _, s := range stores {
			s.Close()
		}
	}()
	open := []func() (onemodel.Store, error){
		func() (onemodel.Store, error) { return onemodel.OpenPostgres(ctx, *pgURL, *name) },
		func() (onemodel.Store, error) { return onemodel.OpenCassandra(ctx, cql.Hosts, *name) },
		func() (onemodel.Store, error) { return onemodel.OpenMongoDB(ctx, *mongoURI, *name) },
		func() (onemodel.Store, error) { return onemodel.OpenRedis(ctx, red.Addr, red.Prefix) },
	}
	for _, o := range open {
		s, err := o()
		if err != nil {
			return err
		}
		stores = append(stores, s)
	}
	users, orders := onemodel.Sample()
	return onemodel.Compare(ctx, stores, users, orders, q, stdout)
}
