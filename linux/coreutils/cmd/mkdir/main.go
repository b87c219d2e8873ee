// Command mkdir is a small re-implementation of GNU mkdir; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Mkdir(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
