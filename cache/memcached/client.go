package memcached

import (
	"errors"
	"fmt"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
)

// Client is a gomemcache client whose errors name the key and the server, and
// whose GetString reports a miss as an answer rather than a failure.
type Client struct {
	*memcache.Client
	Addr string
}

// New returns a client for addr. gomemcache takes no context: timeout, the
// deadline of every network operation, bounds each call instead.
func New(addr string, timeout time.Duration) Client {
	mc := memcache.New(addr)
	mc.Timeout = timeout
	return Client{mc, addr}
}

// SetString stores value under key unconditionally, with no expiry.
func (c Client) SetString(key, value string) error {
	if err := c.Set(&memcache.Item{Key: key, Value: []byte(value)}); err != nil {
		return fmt.Errorf("set %s on %s: %w", key, c.Addr, err)
	}
	return nil
}

// GetString returns key's value, or "" and a nil error on a miss: a miss is an
// answer.
func (c Client) GetString(key string) (string, error) {
	it, err := c.Get(key)
	if errors.Is(err, memcache.ErrCacheMiss) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("get %s from %s: %w", key, c.Addr, err)
	}
	return string(it.Value), nil
}

// DeleteAll deletes keys; a key that is not there is fine.
func (c Client) DeleteAll(keys ...string) error {
	for _, key := range keys {
		if err := c.Delete(key); err != nil && !errors.Is(err, memcache.ErrCacheMiss) {
			return fmt.Errorf("delete %s on %s: %w", key, c.Addr, err)
		}
	}
	return nil
}
