package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/mongotest"
	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// inGo computes the report from the same orders in Go: what the pipeline must give.
func inGo(orders []order) []row {
	by := map[string]*row{}
	for _, o := range orders {
		if o.Status != "paid" {
			continue
		}
		if by[o.Country] == nil {
			by[o.Country] = &row{Country: o.Country}
		}
		by[o.Country].Orders++
		by[o.Country].Revenue += o.Amount
	}
	var rows []row
	for _, r := range by {
		rows = append(rows, *r)
	}
	slices.SortFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(b.Revenue, a.Revenue), cmp.Compare(a.Country, b.Country))
	})
	return rows
}

func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	uri, db := mongotest.URL(t), kit.Name(t, "db", "_", 40)
	var out strings.Builder
	if err := run(ctx, []string{"-uri", uri, "-db", db, "-n", "3000"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want := inGo(generate(3000))
	if len(want) != 6 {
		t.Fatalf("the Go computation found %d countries, want 6", len(want))
	}

	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	got, err := report(ctx, client.Database(db).Collection("orders"))
	if err != nil {
		t.Fatal(err)
	}
	standIn, err := mongoconn.StandIn(ctx, client.Database(db))
	if err != nil {
		t.Fatal(err)
	}
	if standIn != "" {
		// What the stand-in gets right: the first accumulator, per country.
		count := func(rows []row) map[string]int64 {
			m := map[string]int64{}
			for _, r := range rows {
				m[r.Country] = r.Orders
			}
			return m
		}
		if g, w := count(got), count(want); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("orders per country: got %v, want %v", g, w)
		}
		t.Skipf("%s (the stand-in for %s) computes only the first accumulator of a $group: revenue totals not verified", standIn, mongotest.Image)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pipeline:\n got %v\nwant %v (Go)", got, want)
	}
	// The printed report: one line per row, then the totals.
	var total row
	for _, r := range want {
		total.Orders, total.Revenue = total.Orders+r.Orders, total.Revenue+r.Revenue
	}
	if wantLine := fmt.Sprintf("%-8s %7d %12s\n", "total", total.Orders, euros(total.Revenue)); !strings.HasSuffix(out.String(), wantLine) {
		t.Errorf("output does not end with %q:\n%s", wantLine, out.String())
	}
}

func TestEuros(t *testing.T) {
	for cents, want := range map[int64]string{0: "0.00", 5: "0.05", 100: "1.00", 123456: "1234.56"} {
		if got := euros(cents); got != want {
			t.Errorf("euros(%d) = %s, want %s", cents, got, want)
		}
	}
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := run(ctx, []string{"-uri", "mongodb://127.0.0.1:1", "-timeout", "1s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "mongodb at 127.0.0.1:1 is unreachable (start it with `make up`)") {
		t.Fatalf("want one line naming the address, exit status 1; got %v", err)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-n", "0"}, {"-n", "-3"}, {"-n", "1000000"}, {"-n", "x"}, {"-uri", ""}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); cli.Code(err) != 2 {
			t.Errorf("%q: got %v, want exit status 2", args, err)
		}
	}
}
