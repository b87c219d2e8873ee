// Command pwd is a small re-implementation of GNU pwd; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Pwd(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
