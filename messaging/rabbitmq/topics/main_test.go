package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/messaging/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun: * is one word, # any number; lazy.pink.rabbit matches both bindings
// of the second queue and arrives once; keys matching nothing come back.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs RabbitMQ (a container); run without -short")
	}
	url := testenv.RabbitMQ(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, url, testenv.Name(t, "x"), &out); err != nil {
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
