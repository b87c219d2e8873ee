// Command mv is a small re-implementation of GNU mv; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Mv(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
