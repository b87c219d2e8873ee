// Strings: bytes, runes and the seed's string indexing, in Go.
//
// A Python str is a sequence of Unicode code points. A Go string is an
// immutable sequence of BYTES, by convention UTF-8. Indexing and len work on
// bytes; only `for range` and the unicode/utf8 package think in runes
// (code points). For ASCII the two views agree, which is why bugs hide.
package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	// The seed: string1[0] and string2[1:3].
	string1 := "hello"
	string2 := "world"
	fmt.Println(string1[0])         // 104: indexing yields a byte (uint8), not a 1-char string
	fmt.Println(string(string1[0])) // h: convert the byte back to a string to print it
	fmt.Println(string2[1:3])       // or: a string, byte offsets, end exclusive
	// (The seed's comment says "ow", but Python prints "or" too: index 1 is
	// 'o', index 2 is 'r', and index 3 is excluded.)

	// len counts bytes. Python's len("héllo") is 5; Go's is 6 because
	// é takes two bytes in UTF-8.
	for _, s := range []string{"hello", "héllo", "世界"} {
		fmt.Printf("%-6q len=%d runes=%d bytes=% x\n",
			s, len(s), utf8.RuneCountInString(s), s)
	}

	// Indexing a byte in the middle of a multi-byte character gives garbage,
	// and slicing by byte offsets can cut a character in half.
	word := "世界"
	fmt.Printf("word[0]   = %d (%#x), one third of 世\n", word[0], word[0])
	fmt.Printf("word[:2]  = %q, not valid UTF-8: %v\n", word[:2], utf8.ValidString(word[:2]))
	fmt.Printf("word[:3]  = %q\n", word[:3])

	// range decodes UTF-8: i is the byte offset, r the rune (int32).
	var decoded []string
	for i, r := range "héllo" {
		decoded = append(decoded, fmt.Sprintf("%d:%c", i, r))
	}
	fmt.Println(strings.Join(decoded, " ")) // note the jump from 1 to 3

	// When you need Python-style character indexing, convert to []rune
	// once (it copies), index, and convert back.
	runes := []rune("héllo")
	fmt.Println("runes[1] =", string(runes[1]), "runes[1:3] =", string(runes[1:3]))

	// Strings are immutable, like Python's. Build them with strings.Builder
	// (amortised appends) rather than += in a loop.
	var b strings.Builder
	for i := range 3 {
		fmt.Fprintf(&b, "%d-", i)
	}
	fmt.Println(b.String(), strings.ToUpper(string1), strings.Repeat("ab", 3))
	fmt.Println(strings.Split("a,b,c", ","), strings.Fields("  x  y "), strings.Contains(string2, "or"))

	// strconv converts between strings and numbers. Python's int("42x")
	// raises ValueError; Atoi returns an error you must look at.
	n, err := strconv.Atoi("42")
	fmt.Println("Atoi(\"42\") =", n, err)
	_, err = strconv.Atoi("42x")
	fmt.Println("Atoi(\"42x\") error:", err)
	fmt.Println(strconv.Itoa(7) + "!")                    // "7!": string(7) would be "\a", the rune 7
	fmt.Println(strconv.FormatFloat(10.0/3, 'f', 3, 64))  // fixed, 3 decimals
	fmt.Println(strconv.FormatFloat(10.0/3, 'g', -1, 64)) // shortest round-trip, like repr()
	fmt.Println(strconv.Quote("tab\there \"世界\""))        // Go-syntax literal, like repr()
	fmt.Println(strconv.QuoteToASCII("世界"))
}
