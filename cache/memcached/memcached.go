// Package memcached holds what the memcached example needs beyond the client: why
// memcached refuses a key, which errors are memcached's answers rather than
// failures, and a Client whose errors name the key and the server.
package memcached

import (
	"errors"
	"fmt"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
)

// ValidKey says why memcached would refuse key (ErrMalformedKey), in words a user
// can act on: keys are at most 250 bytes, with no spaces or control characters.
func ValidKey(key string) error {
	if len(key) > 250 {
		return fmt.Errorf("key is %d bytes, memcached allows 250: %w", len(key), memcache.ErrMalformedKey)
	}
	if i := strings.IndexFunc(key, func(r rune) bool { return r <= ' ' || r == 0x7f }); i >= 0 {
		return fmt.Errorf("key has a space or control character at byte %d: %w", i, memcache.ErrMalformedKey)
	}
	return nil
}

// Outcome names the sentinel errors that are answers rather than failures.
func Outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, memcache.ErrCacheMiss):
		return "cache miss"
	case errors.Is(err, memcache.ErrNotStored):
		return "not stored"
	case errors.Is(err, memcache.ErrCASConflict):
		return "CAS conflict"
	}
	return "error: " + err.Error()
}
