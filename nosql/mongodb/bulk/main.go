// Command bulk sends a stock import as one BulkWrite: inserts, updates, an upsert
// and a delete in a few round trips instead of one each. Unordered, the server
// tries every operation and the error lists the failed ones by index, so each
// item is accounted for; ordered, it stops at the first failure.
//
//	go run ./mongodb/bulk -uri mongodb://127.0.0.1:27017   (or MONGODB_URI; `make up` starts one)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/cloudgo/nosql/internal/cli"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("bulk", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bulk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conn := mongoconn.RegisterFlags(fs, 30*time.Second)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if err := conn.Check(); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, conn.Timeout)
	defer cancel()
	client, err := mongoconn.Connect(ctx, conn.URI)
	if err != nil {
		return err
	}
	defer mongoconn.Disconnect(ctx, client)
	stock := client.Database(conn.DB).Collection("stock")

	for _, ordered := range []bool{false, true} {
		if err := reset(ctx, stock); err != nil {
			return err
		}
		items, res, err := write(ctx, stock, operations(), ordered)
		if err != nil {
			return fmt.Errorf("bulk write to stock: %w", err)
		}
		failed, skipped := count(items)
		kind := map[bool]string{false: "unordered", true: "ordered"}[ordered]
		fmt.Fprintf(stdout, "%s bulk write of %d operations: %d failed, %d not attempted\n", kind, len(items), failed, skipped)
		for i, it := range items {
			fmt.Fprintf(stdout, "  #%d %-22s %s\n", i, it.What, it.Outcome)
		}
		fmt.Fprintf(stdout, "  result: %d inserted, %d matched, %d modified, %d upserted, %d deleted\n",
			res.InsertedCount, res.MatchedCount, res.ModifiedCount, res.UpsertedCount, res.DeletedCount)
		after, err := levels(ctx, stock)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "  stock after: %s\n", after)
	}
	return nil
}

// reset gives stock a unique index on sku and three items: A1=10 B2=20 E5=1.
func reset(ctx context.Context, stock *mongo.Collection) error {
	if err := stock.Drop(ctx); err != nil {
		return fmt.Errorf("drop stock: %w", err)
	}
	if _, err := stock.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys: bson.D{{Key: "sku", Value: 1}}, Options: options.Index().SetUnique(true)}); err != nil {
		return fmt.Errorf("create unique index on stock.sku: %w", err)
	}
	_, err := stock.InsertMany(ctx, []item{{"A1", 10}, {"B2", 20}, {"E5", 1}})
	if err != nil {
		return fmt.Errorf("insert stock: %w", err)
	}
	return nil
}

type item struct {
	SKU string `bson:"sku"`
	Qty int    `bson:"qty"`
}

// levels is "A1=10 B2=25 …", the stock in sku order.
func levels(ctx context.Context, stock *mongo.Collection) (string, error) {
	cur, err := stock.Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "sku", Value: 1}}))
	if err != nil {
		return "", fmt.Errorf("read stock: %w", err)
	}
	var items []item
	if err := cur.All(ctx, &items); err != nil {
		return "", fmt.Errorf("read stock: %w", err)
	}
	s := ""
	for i, it := range items {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%s=%d", it.SKU, it.Qty)
	}
	return s, nil
}
