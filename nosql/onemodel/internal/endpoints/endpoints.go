// Package endpoints hands the onemodel tests the four servers from the service
// kit, starting the containers side by side rather than one after another.
package endpoints

import (
	"sync"
	"testing"

	"example.com/cloudgo/internal/cassandratest"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/mongotest"
	"example.com/cloudgo/internal/postgrestest"
	"example.com/cloudgo/internal/redistest"
)

// Endpoints are where the tests' servers answer.
type Endpoints struct {
	Postgres  string // postgres:// URL
	Mongo     string // mongodb:// URI
	Cassandra string // host:port
	Redis     string // redis:// URL
}

// Get returns the endpoints of the package's shared containers (or of the
// servers named by CLOUDGO_TEST_*), asking for all four at once.
func Get(t *testing.T) Endpoints {
	t.Helper()
	kit.RequireDocker(t) // skips under -short, as each service would
	var (
		mu sync.Mutex
		e  Endpoints
	)
	get := map[string]func(t *testing.T){
		"postgres":  func(t *testing.T) { u := postgrestest.URL(t); mu.Lock(); e.Postgres = u; mu.Unlock() },
		"mongodb":   func(t *testing.T) { u := mongotest.URL(t); mu.Lock(); e.Mongo = u; mu.Unlock() },
		"cassandra": func(t *testing.T) { a := cassandratest.Addr(t); mu.Lock(); e.Cassandra = a; mu.Unlock() },
		"redis":     func(t *testing.T) { u := redistest.URL(t); mu.Lock(); e.Redis = u; mu.Unlock() },
	}
	ok := t.Run("servers", func(t *testing.T) {
		for name, f := range get {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				f(t)
			})
		}
	})
	if !ok || e.Postgres == "" || e.Mongo == "" || e.Cassandra == "" || e.Redis == "" {
		t.Fatal("the servers the test needs did not start (see above)")
	}
	return e
}
