// Package onemodel stores one small domain, users and their orders, in four
// databases the way each one wants it, and asks each the same three questions:
//
//   - PostgreSQL: normalised tables (users, orders, order_items), answers by JOIN
//     and GROUP BY, an order placed in a transaction, foreign keys that refuse an
//     order for an unknown user.
//   - Cassandra: one table per question, every order written to each of them.
//   - MongoDB: an order is one document with its items embedded and its user
//     referenced by id.
//   - Redis: hashes for users and orders, sorted sets as the indexes.
//
// Every store counts what it sends (round trips) and what it writes (rows,
// documents, keys) through its driver's own hooks, so the costs the program
// prints are measured, not estimated.
package onemodel

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// User is a customer.
type User struct {
	ID, Name, Email string
}

// Item is one line of an order: Qty times Price (in cents).
type Item struct {
	SKU   string `json:"sku" bson:"sku"`
	Qty   int    `json:"qty" bson:"qty"`
	Price int64  `json:"price" bson:"price"`
}

// Order is what a user bought at one moment.
type Order struct {
	ID, UserID string
	At         time.Time
	Items      []Item
}

// Total is the sum of the order's lines, in cents.
func (o Order) Total() int64 {
	var t int64
	for _, it := range o.Items {
		t += int64(it.Qty) * it.Price
	}
	return t
}

// Summary is one order in an answer: who placed it, when, for how much.
type Summary struct {
	Order, User, Name string
	At                time.Time
	Total             int64
}

// Spend is one customer in the "top customers" answer.
type Spend struct {
	User, Name string
	Orders     int
	Total      int64
}

// ErrUnknownUser is returned by PlaceOrder for an order whose user does not exist.
var ErrUnknownUser = errors.New("unknown user")

// Store is the domain stored one way. The three questions define their order
// completely, ties included, so that every store must give the same answer:
//
//   - UserOrders: a user's orders, newest first (ties: higher order id first).
//   - TopCustomers: the n users who spent most (ties: higher user id first).
//   - OrdersBetween: orders placed in [from, to), oldest first (ties: lower order id first).
//
// The tie rules are what a Redis sorted set does with equal scores.
type Store interface {
	Name() string
	Reset(ctx context.Context) error // drop and create the schema: an empty store
	AddUser(ctx context.Context, u User) error
	PlaceOrder(ctx context.Context, o Order) error
	UserOrders(ctx context.Context, user string) ([]Summary, error)
	TopCustomers(ctx context.Context, n int) ([]Spend, error)
	OrdersBetween(ctx context.Context, from, to time.Time) ([]Summary, error)
	Cost() Cost   // what was sent and written so far
	Unit() string // what a write is: "rows", "documents", "keys"
	Close() error
}

// Cost counts round trips (statements, commands or pipelines sent and awaited;
// prepared-statement caches warm) and writes (rows, documents or keys written).
type Cost struct {
	RoundTrips, Writes int64
}

// Sub is c minus an earlier reading.
func (c Cost) Sub(earlier Cost) Cost {
	return Cost{c.RoundTrips - earlier.RoundTrips, c.Writes - earlier.Writes}
}

// meter is embedded by each store and fed by its driver's hooks.
type meter struct {
	trips, writes atomic.Int64
}

func (m *meter) add(trips, writes int64) {
	m.trips.Add(trips)
	m.writes.Add(writes)
}

// Cost reports what the store has sent and written so far.
func (m *meter) Cost() Cost {
	return Cost{m.trips.Load(), m.writes.Load()}
}
