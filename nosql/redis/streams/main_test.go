package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/nosql/internal/cli"
	"github.com/redis/go-redis/v9"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/redistest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	prefix := redistest.Prefix(t)
	var out strings.Builder
	if err := run(ctx, []string{"-addr", redistest.URL(t), "-prefix", prefix}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(`stream length: 4
worker-a got [101 102], worker-b got [103 104]
pending: 2, by consumer: map[worker-a:2]
worker-b claimed [101 102] and acknowledged them
pending now: 0; the stream still holds 4 entries (XTRIM/MAXLEN removes them)
`, "PREFIX", prefix)
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestAckFailureIsAnError puts a proxy between the program and Redis that answers
// every XACK with an error. An unacknowledged entry is delivered again, so the
// program must fail, naming the XACK, instead of printing a result that is not true.
func TestAckFailureIsAnError(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	opt, err := redis.ParseURL(redistest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy := refusingProxy(t, opt.Addr, "XACK")
	var out strings.Builder
	err = run(ctx, []string{"-addr", proxy, "-prefix", redistest.Prefix(t)}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "xack") || !strings.Contains(err.Error(), "injected failure") {
		t.Fatalf("want the XACK failure as the error, got %v after:\n%s", err, out.String())
	}
	if cli.Code(err) != 1 {
		t.Errorf("exit status %d, want 1", cli.Code(err))
	}
}

// refusingProxy relays RESP to addr, except that every command named refuse is
// answered with an error and not forwarded. It relies on the client waiting for
// each reply before it sends a command the proxy refuses (no pipelining of it).
func refusingProxy(t *testing.T, addr, refuse string) string {
	t.Helper()
	return kit.Proxy(t, addr, func(r *bufio.Reader, client, server io.Writer) error {
		for {
			raw, name, err := readCommand(r)
			if err != nil {
				return err
			}
			if strings.EqualFold(name, refuse) {
				io.WriteString(client, "-ERR injected failure\r\n")
				continue
			}
			if _, err := server.Write(raw); err != nil {
				return err
			}
		}
	})
}

// readCommand reads one RESP array of bulk strings (how clients send commands)
// and returns its bytes and its first element.
func readCommand(r *bufio.Reader) (raw []byte, name string, err error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, "", err
	}
	raw = []byte(line)
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "*")))
	if err != nil || !strings.HasPrefix(line, "*") {
		return nil, "", fmt.Errorf("not a RESP array: %q", line)
	}
	for i := range n {
		hdr, err := r.ReadString('\n')
		if err != nil {
			return nil, "", err
		}
		size, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(hdr, "$")))
		if err != nil {
			return nil, "", fmt.Errorf("not a bulk string: %q", hdr)
		}
		arg := make([]byte, size+2)
		if _, err := io.ReadFull(r, arg); err != nil {
			return nil, "", err
		}
		raw = append(append(raw, hdr...), arg...)
		if i == 0 {
			name = string(arg[:size])
		}
	}
	return raw, name, nil
}
