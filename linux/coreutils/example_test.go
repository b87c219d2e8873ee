package coreutils

import (
	"fmt"
	"os"
	"strings"
)

// The four modes from the Python original, applied to a rw-r----- file. Note g=rx
// sets the group bits to exactly r-x, and a+x adds x for all three classes.
func ExampleParseMode() {
	for _, s := range []string{"u+rwx", "g=rx", "o=", "a+x", "+x"} {
		m, err := ParseMode(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		after := m.Apply(0o640, false, 0o027) // "+x" alone respects this umask
		fmt.Printf("%-5s 0640 -> %04o %s\n", s, after, modeString(fsMode(after))[1:])
	}
	_, err := ParseMode("u+q")
	fmt.Println("u+q:", err)
	// Output:
	// u+rwx 0640 -> 0740 rwxr-----
	// g=rx  0640 -> 0650 rw-r-x---
	// o=    0640 -> 0640 rw-r-----
	// a+x   0640 -> 0751 rwxr-x--x
	// +x    0640 -> 0750 rwxr-x---
	// u+q: invalid mode
}

func ExampleGrep() {
	in := "ERROR disk full\ninfo ok\nerror again\n"
	code := Grep([]string{"-in", "error"}, strings.NewReader(in), os.Stdout, os.Stderr)
	fmt.Println("exit", code)
	code = Grep([]string{"-c", "zebra"}, strings.NewReader(in), os.Stdout, os.Stderr)
	fmt.Println("exit", code)
	// Output:
	// 1:ERROR disk full
	// 3:error again
	// exit 0
	// 0
	// exit 1
}
