// Package varnish holds the two sides of the Varnish example: the origin's handler,
// which says how long its responses may be cached, and a client that shows what
// Varnish did with them (X-Cache, Age) and purges them.
package varnish

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Origin returns the origin's handler. GET /ttl/{seconds} answers with
// Cache-Control: public, max-age=seconds; GET /private answers with no-store.
// Every body says how many times the origin has served that path, so a response
// served by the cache is easy to tell apart from a fresh one.
func Origin() http.Handler {
	var mu sync.Mutex
	served := map[string]int{}
	count := func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		served[path]++
		return served[path]
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ttl/{seconds}", func(w http.ResponseWriter, r *http.Request) {
		s, err := strconv.Atoi(r.PathValue("seconds"))
		if err != nil || s < 0 || s > 86400 {
			http.Error(w, "seconds must be 0..86400", http.StatusBadRequest)
			return
		}
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", s))
		fmt.Fprintf(w, "%s: origin response #%d\n", r.URL.Path, count(r.URL.Path))
	})
	mux.HandleFunc("GET /private", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "private, no-store")
		fmt.Fprintf(w, "%s: origin response #%d\n", r.URL.Path, count(r.URL.Path))
	})
	return mux
}

// Response is what a client sees of one request through Varnish.
type Response struct {
	Status int
	Cache  string // X-Cache: HIT or MISS
	Age    int    // seconds the object had been in the cache
	Body   string
}

func (r Response) String() string {
	return fmt.Sprintf("%d %-4s age=%d %s", r.Status, r.Cache, r.Age, r.Body)
}

// Client talks to Varnish with a timeout on every request.
var Client = &http.Client{Timeout: 5 * time.Second}

// Do sends method to url and returns what came back.
func Do(ctx context.Context, method, url string) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return Response{}, err
	}
	resp, err := Client.Do(req)
	if err != nil {
		return Response{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Response{}, fmt.Errorf("read %s %s: %w", method, url, err)
	}
	age, _ := strconv.Atoi(resp.Header.Get("Age"))
	return Response{Status: resp.StatusCode, Cache: resp.Header.Get("X-Cache"), Age: age, Body: string(body)}, nil
}
