package onemodel_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/postgrestest"
	"example.com/cloudgo/nosql/internal/redisconn"
	"example.com/cloudgo/nosql/onemodel"
	"example.com/cloudgo/nosql/onemodel/internal/endpoints"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// openAll opens the four stores on the tests' servers, each with a name of the
// test's own, emptied.
func openAll(t *testing.T, ctx context.Context) []onemodel.Store {
	t.Helper()
	name := kit.Name(t, "", "_", 48)
	var stores []onemodel.Store
	add := func(s onemodel.Store, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if err := s.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		stores = append(stores, s)
	}
	e := endpoints.Get(t)
	add(onemodel.OpenPostgres(ctx, e.Postgres, name))
	add(onemodel.OpenCassandra(ctx, e.Cassandra, name))
	add(onemodel.OpenMongoDB(ctx, e.Mongo, name))
	add(onemodel.OpenRedis(ctx, e.Redis, name+":"))
	return stores
}

// The answers computed in Go over the sample: what every store must say.

func wantUserOrders(users []onemodel.User, orders []onemodel.Order, user string) []onemodel.Summary {
	list := summaries(users, orders, func(o onemodel.Order) bool { return o.UserID == user })
	sort.Slice(list, func(i, j int) bool {
		if !list[i].At.Equal(list[j].At) {
			return list[i].At.After(list[j].At)
		}
		return list[i].Order > list[j].Order
	})
	return list
}

func wantBetween(users []onemodel.User, orders []onemodel.Order, from, to time.Time) []onemodel.Summary {
	list := summaries(users, orders, func(o onemodel.Order) bool { return !o.At.Before(from) && o.At.Before(to) })
	sort.Slice(list, func(i, j int) bool {
		if !list[i].At.Equal(list[j].At) {
			return list[i].At.Before(list[j].At)
		}
		return list[i].Order < list[j].Order
	})
	return list
}

func wantTop(users []onemodel.User, orders []onemodel.Order, n int) []onemodel.Spend {
	by := map[string]*onemodel.Spend{}
	for _, o := range orders {
		s := by[o.UserID]
		if s == nil {
			s = &onemodel.Spend{User: o.UserID, Name: nameOf(users, o.UserID)}
			by[o.UserID] = s
		}
		s.Orders++
		s.Total += o.Total()
	}
	var list []onemodel.Spend
	for _, s := range by {
		list = append(list, *s)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Total != list[j].Total {
			return list[i].Total > list[j].Total
		}
		return list[i].User > list[j].User
	})
	return list[:min(n, len(list))]
}

func summaries(users []onemodel.User, orders []onemodel.Order, keep func(onemodel.Order) bool) []onemodel.Summary {
	var list []onemodel.Summary
	for _, o := range orders {
		if keep(o) {
			list = append(list, onemodel.Summary{Order: o.ID, User: o.UserID, Name: nameOf(users, o.UserID), At: o.At, Total: o.Total()})
		}
	}
	return list
}

func nameOf(users []onemodel.User, id string) string {
	for _, u := range users {
		if u.ID == id {
			return u.Name
		}
	}
	return ""
}

// TestSameAnswers loads the sample into the four stores and checks every store's
// answers against the Go computation, for every user, every top n, and ranges
// whose ends fall on orders (the start is included, the end is not), span the
// tie at 2025-03-02 14:05, or hold nothing. It also checks the cost of placing an
// order, which the README's table quotes.
func TestSameAnswers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	stores := openAll(t, ctx)
	users, orders := onemodel.Sample()
	// Per order: round trips, and writes as a function of the order's items.
	wantCost := map[string]func(o onemodel.Order) onemodel.Cost{
		"postgres": func(o onemodel.Order) onemodel.Cost {
			return onemodel.Cost{RoundTrips: 4, Writes: 1 + int64(len(o.Items))}
		},
		"cassandra": func(onemodel.Order) onemodel.Cost { return onemodel.Cost{RoundTrips: 3, Writes: 3} },
		"mongodb":   func(onemodel.Order) onemodel.Cost { return onemodel.Cost{RoundTrips: 2, Writes: 2} },
		"redis":     func(onemodel.Order) onemodel.Cost { return onemodel.Cost{RoundTrips: 2, Writes: 5} },
	}
	for _, s := range stores {
		for _, u := range users {
			if err := s.AddUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		for _, o := range orders {
			before := s.Cost()
			if err := s.PlaceOrder(ctx, o); err != nil {
				t.Fatal(err)
			}
			if got, want := s.Cost().Sub(before), wantCost[s.Name()](o); got != want {
				t.Errorf("%s: placing %s cost %+v, want %+v", s.Name(), o.ID, got, want)
			}
		}
	}
	day := func(d, h, m int) time.Time { return time.Date(2025, 3, d, h, m, 0, 0, time.UTC) }
	ranges := [][2]time.Time{
		{day(2, 0, 0), day(4, 0, 0)},
		{day(2, 14, 5), day(3, 8, 0)}, // starts on the tie, ends on o05
		{day(1, 0, 0), day(6, 0, 0)},
		{day(6, 0, 0), day(9, 0, 0)}, // nothing
		{day(1, 11, 40), day(1, 11, 41)},
	}
	// MongoDB's running totals agree with a $group over its orders.
	spend, err := stores[2].(*onemodel.MongoDB).SpendByUser(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := wantTop(users, orders, len(users)); len(spend) != len(want) {
		t.Errorf("mongodb: $group gave %v, want %v", spend, want)
	} else {
		for _, w := range want {
			if spend[w.User] != w.Total {
				t.Errorf("mongodb: $group gave %s %d, want %d", w.User, spend[w.User], w.Total)
			}
		}
	}
	for _, s := range stores {
		for _, u := range append(users, onemodel.User{ID: "u9"}) {
			got, err := s.UserOrders(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := wantUserOrders(users, orders, u.ID); !sameSummaries(got, want) {
				t.Errorf("%s: orders of %s\n got %v\nwant %v", s.Name(), u.ID, got, want)
			}
		}
		for n := 1; n <= 5; n++ {
			got, err := s.TopCustomers(ctx, n)
			if err != nil {
				t.Fatal(err)
			}
			if want := wantTop(users, orders, n); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: top %d\n got %v\nwant %v", s.Name(), n, got, want)
			}
		}
		for _, r := range ranges {
			got, err := s.OrdersBetween(ctx, r[0], r[1])
			if err != nil {
				t.Fatal(err)
			}
			if want := wantBetween(users, orders, r[0], r[1]); !sameSummaries(got, want) {
				t.Errorf("%s: orders in [%v, %v)\n got %v\nwant %v", s.Name(), r[0], r[1], got, want)
			}
		}
	}
}

func sameSummaries(a, b []onemodel.Summary) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Order != y.Order || x.User != y.User || x.Name != y.Name || !x.At.Equal(y.At) || x.Total != y.Total {
			return false
		}
	}
	return true
}

// TestPostgresTransaction: an order whose second item breaks a CHECK constraint
// fails with SQLSTATE 23514 after its orders row was inserted; the transaction
// rolls that row back, so the order is nowhere.
func TestPostgresTransaction(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	p, err := onemodel.OpenPostgres(ctx, postgrestest.URL(t), kit.Name(t, "", "_", 48))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.AddUser(ctx, onemodel.User{ID: "u1", Name: "Ada", Email: "ada@example.com"}); err != nil {
		t.Fatal(err)
	}
	bad := onemodel.Order{ID: "o1", UserID: "u1", At: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		Items: []onemodel.Item{{SKU: "book", Qty: 1, Price: 1500}, {SKU: "pen", Qty: 0, Price: 250}}}
	err = p.PlaceOrder(ctx, bad)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23514" || errors.Is(err, onemodel.ErrUnknownUser) {
		t.Fatalf("PlaceOrder with qty 0 = %v, want a check violation (23514)", err)
	}
	if got, err := p.UserOrders(ctx, "u1"); err != nil || len(got) != 0 {
		t.Errorf("after the failed order: orders of u1 = %v, %v; want none (rolled back)", got, err)
	}
	// The same order, corrected, goes in: the rolled-back id is free.
	bad.Items[1].Qty = 3
	if err := p.PlaceOrder(ctx, bad); err != nil {
		t.Fatal(err)
	}
	err = p.AddUser(ctx, onemodel.User{ID: "u2", Name: "Ada again", Email: "ada@example.com"})
	if !errors.As(err, &pgErr) || pgErr.Code != "23505" || pgErr.ConstraintName != "users_email_key" {
		t.Errorf("a second user with the same e-mail = %v, want a unique violation (23505) on users_email_key", err)
	}
}

// TestUnreachable: each store's Open fails fast with one line naming the address.
func TestUnreachable(t *testing.T) {
	redisconn.Silence()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dead := "127.0.0.1:" + kit.FreePort(t) // nobody listens there
	for name, open := range map[string]func() error{
		"postgres": func() error {
			_, err := onemodel.OpenPostgres(ctx, "postgres://u:p@"+dead+"/db?sslmode=disable", "x")
			return err
		},
		"cassandra": func() error { _, err := onemodel.OpenCassandra(ctx, dead, "x"); return err },
		"mongodb": func() error {
			_, err := onemodel.OpenMongoDB(ctx, "mongodb://"+dead+"/?serverSelectionTimeoutMS=500", "x")
			return err
		},
		"redis": func() error { _, err := onemodel.OpenRedis(ctx, dead, "x:"); return err },
	} {
		err := open()
		want := name + " at " + dead + " is unreachable (start it with `make up`)"
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("open %s = %v, want one line containing %q", name, err, want)
		}
	}
}
