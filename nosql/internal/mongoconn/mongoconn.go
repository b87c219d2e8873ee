// Package mongoconn connects the MongoDB examples: the flags they all take (-uri,
// -db, -timeout) and their checks, a client with a timeout on every network step,
// and the one-line error for a server that does not answer.
package mongoconn

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"

	"example.com/cloudgo/nosql/internal/cli"
)

// DefaultURI is where compose.yaml publishes MongoDB (`make up`).
const DefaultURI = "mongodb://127.0.0.1:27017"

// Flags are the flags every MongoDB example takes.
type Flags struct {
	URI     string        // -uri: mongodb:// or mongodb+srv:// connection string
	DB      string        // -db: the database the program writes its collections in
	Timeout time.Duration // -timeout: bounds the whole run
}

// RegisterFlags defines -uri (env MONGODB_URI), -db and -timeout on fs.
func RegisterFlags(fs *flag.FlagSet, timeout time.Duration) *Flags {
	f := &Flags{}
	fs.StringVar(&f.URI, "uri", cli.Env("MONGODB_URI", DefaultURI), "MongoDB connection string (env MONGODB_URI)")
	fs.StringVar(&f.DB, "db", "cloudgo", "database for this program's collections (they are dropped and rewritten)")
	fs.DurationVar(&f.Timeout, "timeout", timeout, "how long the whole run may take")
	return f
}

// Check refuses flag values that cannot work, as usage errors (exit status 2).
func (f *Flags) Check() error {
	if f.Timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %v", f.Timeout)
	}
	if err := options.Client().ApplyURI(f.URI).Validate(); err != nil {
		return cli.Usagef("-uri: %v", err)
	}
	return checkDB(f.DB)
}

// checkDB applies MongoDB's rules for database names: not empty, shorter than 64
// bytes, none of / \ . " $ * < > : | ? space or NUL. "admin", "local" and
// "config" belong to the server.
func checkDB(name string) error {
	switch {
	case name == "":
		return cli.Usagef("-db must not be empty")
	case len(name) >= 64:
		return cli.Usagef("-db must be shorter than 64 bytes, got %d", len(name))
	case strings.ContainsAny(name, "/\\. \"$*<>:|?\x00"):
		return cli.Usagef("-db %q: a database name cannot contain / \\ . \" $ * < > : | ? or spaces", name)
	case name == "admin" || name == "local" || name == "config":
		return cli.Usagef("-db %q is the server's own database", name)
	}
	return nil
}

// Connect returns a client for uri that has checked that the server answers. Every
// step is bounded: 2 s to open a connection, 5 s to find a server, 10 s for each
// operation (unless ctx ends sooner). A server that does not answer gives one line
// naming its address. The URI is never printed: it may hold a password.
func Connect(ctx context.Context, uri string) (*mongo.Client, error) {
	opts := options.Client().ApplyURI(uri).
		SetAppName("cloudgo").
		SetConnectTimeout(2 * time.Second).
		SetServerSelectionTimeout(5 * time.Second).
		SetTimeout(10 * time.Second)
	if err := opts.Validate(); err != nil {
		return nil, cli.Usagef("-uri: %v", err)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("mongodb at %s: %w", Hosts(opts), err)
	}
	if err := client.Ping(ctx, readpref.Primary()); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("mongodb at %s is unreachable (start it with `make up`): %w", Hosts(opts), err)
	}
	return client, nil
}

// Hosts names the servers of a connection string, for error messages.
func Hosts(opts *options.ClientOptions) string {
	if len(opts.Hosts) == 0 {
		return "(no host)"
	}
	return strings.Join(opts.Hosts, ",")
}

// Disconnect closes the client's connections, within a second of its own even
// when ctx has ended.
func Disconnect(ctx context.Context, client *mongo.Client) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	_ = client.Disconnect(ctx)
}

// StandIn names the server when it is not MongoDB but a server that speaks its
// wire protocol and says so in buildInfo (FerretDB reports ferretdbVersion), and
// returns "" for MongoDB itself. Tests use it to skip what such a server lacks.
func StandIn(ctx context.Context, db *mongo.Database) (string, error) {
	var info struct {
		FerretDB string `bson:"ferretdbVersion"`
	}
	err := db.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info)
	if err != nil {
		return "", fmt.Errorf("buildInfo: %w", err)
	}
	if info.FerretDB != "" {
		return "FerretDB " + strings.TrimPrefix(info.FerretDB, "v"), nil
	}
	return "", nil
}

// RequireReplicaSet returns an error that says what to do when the server of
// client is a standalone mongod: transactions and change streams need the oplog
// of a replica set (a one-node set will do) or a sharded cluster.
func RequireReplicaSet(ctx context.Context, client *mongo.Client, uri, feature string) error {
	var hello struct {
		SetName string `bson:"setName"`
		Msg     string `bson:"msg"`
	}
	hosts := Hosts(options.Client().ApplyURI(uri))
	if err := client.Database("admin").RunCommand(ctx, bson.D{{Key: "hello", Value: 1}}).Decode(&hello); err != nil {
		return fmt.Errorf("hello to mongodb at %s: %w", hosts, err)
	}
	if hello.SetName != "" || hello.Msg == "isdbgrid" {
		return nil
	}
	return fmt.Errorf("%s need a replica set, and mongodb at %s is a standalone server: "+
		"start mongod with --replSet rs0 and run rs.initiate() once (nosql/README.md)", feature, hosts)
}
