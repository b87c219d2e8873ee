package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/internal/cli"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/memcachedtest"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func runArgs(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errOut strings.Builder
	err := run(ctx, args, &out, &errOut)
	return out.String(), err
}

// TestRun checks the walkthrough's whole output against a real memcached: every
// line is a behaviour (add refuses a present key, the second CAS conflicts, ...).
func TestRun(t *testing.T) {
	addr := memcachedtest.Addr(t)
	got, err := runArgs(t, "-addr", addr, "-prefix", kit.Name(t, "", "-", 40)+":")
	if err != nil {
		t.Fatal(err)
	}
	want := `set+get greeting: "hello"
add greeting (present): not stored
replace missing (absent): not stored
replace greeting (present): ok
cas alice: ok
cas bob:   CAS conflict
greeting is now "hi from alice"
incr visits: 1, then 11
incr greeting (not a number): error: memcache: client error: cannot increment or decrement non-numeric value
get multi a,b,c: 2 found, a=1 c=3
delete greeting: ok
delete greeting again: cache miss
`
	if got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestSetFailureIsAnError puts a proxy between the program and memcached that
// answers SERVER_ERROR to the set of key "a" (what a full memcached says). The
// program must report that set, not go on to read the missing item.
func TestSetFailureIsAnError(t *testing.T) {
	addr := memcachedtest.Addr(t)
	prefix := kit.Name(t, "", "-", 40) + ":"
	proxy := failingSetProxy(t, addr, "set "+prefix+"a ")
	got, err := runArgs(t, "-addr", proxy, "-prefix", prefix)
	if err == nil || !strings.Contains(err.Error(), "set "+prefix+"a on "+proxy) || !strings.Contains(err.Error(), "out of memory") {
		t.Fatalf("a failed set must be the error, got %v after output:\n%s", err, got)
	}
	if cli.Code(err) != 1 {
		t.Errorf("exit status %d, want 1", cli.Code(err))
	}
}

// failingSetProxy relays the memcached text protocol to addr, except that a
// storage command starting with refuse gets SERVER_ERROR and is not forwarded.
func failingSetProxy(t *testing.T, addr, refuse string) string {
	t.Helper()
	return kit.Proxy(t, addr, func(r *bufio.Reader, client, server io.Writer) error {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return err
			}
			if strings.HasPrefix(line, refuse) {
				if _, err := r.ReadString('\n'); err != nil { // the data block
					return err
				}
				io.WriteString(client, "SERVER_ERROR out of memory storing object\r\n")
				continue
			}
			if _, err := io.WriteString(server, line); err != nil {
				return err
			}
		}
	})
}

func TestUnreachable(t *testing.T) {
	_, err := runArgs(t, "-addr", "127.0.0.1:1")
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
	if cli.Code(err) != 1 {
		t.Errorf("exit status %d, want 1", cli.Code(err))
	}
}
