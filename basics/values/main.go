// Values: Go's numeric types next to the Python original's numbers.
//
// Python has one arbitrary-precision int, one float and one complex type.
// Go makes you pick a size, and the size is part of the type: an int8 and an
// int64 are different types that never mix without an explicit conversion.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/big"
	"math/cmplx"
	"os"
	"os/signal"
	"syscall"

	"example.com/cloudgo/basics/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("values", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("values", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// The Python original's four numbers. Untyped constants get a default type:
	// integers become int, decimals float64, imaginary literals complex128.
	num1 := 1
	num3 := 3.14
	num4 := 3 + 4i
	fmt.Fprintf(stdout, "num1 %T = %v\n", num1, num1) // %T is Go's type(x)
	fmt.Fprintf(stdout, "num3 %T = %v\n", num3, num3)
	fmt.Fprintf(stdout, "num4 %T = %v\n", num4, num4)

	// num2 = 10**21 is an ordinary int in Python, but it does not fit in
	// 64 bits: `num2 := 1000000000000000000000` is a compile error
	// ("cannot use ... as int value (overflows)"). math/big is the
	// arbitrary-precision escape hatch.
	num2 := new(big.Int).Exp(big.NewInt(10), big.NewInt(21), nil)
	fmt.Fprintln(stdout, "num2 *big.Int =", num2)
	fmt.Fprintln(stdout, "MaxInt64      =", int64(math.MaxInt64))
	fmt.Fprintln(stdout, "num2 > MaxInt64:", num2.Cmp(big.NewInt(math.MaxInt64)) > 0)

	// Fixed-size integers wrap around silently at run time (two's complement).
	// Python would just grow the number; Go neither grows nor panics.
	var small int8 = 127
	small++
	fmt.Fprintln(stdout, "int8 127+1    =", small)
	var unsigned uint8 = 0
	unsigned--
	fmt.Fprintln(stdout, "uint8 0-1     =", unsigned)
	big64 := int64(math.MaxInt64)
	big64++
	fmt.Fprintln(stdout, "MaxInt64+1    =", big64)

	// No implicit conversions, not even int -> float64: `a / b` with
	// a int and b float64 does not compile. You convert, and you see the cost.
	a, b := 10, 3.14
	fmt.Fprintln(stdout, "float64(a)*b  =", float64(a)*b)
	// int(3.99) does not compile (a constant may not lose data), but
	// converting a float64 variable truncates toward zero.
	price := 3.99
	fmt.Fprintln(stdout, "int(price)    =", int(price))
	fmt.Fprintln(stdout, "math.Round    =", math.Round(price))

	// Division follows the operand types. Python's `/` always yields a float
	// and `//` floors; in Go int/int is integer division, float/float is float.
	fmt.Fprintln(stdout, "10 / 3        =", 10/3)
	fmt.Fprintln(stdout, "10.0 / 3      =", 10.0/3) // same shortest repr Python prints
	fmt.Fprintln(stdout, "10 % 3        =", 10%3)
	// Constant arithmetic is exact and rounded once, so 0.1+0.2 prints 0.3
	// (Python prints 0.30000000000000004). float64 variables are IEEE 754
	// doubles, exactly like Python floats, and round at every step.
	fmt.Fprintln(stdout, "0.1 + 0.2     =", 0.1+0.2)
	x, y := 0.1, 0.2
	fmt.Fprintln(stdout, "x + y         =", x+y)
	fmt.Fprintf(stdout, "%%.2f of 10/3  = %.2f\n", 10.0/3)

	// complex128 is built in; cmplx is the cmath of Go.
	fmt.Fprintln(stdout, "real, imag    =", real(num4), imag(num4))
	fmt.Fprintln(stdout, "|3+4i|        =", cmplx.Abs(num4))
	fmt.Fprintln(stdout, "(3+4i)^2      =", num4*num4)
	return nil
}
