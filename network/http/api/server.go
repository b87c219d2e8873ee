package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Config holds the server's limits.
type Config struct {
	HandlerTimeout    time.Duration // per-request work (Timeout middleware)
	ReadHeaderTimeout time.Duration // slowloris guard: headers must arrive within this
	ShutdownGrace     time.Duration // how long in-flight requests get on shutdown
}

// DefaultConfig is what cmd/apiserver uses.
var DefaultConfig = Config{HandlerTimeout: 5 * time.Second, ReadHeaderTimeout: 2 * time.Second, ShutdownGrace: 10 * time.Second}

// NewHandler is the whole application: routes wrapped in middleware.
func NewHandler(s *Store, logger *slog.Logger, cfg Config) http.Handler {
	return Chain(Routes(s), RequestID, Logging(logger), Timeout(cfg.HandlerTimeout))
}

// NewServer sets every timeout. The zero http.Server has none: one client
// that opens a connection and sends a header byte per minute holds a
// goroutine and a file descriptor forever.
func NewServer(h http.Handler, logger *slog.Logger, cfg Config) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadHeaderTimeout + 10*time.Second, // headers + body
		WriteTimeout:      cfg.HandlerTimeout + 5*time.Second,     // must outlast the handler timeout
		IdleTimeout:       60 * time.Second,                       // keep-alive connections between requests
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// Serve runs srv on ln until ctx ends, then shuts down gracefully: the
// listener closes at once (new connections are refused), idle keep-alive
// connections close, and in-flight requests get up to grace to finish.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close() // grace is over: cut the stragglers
		return fmt.Errorf("shutdown of %s: %w", ln.Addr(), err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	}
	return nil
}
