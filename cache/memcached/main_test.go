package main

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cache/internal/testenv"
	"github.com/bradfitz/gomemcache/memcache"
)

func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }

// TestRun checks the walkthrough's whole output against a real memcached: every
// line is a behaviour (add refuses a present key, the second CAS conflicts, ...).
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("needs memcached (a container); run without -short")
	}
	addr := testenv.Memcached(t)
	var out strings.Builder
	if err := run(addr, "test:"+t.Name()+":", &out); err != nil {
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
session right away: "token"
session after 2.5s: "" (expired)
get multi a,b,c: 2 found, a=1 c=3
delete greeting: ok
delete greeting again: cache miss
set "has space" (9 bytes): key has a space or control character at byte 3: malformed: key is too long or contains invalid characters
set "kkkkkkkkkkkk" (251 bytes): key is 251 bytes, memcached allows 250: malformed: key is too long or contains invalid characters
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestValidKeyAgreesWithClient: the keys ValidKey refuses are exactly those the
// client refuses with ErrMalformedKey, and nothing is stored for them.
func TestValidKeyAgreesWithClient(t *testing.T) {
	if testing.Short() {
		t.Skip("needs memcached (a container); run without -short")
	}
	mc := memcache.New(testenv.Memcached(t))
	mc.Timeout = time.Second
	for _, key := range []string{"ok", "tab\there", "new\nline", "del\x7f", strings.Repeat("x", 250), strings.Repeat("x", 251), "ünïcode"} {
		setErr := mc.Set(&memcache.Item{Key: key, Value: []byte("v")})
		refused := errors.Is(setErr, memcache.ErrMalformedKey)
		if valid := ValidKey(key); (valid != nil) != refused {
			t.Errorf("key %.20q: ValidKey=%v but client Set=%v", key, valid, setErr)
		}
		if !refused {
			if setErr != nil {
				t.Fatalf("set %.20q: %v", key, setErr)
			}
			if it, err := mc.Get(key); err != nil || string(it.Value) != "v" {
				t.Errorf("key %.20q did not round-trip: %v", key, err)
			}
		}
	}
}

func TestUnreachable(t *testing.T) {
	err := run("127.0.0.1:1", "x:", &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want a one-line hint naming the address, got %v", err)
	}
}
