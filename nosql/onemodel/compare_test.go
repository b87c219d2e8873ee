package onemodel_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/nosql/onemodel"
)

// memory is a Store computed in Go from what it was given; lie changes one answer.
type memory struct {
	name        string
	users       []onemodel.User
	orders      []onemodel.Order
	lie         bool // question 2 leaves out the last customer
	acceptGhost bool // takes orders for unknown users
}

func (m *memory) Name() string                { return m.name }
func (m *memory) Unit() string                { return "things" }
func (m *memory) Cost() onemodel.Cost         { return onemodel.Cost{} }
func (m *memory) Close() error                { return nil }
func (m *memory) Reset(context.Context) error { m.users, m.orders = nil, nil; return nil }

func (m *memory) AddUser(_ context.Context, u onemodel.User) error {
	m.users = append(m.users, u)
	return nil
}

func (m *memory) PlaceOrder(_ context.Context, o onemodel.Order) error {
	if nameOf(m.users, o.UserID) == "" && !m.acceptGhost {
		return fmt.Errorf("%w %s", onemodel.ErrUnknownUser, o.UserID)
	}
	m.orders = append(m.orders, o)
	return nil
}

func (m *memory) UserOrders(_ context.Context, user string) ([]onemodel.Summary, error) {
	return wantUserOrders(m.users, m.orders, user), nil
}

func (m *memory) TopCustomers(_ context.Context, n int) ([]onemodel.Spend, error) {
	list := wantTop(m.users, m.orders, n)
	if m.lie {
		list = list[:len(list)-1]
	}
	return list, nil
}

func (m *memory) OrdersBetween(_ context.Context, from, to time.Time) ([]onemodel.Summary, error) {
	return wantBetween(m.users, m.orders, from, to), nil
}

// TestCompareCatchesDisagreement: Compare fails, naming the store, when one store
// answers differently or accepts an order for a user that does not exist.
func TestCompareCatchesDisagreement(t *testing.T) {
	users, orders := onemodel.Sample()
	q := onemodel.Questions{User: "u1", Top: 3, From: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)}
	compare := func(stores ...onemodel.Store) (string, error) {
		var out strings.Builder
		err := onemodel.Compare(context.Background(), stores, users, orders, q, &out)
		return out.String(), err
	}
	if out, err := compare(&memory{name: "a"}, &memory{name: "b"}); err != nil || !strings.Contains(out, "(the same from a, b)") {
		t.Fatalf("two honest stores: %v\n%s", err, out)
	}
	out, err := compare(&memory{name: "a"}, &memory{name: "b", lie: true})
	if err == nil || err.Error() != "question 2: b answered differently from a" || !strings.Contains(out, "but b answered:") {
		t.Errorf("a store that leaves out a customer: %v\n%s", err, out)
	}
	_, err = compare(&memory{name: "a"}, &memory{name: "b", acceptGhost: true})
	if err == nil || !strings.Contains(err.Error(), "b accepted an order for unknown user ghost") {
		t.Errorf("a store that takes orders for unknown users: %v", err)
	}
}
