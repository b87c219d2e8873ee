// Command grep is a small re-implementation of GNU grep; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Grep(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
