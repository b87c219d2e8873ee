//go:build !unix

package pki

import "io/fs"

const noFollow = 0

// ownedByUs cannot be told from fs.FileInfo here; the mode check still applies.
func ownedByUs(fs.FileInfo) bool { return true }
