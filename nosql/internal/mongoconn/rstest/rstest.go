// Package rstest hands tests of transactions and change streams a MongoDB replica
// set: what those features need and the kit's shared standalone server is not.
package rstest

import (
	"context"
	"testing"
	"time"

	tcmongo "github.com/testcontainers/testcontainers-go/modules/mongodb"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/mongotest"
	"example.com/cloudgo/nosql/internal/mongoconn"
)

// URI returns the connection string of a replica set for a test of feature: the
// tests' server (CLOUDGO_TEST_MONGODB_URL, or the kit's) when it is a member of
// one, else a one-node set in a container of the test's own. When the tests'
// server is a stand-in that has no replica sets, the test is skipped with one line
// naming it and the feature.
func URI(t testing.TB, feature string) string {
	t.Helper()
	uri := mongotest.URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := mongo.Connect(options.Client().ApplyURI(uri).SetTimeout(10 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer mongoconn.Disconnect(ctx, client)
	if mongoconn.RequireReplicaSet(ctx, client, uri, feature) == nil {
		return uri
	}
	standIn, err := mongoconn.StandIn(ctx, client.Database("admin"))
	if err != nil {
		t.Fatal(err)
	}
	if standIn != "" {
		t.Skipf("%s (the stand-in for %s) has no replica sets: %s not verified", standIn, mongotest.Image, feature)
	}
	c := kit.Own(t, mongotest.Image, []string{"CLOUDGO_TEST_MONGODB_URL"}, func(ctx context.Context) (*tcmongo.MongoDBContainer, error) {
		return mongotest.Run(ctx, tcmongo.WithReplicaSet("rs0"))
	})
	endpoint, err := c.PortEndpoint(ctx, "27017/tcp", "")
	if err != nil {
		t.Fatal(err)
	}
	// The set's member is named by its container IP, which the host may not
	// reach (Docker Desktop): talk to it directly instead of discovering the set.
	return "mongodb://" + endpoint + "/?directConnection=true"
}
