package onemodel

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// DefaultMongoURI is where compose.yaml publishes MongoDB.
const DefaultMongoURI = "mongodb://127.0.0.1:27017"

// MongoDB stores an order as one document. What belongs to the order and is
// read with it is embedded (its items, its total); what lives on its own is
// referenced by id (the user), with the user's name copied in for reading. The
// user document keeps running totals (orders, spent), updated with $inc as each
// order is placed, so "top customers" is an indexed sort, not a scan.
type MongoDB struct {
	meter
	client *mongo.Client
	db     *mongo.Database
}

// mongoUser and mongoOrder are the documents.
type mongoUser struct {
	ID     string `bson:"_id"`
	Name   string `bson:"name"`
	Email  string `bson:"email"`
	Orders int    `bson:"orders"` // computed at write: how many orders
	Spent  int64  `bson:"spent"`  // and their sum
}

type mongoOrder struct {
	ID       string    `bson:"_id"`
	UserID   string    `bson:"user_id"`   // a reference: users._id
	UserName string    `bson:"user_name"` // a copy, so that listing orders needs no second query
	At       time.Time `bson:"placed_at"`
	Total    int64     `bson:"total"`
	Items    []Item    `bson:"items"` // embedded: written and read with the order, atomically
}

// MongoClientOptions are the client options for uri, with short timeouts where
// the URI sets none (connectTimeoutMS, serverSelectionTimeoutMS, timeoutMS).
func MongoClientOptions(uri string) *options.ClientOptions {
	return options.Client().
		SetConnectTimeout(5 * time.Second).
		SetServerSelectionTimeout(5 * time.Second).
		SetTimeout(10 * time.Second).
		ApplyURI(uri)
}

// OpenMongoDB connects to uri and uses database db, which Reset drops.
func OpenMongoDB(ctx context.Context, uri, db string) (*MongoDB, error) {
	m := &MongoDB{}
	opts := MongoClientOptions(uri).SetMonitor(&event.CommandMonitor{
		Started: func(context.Context, *event.CommandStartedEvent) { m.add(1, 0) },
		// insert, update and delete answer how many documents they wrote in "n",
		// findAndModify in "lastErrorObject.n".
		Succeeded: func(_ context.Context, e *event.CommandSucceededEvent) {
			switch e.CommandName {
			case "insert", "update", "delete":
				m.add(0, replyCount(e.Reply.Lookup("n")))
			case "findAndModify":
				m.add(0, replyCount(e.Reply.Lookup("lastErrorObject", "n")))
			}
		},
	})
	if err := opts.Validate(); err != nil {
		return nil, fmt.Errorf("mongodb URI: %w", err)
	}
	addr := strings.Join(opts.Hosts, ",")
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("connect to mongodb at %s: %w", addr, err)
	}
	if err := client.Ping(ctx, nil); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, fmt.Errorf("mongodb at %s is unreachable (start it with `make up`): %w", addr, err)
	}
	m.client, m.db = client, client.Database(db)
	return m, nil
}

// replyCount reads a count from a reply field, whatever its number type.
func replyCount(v bson.RawValue) int64 {
	if n, ok := v.AsInt64OK(); ok {
		return n
	}
	return 0
}

func (m *MongoDB) Name() string { return "mongodb" }
func (m *MongoDB) Unit() string { return "documents" }

func (m *MongoDB) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return m.client.Disconnect(ctx)
}

// Reset drops the database and creates the indexes the questions use.
func (m *MongoDB) Reset(ctx context.Context) error {
	if err := m.db.Drop(ctx); err != nil {
		return fmt.Errorf("mongodb: drop database %s: %w", m.db.Name(), err)
	}
	if _, err := m.db.Collection("users").Indexes().CreateMany(ctx, []mongo.IndexModel{
		{Keys: bson.D{{Key: "email", Value: 1}}, Options: options.Index().SetUnique(true)},
		{Keys: bson.D{{Key: "spent", Value: -1}, {Key: "_id", Value: -1}}},
	}); err != nil {
		return fmt.Errorf("mongodb: create index on users: %w", err)
	}
	if _, err := m.db.Collection("orders").Indexes().CreateMany(ctx, []mongo.IndexModel{
		{Keys: bson.D{{Key: "user_id", Value: 1}, {Key: "placed_at", Value: -1}}},
		{Keys: bson.D{{Key: "placed_at", Value: 1}}},
	}); err != nil {
		return fmt.Errorf("mongodb: create indexes on orders: %w", err)
	}
	return nil
}

func (m *MongoDB) AddUser(ctx context.Context, u User) error {
	if _, err := m.db.Collection("users").InsertOne(ctx, mongoUser{ID: u.ID, Name: u.Name, Email: u.Email}); err != nil {
		return fmt.Errorf("mongodb: insert user %s: %w", u.ID, err)
	}
	return nil
}

// PlaceOrder adds the order to the user's running totals with findAndModify,
// which also proves that the user exists (MongoDB has no foreign keys) and
// returns the name to copy, then inserts the order: one document, items
// embedded, atomic by itself. The two writes are not one transaction: without a
// replica set there are none, so if the insert fails the totals are taken back
// by hand, and a crash in between would leave them ahead of the orders.
func (m *MongoDB) PlaceOrder(ctx context.Context, o Order) error {
	users := m.db.Collection("users")
	inc := func(orders int, spent int64) *mongo.SingleResult {
		return users.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: o.UserID}},
			bson.D{{Key: "$inc", Value: bson.D{{Key: "orders", Value: orders}, {Key: "spent", Value: spent}}}})
	}
	var u mongoUser
	err := inc(1, o.Total()).Decode(&u)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return fmt.Errorf("%w %s: no document in users (findAndModify matched none)", ErrUnknownUser, o.UserID)
	}
	if err != nil {
		return fmt.Errorf("mongodb: update user %s: %w", o.UserID, err)
	}
	doc := mongoOrder{ID: o.ID, UserID: o.UserID, UserName: u.Name, At: o.At, Total: o.Total(), Items: o.Items}
	if _, err := m.db.Collection("orders").InsertOne(ctx, doc); err != nil {
		if undo := inc(-1, -o.Total()).Err(); undo != nil {
			return fmt.Errorf("mongodb: insert order %s: %w (and the totals of %s could not be taken back: %v)", o.ID, err, o.UserID, undo)
		}
		return fmt.Errorf("mongodb: insert order %s: %w", o.ID, err)
	}
	return nil
}

func (m *MongoDB) UserOrders(ctx context.Context, user string) ([]Summary, error) {
	return m.summaries(ctx, bson.D{{Key: "user_id", Value: user}}, -1)
}

func (m *MongoDB) OrdersBetween(ctx context.Context, from, to time.Time) ([]Summary, error) {
	return m.summaries(ctx, bson.D{{Key: "placed_at", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lt", Value: to}}}}, 1)
}

func (m *MongoDB) summaries(ctx context.Context, filter bson.D, dir int) ([]Summary, error) {
	cur, err := m.db.Collection("orders").Find(ctx, filter, options.Find().
		SetSort(bson.D{{Key: "placed_at", Value: dir}, {Key: "_id", Value: dir}}).
		SetProjection(bson.D{{Key: "items", Value: 0}}))
	if err != nil {
		return nil, fmt.Errorf("mongodb: find orders: %w", err)
	}
	var docs []mongoOrder
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("mongodb: read orders: %w", err)
	}
	list := make([]Summary, len(docs))
	for i, d := range docs {
		list[i] = Summary{Order: d.ID, User: d.UserID, Name: d.UserName, At: d.At.UTC(), Total: d.Total}
	}
	return list, nil
}

// TopCustomers sorts the users by their running totals (an index serves the
// sort). An aggregation over the orders ($group by user_id with $sum) computes
// the same from the orders themselves; the test checks that it agrees.
func (m *MongoDB) TopCustomers(ctx context.Context, n int) ([]Spend, error) {
	cur, err := m.db.Collection("users").Find(ctx, bson.D{{Key: "orders", Value: bson.D{{Key: "$gt", Value: 0}}}},
		options.Find().SetSort(bson.D{{Key: "spent", Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(n)))
	if err != nil {
		return nil, fmt.Errorf("mongodb: find top customers: %w", err)
	}
	var users []mongoUser
	if err := cur.All(ctx, &users); err != nil {
		return nil, fmt.Errorf("mongodb: read top customers: %w", err)
	}
	var list []Spend
	for _, u := range users {
		list = append(list, Spend{User: u.ID, Name: u.Name, Orders: u.Orders, Total: u.Spent})
	}
	return list, nil
}

// SpendByUser computes every user's total from the orders themselves, on the
// server: $group by the user reference with $sum.
func (m *MongoDB) SpendByUser(ctx context.Context) (map[string]int64, error) {
	cur, err := m.db.Collection("orders").Aggregate(ctx, mongo.Pipeline{
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$user_id"}, {Key: "total", Value: bson.D{{Key: "$sum", Value: "$total"}}}}}},
	})
	if err != nil {
		return nil, fmt.Errorf("mongodb: aggregate orders: %w", err)
	}
	var groups []struct {
		User  string `bson:"_id"`
		Total int64  `bson:"total"`
	}
	if err := cur.All(ctx, &groups); err != nil {
		return nil, fmt.Errorf("mongodb: read aggregation: %w", err)
	}
	spend := map[string]int64{}
	for _, g := range groups {
		spend[g.User] = g.Total
	}
	return spend, nil
}
