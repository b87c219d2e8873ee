// Command touch is a small re-implementation of GNU touch; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Touch(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
