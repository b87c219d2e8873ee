package main

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
)

var (
	errFunds     = errors.New("insufficient funds")
	errNoAccount = errors.New("no such account")
)

// bank keeps balances in `accounts` ({_id: name, balance}) and a line per
// transfer in `transfers`.
type bank struct {
	client *mongo.Client
	db     *mongo.Database
}

// reset drops both collections and creates them with the given balances.
// Collections are created before any transaction writes to them.
func (b bank) reset(ctx context.Context, balances map[string]int64) error {
	for _, name := range []string{"accounts", "transfers"} {
		if err := b.db.Collection(name).Drop(ctx); err != nil {
			return fmt.Errorf("drop %s: %w", name, err)
		}
		if err := b.db.CreateCollection(ctx, name); err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
	}
	var docs []bson.D
	for name, balance := range balances {
		docs = append(docs, bson.D{{Key: "_id", Value: name}, {Key: "balance", Value: balance}})
	}
	if _, err := b.db.Collection("accounts").InsertMany(ctx, docs); err != nil {
		return fmt.Errorf("insert accounts: %w", err)
	}
	return nil
}

// transfer debits from, credits to and records the transfer in one transaction.
// An error from the callback aborts it: nothing it wrote stays. WithTransaction
// commits otherwise, and retries the whole callback on a TransientTransactionError
// (a write conflict with a concurrent transaction).
func (b bank) transfer(ctx context.Context, from, to string, amount int64) error {
	sess, err := b.client.StartSession()
	if err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	defer sess.EndSession(context.WithoutCancel(ctx))
	accounts := b.db.Collection("accounts")
	inc := func(by int64) bson.D { return bson.D{{Key: "$inc", Value: bson.D{{Key: "balance", Value: by}}}} }
	_, err = sess.WithTransaction(ctx, func(ctx context.Context) (any, error) {
		// ctx carries the session: every operation with it is part of the transaction.
		debit, err := accounts.UpdateOne(ctx, bson.D{{Key: "_id", Value: from},
			{Key: "balance", Value: bson.D{{Key: "$gte", Value: amount}}}}, inc(-amount))
		if err != nil {
			return nil, fmt.Errorf("debit %s: %w", from, err)
		}
		if debit.MatchedCount == 0 {
			return nil, errFunds
		}
		credit, err := accounts.UpdateOne(ctx, bson.D{{Key: "_id", Value: to}}, inc(amount))
		if err != nil {
			return nil, fmt.Errorf("credit %s: %w", to, err)
		}
		if credit.MatchedCount == 0 {
			return nil, fmt.Errorf("%w: %s", errNoAccount, to)
		}
		_, err = b.db.Collection("transfers").InsertOne(ctx, bson.D{
			{Key: "from", Value: from}, {Key: "to", Value: to}, {Key: "amount", Value: amount}})
		return nil, err
	}, options.Transaction().SetReadConcern(readconcern.Snapshot()).SetWriteConcern(writeconcern.Majority()))
	return err
}

// summary is "alice 70, bob 80; total 150, 1 transfers recorded".
func (b bank) summary(ctx context.Context) (string, error) {
	var accounts []struct {
		ID      string `bson:"_id"`
		Balance int64  `bson:"balance"`
	}
	cur, err := b.db.Collection("accounts").Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return "", fmt.Errorf("read accounts: %w", err)
	}
	if err := cur.All(ctx, &accounts); err != nil {
		return "", fmt.Errorf("read accounts: %w", err)
	}
	n, err := b.db.Collection("transfers").CountDocuments(ctx, bson.D{})
	if err != nil {
		return "", fmt.Errorf("count transfers: %w", err)
	}
	s, total := "", int64(0)
	for _, a := range accounts {
		s += fmt.Sprintf("%s %d, ", a.ID, a.Balance)
		total += a.Balance
	}
	return fmt.Sprintf("%stotal %d, %d transfers recorded", s, total, n), nil
}
