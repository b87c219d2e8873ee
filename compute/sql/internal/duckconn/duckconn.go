// Package duckconn opens the in-memory DuckDB database the examples of
// compute/sql share: DuckDB runs inside the process (cgo), so there is no
// address to reach, only a thread count to choose.
package duckconn

import (
	"database/sql"
	"fmt"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" database/sql driver
)

// Open opens a new in-memory DuckDB database that uses threads worker
// threads (0: DuckDB's default, one per core). All connections of the
// returned pool share that one database.
func Open(threads int) (*sql.DB, error) {
	dsn := ""
	if threads > 0 {
		dsn = fmt.Sprintf("?threads=%d", threads)
	}
	db, err := sql.Open("duckdb", dsn)
	if err == nil {
		err = db.Ping() // sql.Open only checks the name: start DuckDB now
	}
	if err != nil {
		return nil, fmt.Errorf("open in-memory duckdb (threads %d): %w", threads, err)
	}
	return db, nil
}
