package dataframe

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"example.com/cloudgo/compute/sql/internal/duckconn"
)

// dataset generates a small dataset once per test binary run.
func dataset(t *testing.T, orders int) (*sql.DB, string) {
	t.Helper()
	db, err := duckconn.Open(2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	dir := t.TempDir()
	if err := Generate(context.Background(), db, dir, orders, 1); err != nil {
		t.Fatal(err)
	}
	return db, dir
}

// TestEnginesAgree: the SQL report over CSV, over Parquet, and the report
// computed by hand with the rdd package are the same, value for value and
// byte for byte once printed.
func TestEnginesAgree(t *testing.T) {
	ctx := context.Background()
	db, dir := dataset(t, 30_000)
	var reports []Report
	for _, format := range []string{"csv", "parquet"} {
		if err := Attach(ctx, db, dir, format); err != nil {
			t.Fatal(err)
		}
		r, err := SQLReport(ctx, db, nil)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		reports = append(reports, r)
	}
	for _, parts := range []int{1, 4} {
		r, err := RDDReport(ctx, dir, parts, nil)
		if err != nil {
			t.Fatalf("rdd: %v", err)
		}
		reports = append(reports, r)
	}
	want := reports[0]
	if len(want.BigOrders) != bigLimit || len(want.ByRegion) != len(regions) || len(want.Monthly) != 12 || len(want.TopProducts) < len(categories)*topRanks {
		t.Fatalf("report has %d/%d/%d/%d rows, want %d/%d/12/>=%d", len(want.BigOrders), len(want.ByRegion), len(want.Monthly), len(want.TopProducts),
			bigLimit, len(regions), len(categories)*topRanks)
	}
	if last := want.Monthly[11]; last.RunningCents != sum(want.ByRegion) {
		t.Errorf("the running total ends at %d, want the total revenue %d", last.RunningCents, sum(want.ByRegion))
	}
	var wantText bytes.Buffer
	want.Write(&wantText)
	for i, r := range reports[1:] {
		var text bytes.Buffer
		r.Write(&text)
		if !reflect.DeepEqual(r, want) || text.String() != wantText.String() {
			t.Errorf("report %d differs:\n%s\nwant:\n%s", i+1, text.String(), wantText.String())
		}
	}
}

func sum(rs []RegionTotal) (s int64) {
	for _, r := range rs {
		s += r.RevenueCents
	}
	return s
}

// TestPushdown: in the Parquet plan of the filtered, projected query, the
// filter and the column list are part of the Parquet scan itself (so row
// groups are skipped by their min/max and unneeded columns never read); the
// CSV reader takes the column list but filters after parsing every row.
func TestPushdown(t *testing.T) {
	ctx := context.Background()
	db, dir := dataset(t, 1000)

	if err := Attach(ctx, db, dir, "parquet"); err != nil {
		t.Fatal(err)
	}
	plan, err := Explain(ctx, db, QueryBigOrders)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("parquet plan:\n%s", plan)
	scan := node(plan, "PARQUET") // Function: READ_PARQUET (PARQUET_SCAN in some versions)
	for _, want := range []string{"Projections:", "Filters:", "day", "quantity", "amount_cents", "order_id"} {
		if !strings.Contains(scan, want) {
			t.Errorf("the Parquet scan does not mention %q:\n%s", want, scan)
		}
	}
	if _, filters, _ := strings.Cut(scan, "Filters:"); !strings.Contains(filters, "day") || !strings.Contains(filters, "quantity") {
		t.Errorf("the scan's filters do not hold both predicates:\n%s", scan)
	}
	for _, unread := range []string{"customer_id", "product_id"} {
		if strings.Contains(scan, unread) {
			t.Errorf("the Parquet scan reads %s, which the query does not need:\n%s", unread, scan)
		}
	}

	// The same, from the plan as JSON (what a tool would read).
	var tree []planNode
	if err := jsonPlan(ctx, db, QueryBigOrders, &tree); err != nil {
		t.Fatal(err)
	}
	ps := find(tree, "PARQUET")
	if ps == nil {
		t.Fatalf("no Parquet scan in the JSON plan")
	}
	if f, _ := json.Marshal(ps.Extra["Filters"]); !strings.Contains(string(f), "day") || !strings.Contains(string(f), "quantity") {
		t.Errorf("JSON plan filters %s, want day and quantity", f)
	}

	if err := Attach(ctx, db, dir, "csv"); err != nil {
		t.Fatal(err)
	}
	plan, err = Explain(ctx, db, QueryBigOrders)
	if err != nil {
		t.Fatal(err)
	}
	csvScan := node(plan, "READ_CSV")
	if !strings.Contains(csvScan, "Projections:") || strings.Contains(csvScan, "customer_id") {
		t.Errorf("the CSV scan should take the column list:\n%s", plan)
	}
	if strings.Contains(csvScan, "Filters:") || !strings.Contains(plan, "Filter") {
		t.Errorf("the README says the CSV reader parses every row and a Filter above it drops them; the plan now differs:\n%s", plan)
	}
	t.Logf("csv plan:\n%s", plan)
}

// node is the text of the plan's box (or indented block) that names
// function, with the box-drawing characters removed: the lines from the
// one before the function's name up to the end of that box.
func node(plan, function string) string {
	lines := strings.Split(plan, "\n")
	for i, l := range lines {
		if !strings.Contains(l, function) {
			continue
		}
		var b strings.Builder
		for _, l := range lines[max(i-1, 0):] {
			if strings.ContainsAny(l, "╰└") && b.Len() > 0 {
				break
			}
			b.WriteString(strings.TrimSpace(strings.Trim(l, "│║┃|╭╮─┬┴ ")) + "\n")
		}
		return b.String()
	}
	return ""
}

type planNode struct {
	Name     string         `json:"name"`
	Children []planNode     `json:"children"`
	Extra    map[string]any `json:"extra_info"`
}

func jsonPlan(ctx context.Context, db *sql.DB, q string, into *[]planNode) error {
	var key, js string
	if err := db.QueryRowContext(ctx, "EXPLAIN (FORMAT json) "+q).Scan(&key, &js); err != nil {
		return err
	}
	return json.Unmarshal([]byte(js), into)
}

// find is the first node whose name or function contains name.
func find(nodes []planNode, name string) *planNode {
	for i := range nodes {
		if f, _ := nodes[i].Extra["Function"].(string); strings.Contains(nodes[i].Name+" "+f, name) {
			return &nodes[i]
		}
		if n := find(nodes[i].Children, name); n != nil {
			return n
		}
	}
	return nil
}

// TestBadCSV: a malformed file is an error naming the file, from both engines.
func TestBadCSV(t *testing.T) {
	ctx := context.Background()
	db, dir := dataset(t, 100)
	path := filepath.Join(dir, "sales.csv")
	if err := os.WriteFile(path, []byte(csvHeaderSales+"\n1,2025-01-01,x,1,1,100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := RDDReport(ctx, dir, 2, nil); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("rdd: err = %v, want one naming %s", err, path)
	}
	if err := Attach(ctx, db, dir, "csv"); err != nil {
		t.Fatal(err)
	}
	if _, err := SQLReport(ctx, db, nil); err == nil || !strings.Contains(err.Error(), "sales.csv") {
		t.Errorf("sql: err = %v, want one naming sales.csv", err)
	}
}
