// Strings: bytes, runes and the Python original's string indexing, in Go.
//
// A Python str is a sequence of Unicode code points. A Go string is an
// immutable sequence of BYTES, by convention UTF-8. Indexing and len work on
// bytes; only `for range` and the unicode/utf8 package think in runes
// (code points). For ASCII the two views agree, which is why bugs hide.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"example.com/cloudgo/basics/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("strings", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run prints the lesson. It has no flags (-h says so) and takes no arguments.
func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("strings", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: this lesson takes none", fs.Args())
	}
	// The Python original: string1[0] and string2[1:3].
	string1 := "hello"
	string2 := "world"
	fmt.Fprintln(stdout, string1[0])         // 104: indexing yields a byte (uint8), not a 1-char string
	fmt.Fprintln(stdout, string(string1[0])) // h: convert the byte back to a string to print it
	fmt.Fprintln(stdout, string2[1:3])       // or: a string, byte offsets, end exclusive
	// (The Python original's comment says "ow", but Python prints "or" too: index 1 is
	// 'o', index 2 is 'r', and index 3 is excluded.)

	// len counts bytes. Python's len("héllo") is 5; Go's is 6 because
	// é takes two bytes in UTF-8.
	for _, s := range []string{"hello", "héllo", "世界"} {
		fmt.Fprintf(stdout, "%-6q len=%d runes=%d bytes=% x\n",
			s, len(s), utf8.RuneCountInString(s), s)
	}

	// Indexing a byte in the middle of a multi-byte character gives garbage,
	// and slicing by byte offsets can cut a character in half.
	word := "世界"
	fmt.Fprintf(stdout, "word[0]   = %d (%#x), one third of 世\n", word[0], word[0])
	fmt.Fprintf(stdout, "word[:2]  = %q, not valid UTF-8: %v\n", word[:2], utf8.ValidString(word[:2]))
	fmt.Fprintf(stdout, "word[:3]  = %q\n", word[:3])

	// range decodes UTF-8: i is the byte offset, r the rune (int32).
	var decoded []string
	for i, r := range "héllo" {
		decoded = append(decoded, fmt.Sprintf("%d:%c", i, r))
	}
	fmt.Fprintln(stdout, strings.Join(decoded, " ")) // note the jump from 1 to 3

	// When you need Python-style character indexing, convert to []rune
	// once (it copies), index, and convert back.
	runes := []rune("héllo")
	fmt.Fprintln(stdout, "runes[1] =", string(runes[1]), "runes[1:3] =", string(runes[1:3]))

	// Strings are immutable, like Python's. Build them with strings.Builder
	// (amortised appends) rather than += in a loop.
	var b strings.Builder
	for i := range 3 {
		fmt.Fprintf(&b, "%d-", i)
	}
	fmt.Fprintln(stdout, b.String(), strings.ToUpper(string1), strings.Repeat("ab", 3))
	fmt.Fprintln(stdout, strings.Split("a,b,c", ","), strings.Fields("  x  y "), strings.Contains(string2, "or"))

	// strconv converts between strings and numbers. Python's int("42x")
	// raises ValueError; Atoi returns an error you must look at.
	n, err := strconv.Atoi("42")
	fmt.Fprintln(stdout, "Atoi(\"42\") =", n, err)
	_, err = strconv.Atoi("42x")
	fmt.Fprintln(stdout, "Atoi(\"42x\") error:", err)
	fmt.Fprintln(stdout, strconv.Itoa(7)+"!")                      // "7!": string(7) would be "\a", the rune 7
	fmt.Fprintln(stdout, strconv.FormatFloat(10.0/3, 'f', 3, 64))  // fixed, 3 decimals
	fmt.Fprintln(stdout, strconv.FormatFloat(10.0/3, 'g', -1, 64)) // shortest round-trip, like repr()
	fmt.Fprintln(stdout, strconv.Quote("tab\there \"世界\""))        // Go-syntax literal, like repr()
	fmt.Fprintln(stdout, strconv.QuoteToASCII("世界"))
	return nil
}
