// Command chmod is a small re-implementation of GNU chmod; see package coreutils.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() { os.Exit(coreutils.Chmod(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
