package mongoconn

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/cloudgo/nosql/internal/cli"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // "" for accepted, else in the usage error
	}{
		{nil, ""},
		{[]string{"-uri", "mongodb://user:secret@db1:27017,db2:27017/?replicaSet=rs0&authSource=admin", "-db", "shop_2"}, ""},
		{[]string{"-timeout", "0s"}, "-timeout must be positive"},
		{[]string{"-uri", "http://127.0.0.1:27017"}, "-uri"},
		{[]string{"-uri", "mongodb://127.0.0.1:27017/?connectTimeoutMS=soon"}, "-uri"},
		{[]string{"-db", ""}, "-db must not be empty"},
		{[]string{"-db", strings.Repeat("d", 64)}, "shorter than 64 bytes"},
		{[]string{"-db", "a.b"}, "cannot contain"},
		{[]string{"-db", "my db"}, "cannot contain"},
		{[]string{"-db", "local"}, "the server's own database"},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f := RegisterFlags(fs, time.Second)
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		err := f.Check()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q: refused: %v", c.args, err)
		case c.want != "" && (cli.Code(err) != 2 || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: got %v, want a usage error saying %q", c.args, err, c.want)
		}
	}
}

// TestHostsHidesCredentials: errors name the servers, never the password.
func TestHostsHidesCredentials(t *testing.T) {
	got := Hosts(options.Client().ApplyURI("mongodb://user:secret@db1:27017,db2:27018/?replicaSet=rs0"))
	if got != "db1:27017,db2:27018" {
		t.Errorf("got %q", got)
	}
}
