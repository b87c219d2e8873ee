package cacheaside

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// SlowStore stands in for a database: a map behind a fixed latency per call.
type SlowStore struct {
	Latency time.Duration
	loads   atomic.Int64
	mu      sync.Mutex
	data    map[string]string
}

// NewSlowStore returns a store holding data, answering after latency.
func NewSlowStore(latency time.Duration, data map[string]string) *SlowStore {
	return &SlowStore{Latency: latency, data: data}
}

// Loads counts the calls to Load: what the cache is there to save.
func (s *SlowStore) Loads() int64 { return s.loads.Load() }

// Load returns the value of key after the store's latency.
func (s *SlowStore) Load(ctx context.Context, key string) (string, error) {
	s.loads.Add(1)
	if err := s.wait(ctx); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.data[key]
	if !ok {
		return "", fmt.Errorf("%q: %w", key, ErrNotFound)
	}
	return v, nil
}

// Store sets key to value after the store's latency.
func (s *SlowStore) Store(ctx context.Context, key, value string) error {
	if err := s.wait(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data[key] = value
	return nil
}

func (s *SlowStore) wait(ctx context.Context) error {
	select {
	case <-time.After(s.Latency):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
