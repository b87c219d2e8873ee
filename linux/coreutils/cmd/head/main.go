// Command head is a small re-implementation of GNU head; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Head(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
