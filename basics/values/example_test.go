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
	// num1 int = 1
	// num3 float64 = 3.14
	// num4 complex128 = (3+4i)
	// num2 *big.Int = 1000000000000000000000
	// MaxInt64      = 9223372036854775807
	// num2 > MaxInt64: true
	// int8 127+1    = -128
	// uint8 0-1     = 255
	// MaxInt64+1    = -9223372036854775808
	// float64(a)*b  = 31.400000000000002
	// int(price)    = 3
	// math.Round    = 4
	// 10 / 3        = 3
	// 10.0 / 3      = 3.3333333333333335
	// 10 % 3        = 1
	// 0.1 + 0.2     = 0.3
	// x + y         = 0.30000000000000004
	// %.2f of 10/3  = 3.33
	// real, imag    = 3 4
	// |3+4i|        = 5
	// (3+4i)^2      = (-7+24i)
}
