package main

import (
	"context"
	"os"
)

// Example runs the program and compares its whole output: any change fails the test.
func Example() {
	if err := run(context.Background(), nil, os.Stdout, os.Stderr); err != nil {
		panic(err)
	}
	// Output:
	// math: sqrt2=1.4142 pi=3.14159 floor=-3 ceil=-2 pow=1024 hypot=5
	// math: true false +Inf 2147483647 5e-324
	// rand: [5 4 5 5 2 1] [1 3 0 4 2] 0.6048
	// rand: shuffled [A K J Q]
	// time: 2026-03-14T15:09:26Z | 2026-03-14 15:09 | Sat Mar 14 3:09PM
	// time: Saturday 73 1773500966
	// time error: parsing time "2026-02-30": day out of range
	// duration: 16h50m34s 16.842777777777776 17h0m0s 1m30s 1.5s
	// add: 2026-03-16 03:09:26 2026-04-14
	// duration: 1h15m30.5s 4530.5
	// zone: 2026-03-14 23:09:26 +0800 CST | Sat, 14 Mar 2026 11:09:26 -0400 | same instant: true
}
