package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/rabbitmqtest"
	"example.com/cloudgo/messaging/internal/cli"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: * is one word, # any number; lazy.pink.rabbit matches both bindings
// of the second queue and arrives once; keys matching nothing come back.
func TestRun(t *testing.T) {
	url := rabbitmqtest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-url", url, "-exchange", kit.Name(t, "x", "-", 0)}, &out, &out); err != nil {
		t.Fatal(err)
	}
	want := `quick.brown.fox          matched no binding: returned
quick.orange.new.rabbit  matched no binding: returned
orange [*.orange.*] received:
  quick.orange.rabbit
  lazy.orange.elephant
  quick.orange.fox
rabbits-and-lazy [*.*.rabbit lazy.#] received:
  quick.orange.rabbit
  lazy.orange.elephant
  lazy.brown.fox
  lazy.pink.rabbit
  lazy.orange.new.rabbit
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestBadFlags (issue 13.15): a bad flag or flag value is a usage error (exit
// status 2) with a message, never a panic, a hang or a broker call (the address
// here is unreachable, which would be exit status 1).
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-no-such-flag"},
	} {
		var stderr strings.Builder
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := run(ctx, append([]string{"-url", "amqp://guest:guest@127.0.0.1:1/"}, args...), io.Discard, &stderr)
		cancel()
		if cli.Code(err) != 2 || err.Error() == "" {
			t.Errorf("%q: got %v (exit %d), want a usage error (exit 2)", args, err, cli.Code(err))
		}
	}
}
