package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/internal/cassandratest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/nosql/internal/cqlconn"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, []string{"-hosts", cassandratest.Addr(t), "-keyspace", cassandratest.Keyspace(t)}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := `claim "neo" for alice: applied=true, owner=alice
claim "neo" for mallory: applied=false, owner=alice
set balance 100 -> 70: applied
set balance 100 -> 70: not applied, balance is 70
update acct-404 IF EXISTS: applied=false
`
	if got := out.String(); got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestClaimRace: N goroutines claim the same username at once. Exactly one insert
// is applied, and every loser is told the same winner.
func TestClaimRace(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := cqlconn.Open(ctx, cassandratest.Addr(t), cassandratest.Keyspace(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := cqlconn.Recreate(ctx, s, tables...); err != nil {
		t.Fatal(err)
	}
	const n = 16
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		winners []string
		seen    = map[string]int{}
	)
	for i := range n {
		wg.Go(func() {
			me := fmt.Sprintf("owner-%02d", i)
			applied, current, err := claim(ctx, s, "trinity", me)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if applied {
				winners = append(winners, me)
			}
			seen[current]++
		})
	}
	wg.Wait()
	if len(winners) != 1 {
		t.Fatalf("%d claims applied (%v), want exactly 1", len(winners), winners)
	}
	if seen[winners[0]] != n {
		t.Errorf("callers saw owners %v, want all %d to see %s", seen, n, winners[0])
	}
	var owner string
	if err := s.Query(`SELECT owner FROM usernames WHERE username = ?`, "trinity").ScanContext(ctx, &owner); err != nil {
		t.Fatal(err)
	}
	if owner != winners[0] {
		t.Errorf("stored owner %s, winner %s", owner, winners[0])
	}
}
