// Command cat is a small re-implementation of GNU cat; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Cat(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
