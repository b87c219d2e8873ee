package dataframe

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report is what both engines compute: the answers of the four queries.
type Report struct {
	BigOrders   []Order       // filter + projection
	ByRegion    []RegionTotal // join + GROUP BY with aggregates
	Monthly     []MonthTotal  // window: running total
	TopProducts []ProductRank // window: rank within group
}

// Order is a row of BigOrders.
type Order struct {
	ID          int64
	Day         string // YYYY-MM-DD
	Quantity    int64
	AmountCents int64
}

// RegionTotal is a row of ByRegion.
type RegionTotal struct {
	Region                     string
	Orders, Units              int64
	RevenueCents, AverageCents int64 // the average rounded down to a cent
}

// MonthTotal is a row of Monthly.
type MonthTotal struct {
	Month                      string // YYYY-MM
	RevenueCents, RunningCents int64
}

// ProductRank is a row of TopProducts.
type ProductRank struct {
	Category     string
	Rank         int64
	Product      string
	RevenueCents int64
}

// The parameters of the queries (in the SQL text too).
const (
	bigFrom, bigTo = "2025-03-01", "2025-03-07"
	bigMinQuantity = 8
	bigLimit       = 5
	topRanks       = 2
)

// Write prints the report as four aligned tables.
func (r Report) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "orders %s..%s with quantity >= %d, largest first (filter, projection)\n", bigFrom, bigTo, bigMinQuantity)
	fmt.Fprintf(tw, "order\tday\tquantity\tamount\t\n")
	for _, o := range r.BigOrders {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t\n", o.ID, o.Day, o.Quantity, money(o.AmountCents))
	}
	fmt.Fprintf(tw, "\nrevenue by region (join, GROUP BY)\n")
	fmt.Fprintf(tw, "region\torders\tunits\trevenue\taverage order\t\n")
	for _, g := range r.ByRegion {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t\n", g.Region, g.Orders, g.Units, money(g.RevenueCents), money(g.AverageCents))
	}
	fmt.Fprintf(tw, "\nrevenue by month (window: running total)\n")
	fmt.Fprintf(tw, "month\trevenue\trunning total\t\n")
	for _, m := range r.Monthly {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", m.Month, money(m.RevenueCents), money(m.RunningCents))
	}
	fmt.Fprintf(tw, "\nbest sellers per category (window: rank within group)\n")
	fmt.Fprintf(tw, "category\trank\tproduct\trevenue\t\n")
	for _, p := range r.TopProducts {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t\n", p.Category, p.Rank, p.Product, money(p.RevenueCents))
	}
	return tw.Flush()
}

// money prints cents as units with two decimals (amounts are integers of
// cents everywhere, so both engines add them up exactly).
func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}
