package onemodel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	gocql "github.com/apache/cassandra-gocql-driver/v2"

	"example.com/cloudgo/nosql/internal/cqlconn"
)

// Cassandra has one table per question, keyed so that each question reads one
// partition (or one per day), and writes every order to each of them.
type Cassandra struct {
	meter
	s *gocql.Session
}

var cassandraDDL = []string{
	`CREATE TABLE users (user_id text PRIMARY KEY, user_name text, email text)`,
	// Question 1: a user's orders is one partition, stored newest first.
	`CREATE TABLE orders_by_user (user_id text, placed_at timestamp, order_id text, user_name text, total bigint, items text,
		PRIMARY KEY ((user_id), placed_at, order_id)) WITH CLUSTERING ORDER BY (placed_at DESC, order_id DESC)`,
	// Question 3: one partition per day (a partition must not grow without bound).
	`CREATE TABLE orders_by_day (order_day date, placed_at timestamp, order_id text, user_id text, user_name text, total bigint,
		PRIMARY KEY ((order_day), placed_at, order_id)) WITH CLUSTERING ORDER BY (placed_at ASC, order_id ASC)`,
	// Question 2: counters per user. Cassandra cannot sort partitions by a value,
	// so the top customers are found by reading all of them.
	`CREATE TABLE user_spend (user_id text PRIMARY KEY, spent counter, orders counter)`,
}

// OpenCassandra connects to hosts and uses keyspace (created if missing).
func OpenCassandra(ctx context.Context, hosts, keyspace string) (*Cassandra, error) {
	s, err := cqlconn.Open(ctx, hosts, keyspace)
	if err != nil {
		return nil, err
	}
	return &Cassandra{s: s}, nil
}

// cqlObserver counts each request the driver sends; a batch is one request
// writing one row per statement.
type cqlObserver struct{ m *meter }

func (o cqlObserver) ObserveQuery(_ context.Context, q gocql.ObservedQuery) {
	var w int64
	if verb, _, _ := strings.Cut(strings.TrimSpace(q.Statement), " "); verb == "INSERT" || verb == "UPDATE" || verb == "DELETE" {
		w = 1
	}
	o.m.add(1, w)
}

func (o cqlObserver) ObserveBatch(_ context.Context, b gocql.ObservedBatch) {
	o.m.add(1, int64(len(b.Statements)))
}

func (c *Cassandra) query(stmt string, values ...any) *gocql.Query {
	return c.s.Query(stmt, values...).Observer(cqlObserver{&c.meter})
}

func (c *Cassandra) Name() string { return "cassandra" }
func (c *Cassandra) Unit() string { return "rows" }
func (c *Cassandra) Close() error { c.s.Close(); return nil }

func (c *Cassandra) Reset(ctx context.Context) error {
	if err := cqlconn.Recreate(ctx, c.s, cassandraDDL...); err != nil {
		return fmt.Errorf("cassandra: %w", err)
	}
	return nil
}

func (c *Cassandra) AddUser(ctx context.Context, u User) error {
	err := c.query(`INSERT INTO users (user_id, user_name, email) VALUES (?, ?, ?)`, u.ID, u.Name, u.Email).ExecContext(ctx)
	if err != nil {
		return fmt.Errorf("cassandra: insert user %s: %w", u.ID, err)
	}
	return nil
}

// PlaceOrder reads the user (there are no foreign keys, and the name is copied
// into each order row), writes both order tables in one logged batch (both or,
// after a replay of the batch log, both), then adds to the counters, which
// cannot share a batch with other tables and are not idempotent.
func (c *Cassandra) PlaceOrder(ctx context.Context, o Order) error {
	var name string
	err := c.query(`SELECT user_name FROM users WHERE user_id = ?`, o.UserID).ScanContext(ctx, &name)
	if errors.Is(err, gocql.ErrNotFound) {
		return fmt.Errorf("%w %s: no row in users (read before writing)", ErrUnknownUser, o.UserID)
	}
	if err != nil {
		return fmt.Errorf("cassandra: read user %s: %w", o.UserID, err)
	}
	items, err := json.Marshal(o.Items)
	if err != nil {
		return err
	}
	day := o.At.UTC().Truncate(24 * time.Hour)
	b := c.s.Batch(gocql.LoggedBatch).Observer(cqlObserver{&c.meter}).
		Query(`INSERT INTO orders_by_user (user_id, placed_at, order_id, user_name, total, items) VALUES (?, ?, ?, ?, ?, ?)`,
			o.UserID, o.At, o.ID, name, o.Total(), string(items)).
		Query(`INSERT INTO orders_by_day (order_day, placed_at, order_id, user_id, user_name, total) VALUES (?, ?, ?, ?, ?, ?)`,
			day, o.At, o.ID, o.UserID, name, o.Total())
	if err := b.ExecContext(ctx); err != nil {
		return fmt.Errorf("cassandra: write order %s: %w", o.ID, err)
	}
	err = c.query(`UPDATE user_spend SET spent = spent + ?, orders = orders + 1 WHERE user_id = ?`, o.Total(), o.UserID).ExecContext(ctx)
	if err != nil {
		return fmt.Errorf("cassandra: count order %s: %w", o.ID, err)
	}
	return nil
}

func (c *Cassandra) UserOrders(ctx context.Context, user string) ([]Summary, error) {
	iter := c.query(`SELECT order_id, user_id, user_name, placed_at, total FROM orders_by_user WHERE user_id = ?`, user).IterContext(ctx)
	return scanSummaries(iter, nil)
}

// OrdersBetween reads one partition per day of the range, in day order.
func (c *Cassandra) OrdersBetween(ctx context.Context, from, to time.Time) ([]Summary, error) {
	var list []Summary
	for day := from.UTC().Truncate(24 * time.Hour); day.Before(to); day = day.AddDate(0, 0, 1) {
		iter := c.query(`SELECT order_id, user_id, user_name, placed_at, total FROM orders_by_day
			WHERE order_day = ? AND placed_at >= ? AND placed_at < ?`, day, from, to).IterContext(ctx)
		var err error
		if list, err = scanSummaries(iter, list); err != nil {
			return nil, err
		}
	}
	return list, nil
}

func scanSummaries(iter *gocql.Iter, list []Summary) ([]Summary, error) {
	var s Summary
	for iter.Scan(&s.Order, &s.User, &s.Name, &s.At, &s.Total) {
		s.At = s.At.UTC()
		list = append(list, s)
	}
	if err := iter.Close(); err != nil {
		return nil, fmt.Errorf("cassandra: read orders: %w", err)
	}
	return list, nil
}

// TopCustomers reads every user's counters (a scan of the table: fine for a
// report, not for a request path), sorts them here, then reads the names of the
// top n.
func (c *Cassandra) TopCustomers(ctx context.Context, n int) ([]Spend, error) {
	var all []Spend
	var s Spend
	iter := c.query(`SELECT user_id, orders, spent FROM user_spend`).IterContext(ctx)
	var orders int64
	for iter.Scan(&s.User, &orders, &s.Total) {
		s.Orders = int(orders)
		all = append(all, s)
	}
	if err := iter.Close(); err != nil {
		return nil, fmt.Errorf("cassandra: read user_spend: %w", err)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Total != all[j].Total {
			return all[i].Total > all[j].Total
		}
		return all[i].User > all[j].User
	})
	all = all[:min(n, len(all))]
	if len(all) == 0 {
		return nil, nil
	}
	ids := make([]string, len(all))
	for i := range all {
		ids[i] = all[i].User
	}
	names := map[string]string{}
	var id, name string
	iter = c.query(`SELECT user_id, user_name FROM users WHERE user_id IN ?`, ids).IterContext(ctx)
	for iter.Scan(&id, &name) {
		names[id] = name
	}
	if err := iter.Close(); err != nil {
		return nil, fmt.Errorf("cassandra: read users: %w", err)
	}
	for i := range all {
		all[i].Name = names[all[i].User]
	}
	return all, nil
}
