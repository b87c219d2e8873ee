// Package cli is the small command-line plumbing the examples of this topic share:
// environment fallbacks for flags, flag parsing that reports usage errors, and the
// exit status (0 ok, 1 failure, 2 bad usage). It is copied into each topic on
// purpose, so a program and this file can be lifted out together.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
)

// Env returns the environment variable key, or def when it is unset or empty.
func Env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// usageError marks an error as the caller's mistake: exit status 2. printed says
// the flag package has already shown it (with the usage text).
type usageError struct {
	err     error
	printed bool
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// Usagef returns a usage error (exit status 2), for flag values a program rejects.
func Usagef(format string, a ...any) error {
	return usageError{err: fmt.Errorf(format, a...)}
}

// Parse parses args into fs, which must use flag.ContinueOnError. A bad flag is a
// usage error; -h gives flag.ErrHelp (exit status 0).
func Parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err: err, printed: true}
}

// Code is the exit status for err: 0 for nil and -h, 2 for usage errors, else 1.
func Code(err error) int {
	var u usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		return 2
	}
	return 1
}

// Exit prints err as one "name: error" line on stderr, unless the flag package
// already did, and exits with Code(err).
func Exit(name string, err error) {
	var u usageError
	if Code(err) != 0 && !(errors.As(err, &u) && u.printed) {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	}
	os.Exit(Code(err))
}
