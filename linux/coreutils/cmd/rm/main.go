// Command rm is a small re-implementation of GNU rm; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Rm(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
