// Package greet is a tiny library used by the packages example.
//
// It lives under internal/, so only code inside basics/packages/... may
// import it; from anywhere else the build fails with "use of internal
// package ... not allowed". That is how a module keeps helpers private
// without a separate repository.
package greet

import "strings"

// Visibility is decided by the first letter: Hello, Version and Log are
// exported (usable as greet.Hello); shout and greeting are not. Python's
// leading underscore is a convention; Go's capital letter is enforced.

// Version is an exported constant.
const Version = "1.0"

// greeting is initialised before init() runs, because package-level
// variables are always initialised first.
var greeting = record("greet: package variable greeting", "Hello")

var log []string

func init() {
	record("greet: init()", "")
}

// record notes an initialisation step so main can print the order later
// (printing directly from init would happen before tests can capture it).
func record(step, value string) string {
	log = append(log, step)
	return value
}

// Log returns a copy of the initialisation steps, so callers cannot modify
// the package's own slice.
func Log() []string { return append([]string(nil), log...) }

// Hello greets name politely, or loudly when loud is true.
func Hello(name string, loud bool) string {
	msg := greeting + ", " + name + "!"
	if loud {
		return shout(msg)
	}
	return msg
}

func shout(s string) string { return strings.ToUpper(s) }
