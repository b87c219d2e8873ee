package dataframe

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The report's queries. Spark SQL accepts them too, with date_format(day,
// 'yyyy-MM') for strftime and div for DuckDB's integer division //; the
// README gives each one's PySpark DataFrame spelling.
const (
	QueryBigOrders = `SELECT order_id, strftime(day, '%Y-%m-%d') AS day, quantity, amount_cents
FROM sales
WHERE day BETWEEN DATE '2025-03-01' AND DATE '2025-03-07' AND quantity >= 8
ORDER BY amount_cents DESC, order_id
LIMIT 5`

	QueryByRegion = `SELECT c.region, count(*) AS orders, CAST(sum(s.quantity) AS BIGINT) AS units,
       CAST(sum(s.amount_cents) AS BIGINT) AS revenue_cents,
       CAST(sum(s.amount_cents) // count(*) AS BIGINT) AS average_cents
FROM sales s JOIN customers c ON s.customer_id = c.customer_id
GROUP BY c.region
ORDER BY c.region`

	QueryMonthly = `SELECT strftime(day, '%Y-%m') AS month, CAST(sum(amount_cents) AS BIGINT) AS revenue_cents,
       CAST(sum(sum(amount_cents)) OVER (ORDER BY strftime(day, '%Y-%m')) AS BIGINT) AS running_cents
FROM sales
GROUP BY month
ORDER BY month`

	QueryTopProducts = `WITH revenue AS (
  SELECT p.category, p.name, CAST(sum(s.amount_cents) AS BIGINT) AS revenue_cents
  FROM sales s JOIN products p ON s.product_id = p.product_id
  GROUP BY p.category, p.name),
ranked AS (
  SELECT *, rank() OVER (PARTITION BY category ORDER BY revenue_cents DESC) AS pos
  FROM revenue)
SELECT category, pos, name, revenue_cents FROM ranked
WHERE pos <= 2
ORDER BY category, pos, name`
)

// Queries names the report's queries, in order.
var Queries = []struct{ Name, SQL string }{
	{"big orders", QueryBigOrders},
	{"by region", QueryByRegion},
	{"monthly", QueryMonthly},
	{"top products", QueryTopProducts},
}

// Attach makes the tables of the dataset in dir, in format "csv" or
// "parquet", visible to SQL as views: every query reads the files again, so
// what a query costs is what its scans of the files cost.
func Attach(ctx context.Context, db *sql.DB, dir, format string) error {
	if format != "csv" && format != "parquet" {
		return fmt.Errorf("format must be csv or parquet, got %q", format)
	}
	for _, t := range Tables {
		q := fmt.Sprintf(`CREATE OR REPLACE VIEW %s AS SELECT * FROM %s`, t, scan(dir, t, format))
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("attach %s.%s in %s: %w", t, format, dir, err)
		}
	}
	return nil
}

// Stat is what one query cost: wall time and bytes read from files.
type Stat struct {
	Query     string
	Took      time.Duration
	BytesRead int64 // -1 where the OS does not tell (it is /proc/self/io's rchar)
}

// SQLReport runs the four queries on the attached tables. stats, if not
// nil, is called once per query.
func SQLReport(ctx context.Context, db *sql.DB, stats func(Stat)) (Report, error) {
	var r Report
	scans := []func(*sql.Rows) error{
		func(rows *sql.Rows) error {
			var o Order
			err := rows.Scan(&o.ID, &o.Day, &o.Quantity, &o.AmountCents)
			r.BigOrders = append(r.BigOrders, o)
			return err
		},
		func(rows *sql.Rows) error {
			var g RegionTotal
			err := rows.Scan(&g.Region, &g.Orders, &g.Units, &g.RevenueCents, &g.AverageCents)
			r.ByRegion = append(r.ByRegion, g)
			return err
		},
		func(rows *sql.Rows) error {
			var m MonthTotal
			err := rows.Scan(&m.Month, &m.RevenueCents, &m.RunningCents)
			r.Monthly = append(r.Monthly, m)
			return err
		},
		func(rows *sql.Rows) error {
			var p ProductRank
			err := rows.Scan(&p.Category, &p.Rank, &p.Product, &p.RevenueCents)
			r.TopProducts = append(r.TopProducts, p)
			return err
		},
	}
	for i, q := range Queries {
		err := measure(q.Name, stats, func() error { return query(ctx, db, q.SQL, scans[i]) })
		if err != nil {
			return Report{}, fmt.Errorf("query %q: %w", q.Name, err)
		}
	}
	return r, nil
}

func query(ctx context.Context, db *sql.DB, q string, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Explain returns DuckDB's physical plan for q, as text.
func Explain(ctx context.Context, db *sql.DB, q string) (string, error) {
	var b strings.Builder
	err := query(ctx, db, "EXPLAIN "+q, func(rows *sql.Rows) error {
		var key, plan string
		err := rows.Scan(&key, &plan)
		b.WriteString(plan)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("explain: %w", err)
	}
	return b.String(), nil
}
