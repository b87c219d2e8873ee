// stdlib-time: numbers and time - math, math/rand/v2 and time. Python's
// math, random, time and datetime/zoneinfo, in Go.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // embeds the zone database: LoadLocation works without /usr/share/zoneinfo

	"example.com/cloudgo/basics/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("stdlib-time", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("stdlib-time", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// math: float64 functions and constants, NaN and Inf like Python's.
	fmt.Fprintf(stdout, "math: sqrt2=%.4f pi=%.5f floor=%v ceil=%v pow=%v hypot=%v\n",
		math.Sqrt(2), math.Pi, math.Floor(-2.5), math.Ceil(-2.5), math.Pow(2, 10), math.Hypot(3, 4))
	// NaN never equals anything, not even NaN (staticcheck flags x == NaN),
	// so test for it with math.IsNaN.
	fmt.Fprintln(stdout, "math:", math.IsNaN(math.NaN()), math.IsNaN(0), math.Inf(1), math.MaxInt32, math.SmallestNonzeroFloat64)

	// math/rand/v2: the top-level functions are randomly seeded. For
	// reproducible output (tests, simulations) make a generator with a fixed
	// seed, like random.seed(1). Never use math/rand for secrets: use
	// crypto/rand.
	rng := rand.New(rand.NewPCG(1, 2))
	dice := make([]int, 6)
	for i := range dice {
		dice[i] = rng.IntN(6) + 1
	}
	fmt.Fprintln(stdout, "rand:", dice, rng.Perm(5), fmt.Sprintf("%.4f", rng.Float64()))
	deck := []string{"A", "K", "Q", "J"}
	rng.Shuffle(len(deck), func(i, j int) { deck[i], deck[j] = deck[j], deck[i] })
	fmt.Fprintln(stdout, "rand: shuffled", deck)

	// time: a fixed instant keeps the output stable; time.Now() is what a
	// real program uses. Layouts are written as the reference time
	// Mon Jan 2 15:04:05 MST 2006 (1 2 3 4 5 6 7), not strftime's %Y-%m-%d.
	t := time.Date(2026, time.March, 14, 15, 9, 26, 0, time.UTC)
	fmt.Fprintln(stdout, "time:", t.Format(time.RFC3339), "|", t.Format("2006-01-02 15:04"), "|", t.Format("Mon Jan _2 3:04PM"))
	fmt.Fprintln(stdout, "time:", t.Weekday(), t.YearDay(), t.Unix())

	parsed, err := time.Parse("2006-01-02 15:04", "2026-03-15 08:00")
	if err != nil {
		return fmt.Errorf("parse time: %w", err)
	}
	_, err = time.Parse("2006-01-02", "2026-02-30")
	fmt.Fprintln(stdout, "time error:", err)

	// Durations are typed int64 nanoseconds; arithmetic stays readable.
	elapsed := parsed.Sub(t)
	fmt.Fprintln(stdout, "duration:", elapsed, elapsed.Hours(), elapsed.Round(time.Hour), 90*time.Second, 1500*time.Millisecond)
	fmt.Fprintln(stdout, "add:", t.Add(36*time.Hour).Format(time.DateTime), t.AddDate(0, 1, 0).Format(time.DateOnly))
	d, err := time.ParseDuration("1h15m30.5s")
	if err != nil {
		return fmt.Errorf("parse duration: %w", err)
	}
	fmt.Fprintln(stdout, "duration:", d, d.Seconds())

	// Zones: a time.Time is an instant plus a location. In changes only the
	// location used for display; Equal compares instants.
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return fmt.Errorf("load zone: %w", err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		return fmt.Errorf("load zone: %w", err)
	}
	local := t.In(shanghai)
	fmt.Fprintln(stdout, "zone:", local, "|", t.In(newYork).Format(time.RFC1123Z), "| same instant:", local.Equal(t))
	return nil
}
