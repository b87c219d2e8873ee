package greet

import (
	"slices"
	"testing"
)

func TestHello(t *testing.T) {
	if got := Hello("Gopher", false); got != "Hello, Gopher!" {
		t.Errorf("Hello(Gopher, false) = %q", got)
	}
	if got := Hello("Gopher", true); got != "HELLO, GOPHER!" {
		t.Errorf("Hello(Gopher, true) = %q", got)
	}
}

// Package variables are initialised before init() runs.
func TestInitOrder(t *testing.T) {
	want := []string{"greet: package variable greeting", "greet: init()"}
	if got := Log(); !slices.Equal(got, want) {
		t.Errorf("Log() = %q, want %q", got, want)
	}
}
