package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// serve serves h on ln until ctx is done, then shuts down in two steps: ready
// turns false (/readyz answers 503) while the server keeps serving for drain, so
// load balancers notice and stop sending; then Shutdown closes the listener and
// waits up to grace for the requests in flight.
func serve(ctx context.Context, ln net.Listener, h http.Handler, ready *atomic.Bool, drain, grace time.Duration, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String())

	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	ready.Store(false)
	log.Info("draining", "period", drain.String())
	select {
	case <-time.After(drain):
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	log.Info("shutting down", "timeout", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
