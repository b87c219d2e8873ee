// Command ls is a small re-implementation of GNU ls; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Ls(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
