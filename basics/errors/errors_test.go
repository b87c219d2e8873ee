package main

import (
	"errors"
	"strconv"
	"testing"
)

func TestAgeErrorsAreClassifiable(t *testing.T) {
	if _, err := age("nobody"); !errors.Is(err, errNotFound) {
		t.Errorf("age(nobody) = %v, want it to wrap errNotFound", err)
	}
	_, err := age("bob")
	var rangeErr *rangeError
	if !errors.As(err, &rangeErr) || rangeErr.Value != -3 {
		t.Errorf("age(bob) = %v, want a *rangeError with Value -3", err)
	}
	if _, err := age("carol"); !errors.Is(err, strconv.ErrSyntax) {
		t.Errorf("age(carol) = %v, want it to wrap strconv.ErrSyntax", err)
	}
}

func TestSafeCallTurnsPanicIntoError(t *testing.T) {
	if err := safeCall(func() { panic("boom") }); err == nil || err.Error() != "recovered from panic: boom" {
		t.Errorf("safeCall(panic) = %v", err)
	}
	if err := safeCall(func() {}); err != nil {
		t.Errorf("safeCall(no panic) = %v, want nil", err)
	}
}
