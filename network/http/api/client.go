package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// NewHTTPClient returns a client with a timeout at every stage. The
// zero http.Client (and http.Get) waits forever for a server that accepts
// the connection and then says nothing.
func NewHTTPClient(total time.Duration) *http.Client {
	return &http.Client{
		Timeout: total, // whole exchange, body included
		Transport: &http.Transport{
			DialContext:           (&net.Dialer{Timeout: 2 * time.Second}).DialContext,
			TLSHandshakeTimeout:   2 * time.Second,
			ResponseHeaderTimeout: total,
			IdleConnTimeout:       30 * time.Second,
			MaxIdleConnsPerHost:   16, // reuse connections; the default of 2 starves concurrent callers
		},
	}
}

// Client talks to the items API at Base (e.g. "http://127.0.0.1:8080").
type Client struct {
	Base string
	HTTP *http.Client
}

// Create adds an item.
func (c *Client) Create(ctx context.Context, name string) (Item, error) {
	body, _ := json.Marshal(map[string]string{"name": name})
	var it Item
	err := c.do(ctx, http.MethodPost, "/items", body, http.StatusCreated, &it)
	return it, err
}

// Get fetches one item.
func (c *Client) Get(ctx context.Context, id int) (Item, error) {
	var it Item
	err := c.do(ctx, http.MethodGet, fmt.Sprintf("/items/%d", id), nil, http.StatusOK, &it)
	return it, err
}

// List fetches all items.
func (c *Client) List(ctx context.Context) ([]Item, error) {
	var items []Item
	err := c.do(ctx, http.MethodGet, "/items", nil, http.StatusOK, &items)
	return items, err
}

func (c *Client) do(ctx context.Context, method, path string, body []byte, want int, out any) error {
	url := c.Base + path
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	// Read the body in full even on errors, so the connection can be reused.
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("%s %s: read body: %w", method, url, err)
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %s: %s", method, url, resp.Status, bytes.TrimSpace(data))
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s %s: decode response: %w", method, url, err)
	}
	return nil
}
