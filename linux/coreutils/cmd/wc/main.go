// Command wc is a small re-implementation of GNU wc; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Wc(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
