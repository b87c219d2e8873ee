package onemodel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Questions are the parameters of the three questions.
type Questions struct {
	User     string    // question 1: whose orders
	Top      int       // question 2: how many customers
	From, To time.Time // question 3: the range [From, To)
}

// unknownUser is the user of the order every store must refuse.
const unknownUser = "ghost"

// Compare loads users and orders into every store (each emptied first), makes each
// refuse an order for a user that does not exist, asks each the questions, and
// writes the answers to out, once, with the cost of each store. A store whose
// answer differs from the first store's is an error (both answers are printed).
func Compare(ctx context.Context, stores []Store, users []User, orders []Order, q Questions, out io.Writer) error {
	names := make([]string, len(stores))
	placed := make([]Cost, len(stores))
	items := 0
	for _, o := range orders {
		items += len(o.Items)
	}
	for i, s := range stores {
		names[i] = s.Name()
		if err := s.Reset(ctx); err != nil {
			return err
		}
		for _, u := range users {
			if err := s.AddUser(ctx, u); err != nil {
				return err
			}
		}
		before := s.Cost()
		for _, o := range orders {
			if err := s.PlaceOrder(ctx, o); err != nil {
				return err
			}
		}
		placed[i] = s.Cost().Sub(before)
	}
	fmt.Fprintf(out, "loaded %d users and %d orders (%d items) into %s\n", len(users), len(orders), items, strings.Join(names, ", "))

	fmt.Fprintf(out, "\nan order for unknown user %s:\n", unknownUser)
	for _, s := range stores {
		before := s.Cost()
		err := s.PlaceOrder(ctx, Order{ID: "o-ghost", UserID: unknownUser, At: q.From, Items: []Item{{"book", 1, 1500}}})
		if !errors.Is(err, ErrUnknownUser) {
			return fmt.Errorf("%s accepted an order for unknown user %s (error %v)", s.Name(), unknownUser, err)
		}
		if w := s.Cost().Sub(before).Writes; w != 0 {
			return fmt.Errorf("%s refused the order for unknown user %s but wrote %d %s", s.Name(), unknownUser, w, s.Unit())
		}
		fmt.Fprintf(out, "  %-9s  refused: %v\n", s.Name(), err)
	}

	questions := []struct {
		title string
		ask   func(Store) (string, error)
	}{
		{fmt.Sprintf("1. orders of %s, newest first", q.User), func(s Store) (string, error) {
			list, err := s.UserOrders(ctx, q.User)
			return renderSummaries(list), err
		}},
		{fmt.Sprintf("2. top %d customers by total spend", q.Top), func(s Store) (string, error) {
			list, err := s.TopCustomers(ctx, q.Top)
			return renderSpend(list), err
		}},
		{fmt.Sprintf("3. orders placed from %s to %s (exclusive), oldest first", q.From.Format(timeFormat), q.To.Format(timeFormat)),
			func(s Store) (string, error) {
				list, err := s.OrdersBetween(ctx, q.From, q.To)
				return renderSummaries(list), err
			}},
	}
	trips := make([][]int64, len(stores))
	for qi, question := range questions {
		fmt.Fprintf(out, "\n%s:\n", question.title)
		var first string
		for i, s := range stores {
			before := s.Cost()
			answer, err := question.ask(s)
			if err != nil {
				return err
			}
			trips[i] = append(trips[i], s.Cost().Sub(before).RoundTrips)
			if i == 0 {
				first = answer
				fmt.Fprint(out, answer)
			} else if answer != first {
				fmt.Fprintf(out, "  but %s answered:\n%s", s.Name(), answer)
				return fmt.Errorf("question %d: %s answered differently from %s", qi+1, s.Name(), names[0])
			}
		}
		fmt.Fprintf(out, "  (the same from %s)\n", strings.Join(names, ", "))
	}

	fmt.Fprintf(out, "\nmeasured cost: per order placed, and round trips per question\n")
	fmt.Fprintf(out, "  %-9s  %-12s  %-16s  %3s %3s %3s\n", "store", "round trips", "writes", "Q1", "Q2", "Q3")
	for i, s := range stores {
		n := int64(len(orders))
		fmt.Fprintf(out, "  %-9s  %-12s  %-16s  %3d %3d %3d\n", s.Name(), per(placed[i].RoundTrips, n),
			per(placed[i].Writes, n)+" "+s.Unit(), trips[i][0], trips[i][1], trips[i][2])
	}
	return nil
}

const timeFormat = "2006-01-02 15:04"

// per is total/n rounded to one decimal.
func per(total, n int64) string {
	if n == 0 {
		return "-"
	}
	return strconv.FormatFloat(float64((total*10+n/2)/n)/10, 'f', -1, 64)
}

func money(cents int64) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }

func renderSummaries(list []Summary) string {
	if len(list) == 0 {
		return "  (none)\n"
	}
	var b strings.Builder
	for _, s := range list {
		fmt.Fprintf(&b, "  %-4s %s  %-3s %-15s %9s\n", s.Order, s.At.UTC().Format(timeFormat), s.User, s.Name, money(s.Total))
	}
	return b.String()
}

func renderSpend(list []Spend) string {
	if len(list) == 0 {
		return "  (none)\n"
	}
	var b strings.Builder
	for i, s := range list {
		fmt.Fprintf(&b, "  %d. %-3s %-15s %2d %-6s %9s\n", i+1, s.User, s.Name, s.Orders, plural(s.Orders, "order"), money(s.Total))
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
