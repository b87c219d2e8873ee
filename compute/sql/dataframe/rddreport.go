package dataframe

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"example.com/cloudgo/compute/rdd"
)

type sale struct {
	ID, Customer, Product, Quantity, Amount int64
	Day                                     string
}

type product struct{ Name, Category string }

// totals is the combiner of the GROUP BY region: one per key and partition.
type totals struct{ Orders, Units, Revenue int64 }

func (a totals) add(b totals) totals {
	return totals{a.Orders + b.Orders, a.Units + b.Units, a.Revenue + b.Revenue}
}

type named struct {
	Name    string
	Revenue int64
}

// RDDReport computes the same Report by hand, with the rdd package, from
// the CSV files in dir: what the SQL planner does for you, written out as
// transformations (the comments name each step's SQL and Spark
// counterpart). Each action reads the files again, like a Spark job without
// cache(). stats, if not nil, is called once per query.
func RDDReport(ctx context.Context, dir string, partitions int, stats func(Stat)) (Report, error) {
	n := max(partitions, 1)
	sales := csvRDD(dir, "sales", csvHeaderSales, n, func(f []string) (sale, error) {
		v, err := ints(f[0], f[2], f[3], f[4], f[5])
		if err != nil {
			return sale{}, err
		}
		return sale{ID: v[0], Day: f[1], Customer: v[1], Product: v[2], Quantity: v[3], Amount: v[4]}, nil
	}, 6)
	regionOf := csvRDD(dir, "customers", csvHeaderCustomers, n, func(f []string) (rdd.Pair[int64, string], error) {
		id, err := strconv.ParseInt(f[0], 10, 64)
		return rdd.Pair[int64, string]{Key: id, Value: f[2]}, err
	}, 3)
	productOf := csvRDD(dir, "products", csvHeaderProducts, n, func(f []string) (rdd.Pair[int64, product], error) {
		id, err := strconv.ParseInt(f[0], 10, 64)
		return rdd.Pair[int64, product]{Key: id, Value: product{f[1], f[2]}}, err
	}, 4)

	var r Report
	steps := []func() error{
		func() error { // WHERE ... ORDER BY ... LIMIT: filter, then Spark's takeOrdered
			big := sales.Filter(func(s sale) bool {
				return s.Day >= bigFrom && s.Day <= bigTo && s.Quantity >= bigMinQuantity
			})
			rows, err := rdd.Map(big, func(s sale) Order { return Order{s.ID, s.Day, s.Quantity, s.Amount} }).Collect(ctx)
			slices.SortFunc(rows, func(a, b Order) int {
				return cmp.Or(cmp.Compare(b.AmountCents, a.AmountCents), cmp.Compare(a.ID, b.ID))
			})
			r.BigOrders = rows[:min(bigLimit, len(rows))]
			return err
		},
		func() error { // JOIN customers, GROUP BY region: a shuffle join, then reduceByKey
			byCustomer := rdd.Map(sales, func(s sale) rdd.Pair[int64, totals] {
				return rdd.Pair[int64, totals]{Key: s.Customer, Value: totals{1, s.Quantity, s.Amount}}
			})
			joined := rdd.Join(byCustomer, regionOf, n)
			byRegion := rdd.ReduceByKey(rdd.Map(joined, func(p rdd.Pair[int64, rdd.Both[totals, string]]) rdd.Pair[string, totals] {
				return rdd.Pair[string, totals]{Key: p.Value.Right, Value: p.Value.Left}
			}), totals.add, n)
			rows, err := rdd.SortByKey(byRegion, true, 1).Collect(ctx)
			for _, p := range rows {
				t := p.Value // SQL's sum(amount) // count(*): integer division (amounts are positive)
				r.ByRegion = append(r.ByRegion, RegionTotal{p.Key, t.Orders, t.Units, t.Revenue, t.Revenue / t.Orders})
			}
			return err
		},
		func() error { // GROUP BY month, then the window: a running sum over the sorted groups
			byMonth := rdd.ReduceByKey(rdd.Map(sales, func(s sale) rdd.Pair[string, int64] {
				return rdd.Pair[string, int64]{Key: s.Day[:7], Value: s.Amount}
			}), func(a, b int64) int64 { return a + b }, n)
			rows, err := rdd.SortByKey(byMonth, true, 1).Collect(ctx)
			var running int64
			for _, p := range rows {
				running += p.Value
				r.Monthly = append(r.Monthly, MonthTotal{p.Key, p.Value, running})
			}
			return err
		},
		func() error { // GROUP BY product, JOIN products, then rank() OVER (PARTITION BY category)
			byProduct := rdd.ReduceByKey(rdd.Map(sales, func(s sale) rdd.Pair[int64, int64] {
				return rdd.Pair[int64, int64]{Key: s.Product, Value: s.Amount}
			}), func(a, b int64) int64 { return a + b }, n)
			joined := rdd.Join(byProduct, productOf, n)
			byCategory := rdd.GroupByKey(rdd.Map(joined, func(p rdd.Pair[int64, rdd.Both[int64, product]]) rdd.Pair[string, named] {
				return rdd.Pair[string, named]{Key: p.Value.Right.Category, Value: named{p.Value.Right.Name, p.Value.Left}}
			}), n)
			groups, err := byCategory.Collect(ctx)
			for _, g := range groups {
				r.TopProducts = append(r.TopProducts, rankWithin(g.Key, g.Value)...)
			}
			slices.SortFunc(r.TopProducts, func(a, b ProductRank) int {
				return cmp.Or(cmp.Compare(a.Category, b.Category), cmp.Compare(a.Rank, b.Rank), cmp.Compare(a.Product, b.Product))
			})
			return err
		},
	}
	for i, step := range steps {
		if err := measure(Queries[i].Name, stats, step); err != nil {
			return Report{}, fmt.Errorf("rdd %q: %w", Queries[i].Name, err)
		}
	}
	return r, nil
}

// rankWithin is SQL's rank() within one category: 1 + the number of
// products with a strictly higher revenue (ties share a rank), keeping the
// first topRanks ranks.
func rankWithin(category string, ps []named) []ProductRank {
	slices.SortFunc(ps, func(a, b named) int { return cmp.Compare(b.Revenue, a.Revenue) })
	var out []ProductRank
	for i, p := range ps {
		rank := int64(i + 1)
		if i > 0 && p.Revenue == ps[i-1].Revenue {
			rank = out[len(out)-1].Rank
		}
		if rank > topRanks {
			break
		}
		out = append(out, ProductRank{category, rank, p.Name, p.Revenue})
	}
	return out
}

// csvRDD reads table.csv from dir as an RDD of T: the lines (the header
// dropped), split on commas (the generated files need no quoting), parsed.
func csvRDD[T any](dir, table, header string, n int, parse func([]string) (T, error), fields int) *rdd.RDD[T] {
	path := filepath.Join(dir, table+".csv")
	lines := rdd.TextFile(path, n).Filter(func(l string) bool { return l != header })
	return rdd.TryMap(lines, func(l string) (T, error) {
		f := strings.Split(l, ",")
		if len(f) != fields {
			var zero T
			return zero, fmt.Errorf("%s: %d fields, want %d: %q", path, len(f), fields, l)
		}
		v, err := parse(f)
		if err != nil {
			err = fmt.Errorf("%s: %w in %q", path, err, l)
		}
		return v, err
	})
}

// ints parses decimal fields.
func ints(fields ...string) ([]int64, error) {
	out := make([]int64, 0, len(fields))
	for _, s := range fields {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
