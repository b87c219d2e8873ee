// Command aggregate computes a small sales report on the server with an
// aggregation pipeline: $match keeps the paid orders, $group sums them per
// country, $sort ranks the countries. Only the report crosses the network, not
// the orders.
//
//	go run ./mongodb/aggregate -uri mongodb://127.0.0.1:27017   (or MONGODB_URI; `make up` starts one)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("aggregate", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("aggregate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := mongoconn.RegisterFlags(fs, 30*time.Second)
	n := fs.Int("n", 1000, "orders to generate (1-100000)")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	if *n < 1 || *n > 100000 {
		return cli.Usagef("-n must be between 1 and 100000, got %d", *n)
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	client, err := mongoconn.Connect(ctx, conn.URI)
	if err != nil {
		return err
	}
	defer mongoconn.Disconnect(ctx, client)

	orders := client.Database(conn.DB).Collection("orders")
	if err := orders.Drop(ctx); err != nil {
		return fmt.Errorf("drop orders: %w", err)
	}
	if _, err := orders.InsertMany(ctx, generate(*n)); err != nil {
		return fmt.Errorf("insert %d orders: %w", *n, err)
	}
	rows, err := report(ctx, orders)
	if err != nil {
		return fmt.Errorf("aggregate orders: %w", err)
	}
	fmt.Fprintf(stdout, "%d orders; the paid ones by country, largest revenue first:\n", *n)
	fmt.Fprintf(stdout, "%-8s %7s %12s\n", "country", "orders", "revenue")
	var count, cents int64
	for _, r := range rows {
		fmt.Fprintf(stdout, "%-8s %7d %12s\n", r.Country, r.Orders, euros(r.Revenue))
		count, cents = count+r.Orders, cents+r.Revenue
	}
	fmt.Fprintf(stdout, "%-8s %7d %12s\n", "total", count, euros(cents))
	return nil
}

// order is one document of `orders`. Money is in cents, an integer: sums of
// floating-point euros would not add up exactly.
type order struct {
	Customer string `bson:"customer"`
	Country  string `bson:"country"`
	Status   string `bson:"status"` // paid, cancelled or refunded
	Amount   int64  `bson:"amount"` // cents
}

// row is one line of the report: what $group produces for one country.
type row struct {
	Country string `bson:"_id"`
	Orders  int64  `bson:"orders"`
	Revenue int64  `bson:"revenue"`
}

// report is the pipeline. Stages run in order on the server; $match first, so
// that $group sees only what it needs (and a leading $match can use an index).
func report(ctx context.Context, orders *mongo.Collection) ([]row, error) {
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "status", Value: "paid"}}}},
		{{Key: "$group", Value: bson.D{
			{Key: "_id", Value: "$country"},
			{Key: "orders", Value: bson.D{{Key: "$sum", Value: 1}}},
			{Key: "revenue", Value: bson.D{{Key: "$sum", Value: "$amount"}}},
		}}},
		{{Key: "$sort", Value: bson.D{{Key: "revenue", Value: -1}, {Key: "_id", Value: 1}}}},
	}
	cur, err := orders.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, err
	}
	var rows []row
	return rows, cur.All(ctx, &rows)
}

// generate makes n orders, the same ones on every run (a fixed seed).
func generate(n int) []order {
	rng := rand.New(rand.NewPCG(1, 2))
	countries := []string{"DE", "FR", "NL", "PL", "SE", "IT"}
	statuses := []string{"paid", "paid", "paid", "paid", "paid", "paid", "paid", "paid", "cancelled", "refunded"}
	orders := make([]order, n)
	for i := range orders {
		orders[i] = order{
			Customer: fmt.Sprintf("c%03d", rng.IntN(200)),
			Country:  countries[rng.IntN(len(countries))],
			Status:   statuses[rng.IntN(len(statuses))],
			Amount:   100 + rng.Int64N(50000),
		}
	}
	return orders
}

// euros formats cents as "1234.56".
func euros(cents int64) string { return fmt.Sprintf("%d.%02d", cents/100, cents%100) }
