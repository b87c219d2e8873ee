// Command tail is a small re-implementation of GNU tail; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Tail(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
