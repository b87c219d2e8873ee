// Command ls is a small re-implementation of GNU ls; see package coreutils.
//
// Unlike the other examples it does not use internal/cli: its flags, messages
// and exit status are GNU's (the comparison tests hold them byte for byte),
// so main hands the status coreutils.Ls returns straight to os.Exit. It
// installs no signal handler: like GNU ls, Ctrl-C simply ends it.
package main

import (
	"os"

	"example.com/cloudgo/linux/coreutils"
)

func main() {
	os.Exit(coreutils.Ls(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
