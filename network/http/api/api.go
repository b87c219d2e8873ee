// Package api is a small JSON API on net/http, showing the parts a
// production server needs beyond "it answers": Go 1.22+ method-and-wildcard
// routes, middleware for request IDs, logging and timeouts, every server
// timeout set, and a graceful shutdown.
package api

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Item is the one resource of the API.
type Item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// Store keeps items in memory; safe for concurrent handlers.
type Store struct {
	mu    sync.Mutex
	next  int
	items map[int]Item
}

// NewStore returns an empty store.
func NewStore() *Store { return &Store{next: 1, items: map[int]Item{}} }

// Routes wires the handlers. Since Go 1.22 a pattern holds the method and
// named wildcards ("GET /items/{id}"): a wrong method gets 405 with an
// Allow header, an unknown path 404, without any router library.
func Routes(s *Store) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /items", s.list)
	mux.HandleFunc("POST /items", s.create)
	mux.HandleFunc("GET /items/{id}", s.get)
	mux.HandleFunc("DELETE /items/{id}", s.delete)
	mux.HandleFunc("GET /slow", slow)
	return mux
}

func (s *Store) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	items := slices.SortedFunc(maps.Values(s.items), func(a, b Item) int { return cmp.Compare(a.ID, b.ID) })
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, items)
}

func (s *Store) create(w http.ResponseWriter, r *http.Request) {
	// Never decode an unbounded body: MaxBytesReader caps what a client can
	// make us read, and unknown fields are a client bug worth reporting.
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	var in struct {
		Name string `json:"name"`
	}
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error())
		return
	}
	if in.Name = strings.TrimSpace(in.Name); in.Name == "" {
		writeError(w, http.StatusBadRequest, `"name" is required`)
		return
	}
	s.mu.Lock()
	it := Item{ID: s.next, Name: in.Name}
	s.items[it.ID] = it
	s.next++
	s.mu.Unlock()
	w.Header().Set("Location", "/items/"+strconv.Itoa(it.ID))
	writeJSON(w, http.StatusCreated, it)
}

func (s *Store) get(w http.ResponseWriter, r *http.Request) {
	id, ok := itemID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	it, found := s.items[id]
	s.mu.Unlock()
	if !found {
		writeError(w, http.StatusNotFound, fmt.Sprintf("item %d not found", id))
		return
	}
	writeJSON(w, http.StatusOK, it)
}

func (s *Store) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := itemID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	_, found := s.items[id]
	delete(s.items, id)
	s.mu.Unlock()
	if !found {
		writeError(w, http.StatusNotFound, fmt.Sprintf("item %d not found", id))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// slow simulates work (GET /slow?for=300ms). It stops early when the
// request's context ends: client gone, or the timeout middleware fired.
func slow(w http.ResponseWriter, r *http.Request) {
	d, err := time.ParseDuration(r.URL.Query().Get("for"))
	if err != nil || d < 0 || d > time.Minute {
		writeError(w, http.StatusBadRequest, `"for" must be a duration up to 1m, e.g. ?for=300ms`)
		return
	}
	select {
	case <-time.After(d):
		writeJSON(w, http.StatusOK, map[string]string{"slept": d.String()})
	case <-r.Context().Done():
	}
}

func itemID(w http.ResponseWriter, r *http.Request) (int, bool) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id < 1 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("item id %q is not a positive integer", r.PathValue("id")))
		return 0, false
	}
	return id, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil && !errors.Is(err, http.ErrHandlerTimeout) {
		slog.Warn("write JSON response", "err", err)
	}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
