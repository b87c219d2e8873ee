// Package dataframe is Spark SQL's lesson (declarative queries over data
// files, a planner that pushes work into the scan) on one machine, with
// DuckDB embedded in the process: a generated sales dataset written as CSV
// and Parquet, one report of four queries (filter and projection, join and
// GROUP BY, two window functions) run by SQL, the query plan that shows
// predicate and projection pushdown into the Parquet scan, and the same
// report computed by hand with the rdd package, for contrast.
package dataframe

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The tables of the dataset. Each is written as <name>.csv and <name>.parquet.
var Tables = []string{"customers", "products", "sales"}

// columns are the tables' SQL schemas: CSV is text, so the reader must be
// told the types (Parquet stores them).
var columns = map[string]string{
	"customers": `{'customer_id': 'INTEGER', 'name': 'VARCHAR', 'region': 'VARCHAR'}`,
	"products":  `{'product_id': 'INTEGER', 'name': 'VARCHAR', 'category': 'VARCHAR', 'unit_price_cents': 'BIGINT'}`,
	"sales":     `{'order_id': 'BIGINT', 'day': 'DATE', 'customer_id': 'INTEGER', 'product_id': 'INTEGER', 'quantity': 'INTEGER', 'amount_cents': 'BIGINT'}`,
}

var (
	regions    = []string{"Africa", "Americas", "Asia", "Europe", "Oceania"}
	categories = []string{"books", "electronics", "garden", "grocery", "toys"}
)

const (
	customers          = 1000
	productsPerCat     = 8
	firstDay           = "2025-01-01"
	days               = 365
	maxOrders          = 100_000_000
	csvHeaderSales     = "order_id,day,customer_id,product_id,quantity,amount_cents"
	csvHeaderCustomers = "customer_id,name,region"
	csvHeaderProducts  = "product_id,name,category,unit_price_cents"
)

// Generate writes the dataset for orders sales of the year 2025 (in day
// order, as an append-only log would have them) into dir: the CSV files
// from Go, then each converted to Parquet by DuckDB with
// COPY (SELECT ...) TO 'x.parquet' (FORMAT parquet). Same seed, same data.
func Generate(ctx context.Context, db *sql.DB, dir string, orders int, seed uint64) error {
	if orders < 1 || orders > maxOrders {
		return fmt.Errorf("orders must be between 1 and %d, got %d", maxOrders, orders)
	}
	rng := rand.New(rand.NewPCG(seed, 0x73616c6573))
	prices := make([]int64, len(categories)*productsPerCat)
	err := writeCSV(dir, "customers", csvHeaderCustomers, func(w *bufio.Writer) {
		for id := 1; id <= customers; id++ {
			fmt.Fprintf(w, "%d,customer-%04d,%s\n", id, id, regions[rng.IntN(len(regions))])
		}
	})
	if err == nil {
		err = writeCSV(dir, "products", csvHeaderProducts, func(w *bufio.Writer) {
			for i := range prices {
				cat := categories[i/productsPerCat]
				prices[i] = int64(199 + rng.IntN(20_000)) // 1.99 to 201.98
				fmt.Fprintf(w, "%d,%s-%02d,%s,%d\n", i+1, cat, i%productsPerCat+1, cat, prices[i])
			}
		})
	}
	if err == nil {
		start, _ := time.Parse(time.DateOnly, firstDay)
		popular := rand.NewZipf(rng, 1.2, 4, uint64(len(prices)-1)) // a few best sellers...
		byRank := rng.Perm(len(prices))                             // ...in any category
		err = writeCSV(dir, "sales", csvHeaderSales, func(w *bufio.Writer) {
			for i := range orders {
				day := start.AddDate(0, 0, i*days/orders).Format(time.DateOnly)
				p := byRank[popular.Uint64()]
				q := 1 + rng.IntN(10)
				fmt.Fprintf(w, "%d,%s,%d,%d,%d,%d\n", i+1, day, 1+rng.IntN(customers), p+1, q, int64(q)*prices[p])
			}
		})
	}
	if err != nil {
		return err
	}
	for _, t := range Tables {
		q := fmt.Sprintf(`COPY (SELECT * FROM %s) TO %s (FORMAT parquet)`, scan(dir, t, "csv"), quote(filepath.Join(dir, t+".parquet")))
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("write %s.parquet in %s: %w", t, dir, err)
		}
	}
	return nil
}

func writeCSV(dir, table, header string, rows func(*bufio.Writer)) error {
	path := filepath.Join(dir, table+".csv")
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	w := bufio.NewWriterSize(f, 256<<10)
	w.WriteString(header + "\n")
	rows(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// scan is the table function that reads table from dir in format.
func scan(dir, table, format string) string {
	path := quote(filepath.Join(dir, table+"."+format))
	if format == "parquet" {
		return "read_parquet(" + path + ")"
	}
	return fmt.Sprintf("read_csv(%s, header = true, columns = %s)", path, columns[table])
}

// quote makes s a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
