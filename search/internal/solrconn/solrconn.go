// Package solrconn is a small typed client for Apache Solr's JSON APIs, on net/http
// and encoding/json: Solr has no official Go client, and the community ones are
// unmaintained. It covers what the search examples use: the JSON update API,
// realtime get, /select and the JSON Request API, the Schema API, and Solr's error
// body turned into a Go error (*Error) that keeps Solr's msg and code.
//
// A Client talks to one core of a standalone Solr: base URL
// http://host:8983/solr (flag -url, env SOLR_URL) and core name (flag -core, env
// SOLR_CORE). Every request has a timeout.
package solrconn

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"example.com/cloudgo/search/internal/cli"
)

// DefaultURL is where `make up` publishes Solr: the base URL, /solr included.
const DefaultURL = "http://127.0.0.1:8983/solr"

// DefaultCore is the core compose.yaml precreates (`solr-precreate articles`).
const DefaultCore = "articles"

// RequestTimeout bounds each request unless Client.Timeout says otherwise.
const RequestTimeout = 30 * time.Second

// Client reaches one core of one Solr server. The zero HTTP uses a client of its own.
type Client struct {
	URL     string        // base URL, http://host:8983/solr
	Core    string        // core name
	Timeout time.Duration // per request; 0 means RequestTimeout
	HTTP    *http.Client

	urlFlag, coreFlag string // flag names for messages; "" means url and core
}

// RegisterFlags adds -url and -core to fs, with defaults from SOLR_URL and SOLR_CORE.
func (c *Client) RegisterFlags(fs *flag.FlagSet) { c.RegisterFlagsNamed(fs, "url", "core") }

// RegisterFlagsNamed is RegisterFlags with other flag names, for a program that
// also has another service's -url (e.g. "solr-url", "solr-core").
func (c *Client) RegisterFlagsNamed(fs *flag.FlagSet, urlFlag, coreFlag string) {
	c.urlFlag, c.coreFlag = urlFlag, coreFlag
	fs.StringVar(&c.URL, urlFlag, cli.Env("SOLR_URL", DefaultURL), "Solr base URL, /solr included (env SOLR_URL)")
	fs.StringVar(&c.Core, coreFlag, cli.Env("SOLR_CORE", DefaultCore), "Solr core (env SOLR_CORE)")
}

var coreName = regexp.MustCompile(`^[A-Za-z0-9._][A-Za-z0-9._-]*$`)

// Check rejects settings that cannot work, as a usage error (exit status 2): a URL
// that is not http(s)://host[:port]/path, or a core name Solr would refuse (it allows
// letters, digits, '.', '_' and '-', not first).
func (c *Client) Check() error {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cli.Usagef("-%s %q: want http://host:port/solr", cmp.Or(c.urlFlag, "url"), c.URL)
	}
	if !coreName.MatchString(c.Core) || c.Core == "." || c.Core == ".." {
		return cli.Usagef("-%s %q: want letters, digits, '.', '_' or '-' (not first)", cmp.Or(c.coreFlag, "core"), c.Core)
	}
	c.URL = strings.TrimRight(c.URL, "/")
	return nil
}

// Addr is the base URL for messages, with any password in it masked.
func (c *Client) Addr() string {
	if u, err := url.Parse(c.URL); err == nil {
		return u.Redacted()
	}
	return c.URL
}

// Error is Solr's error response: {"error":{"msg":…,"code":…,"details":…}}.
type Error struct {
	Status  int      // HTTP status
	Code    int      // Solr's error code (the HTTP status, as a rule)
	Msg     string   // Solr's message, e.g. "undefined field nosuch"
	Details []string // the Schema API's per-command errorMessages
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%d %s", e.Code, e.Msg)
	if len(e.Details) > 0 {
		s += ": " + strings.Join(e.Details, "; ")
	}
	return s
}

// Code returns Solr's error code of err (e.g. 409 for a version conflict), 0 for
// errors that are not Solr error responses.
func Code(err error) int {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code
	}
	return 0
}

// Do sends method path (below the base URL, e.g. "/articles/update") with the
// query params and body (JSON-encoded unless it is []byte or nil), and decodes a
// 2xx answer into out (unless out is nil). A Solr error answer is an *Error; every
// error names the request and the server.
func (c *Client) Do(ctx context.Context, method, path string, params url.Values, body, out any) error {
	err := c.do(ctx, method, path, params, body, out)
	if err != nil {
		return fmt.Errorf("solr at %s: %s %s: %w", c.Addr(), method, path, err)
	}
	return nil
}

func (c *Client) do(ctx context.Context, method, path string, params url.Values, body, out any) error {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = RequestTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var r io.Reader
	contentType := "application/json"
	switch b := body.(type) {
	case nil:
	case form:
		r, contentType = strings.NewReader(string(b)), "application/x-www-form-urlencoded"
	case []byte:
		r = bytes.NewReader(b)
	default:
		data, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("encode request: %w", err)
		}
		r = bytes.NewReader(data)
	}
	u := c.URL + path
	if len(params) > 0 {
		u += "?" + params.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, r)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("read response: %w", err)
	}
	if res.StatusCode/100 != 2 {
		return errorFrom(res.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("decode response: %w", err)
	}
	return nil
}

// errorFrom turns an error answer into an *Error: Solr's JSON envelope, or (from
// Jetty, e.g. a 404 for a core that does not exist) the status and a bit of the body.
func errorFrom(status int, body []byte) *Error {
	var env struct {
		Error struct {
			Msg     string            `json:"msg"`
			Code    int               `json:"code"`
			Details []json.RawMessage `json:"details"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &env) != nil || env.Error.Msg == "" && env.Error.Code == 0 {
		msg := http.StatusText(status)
		if s := strings.Join(strings.Fields(string(body)), " "); s != "" && !strings.HasPrefix(s, "<") {
			msg += ": " + s[:min(len(s), 200)]
		}
		return &Error{Status: status, Code: status, Msg: msg}
	}
	e := &Error{Status: status, Code: env.Error.Code, Msg: strings.TrimSpace(env.Error.Msg)}
	if e.Code == 0 {
		e.Code = status
	}
	for _, d := range env.Error.Details {
		var cmd struct {
			ErrorMessages []string `json:"errorMessages"`
		}
		if json.Unmarshal(d, &cmd) == nil {
			for _, m := range cmd.ErrorMessages {
				e.Details = append(e.Details, strings.TrimSpace(m))
			}
		}
	}
	return e
}

// Ping checks that the core answers (/<core>/admin/ping) and explains the usual
// failures in one line: nothing listening, or no such core.
func (c *Client) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := c.do(ctx, http.MethodGet, "/"+c.Core+"/admin/ping", nil, nil, nil)
	var netErr net.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &netErr), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("solr at %s unreachable (start it with `make up`): %w", c.Addr(), err)
	case Code(err) == http.StatusNotFound:
		return fmt.Errorf("solr at %s: no core %q (`make up` precreates %q): %w", c.Addr(), c.Core, DefaultCore, err)
	}
	return fmt.Errorf("solr at %s: ping core %s: %w", c.Addr(), c.Core, err)
}

// Cause returns Solr's own error in err (code and msg, without the request it
// answered), or err itself when Solr did not answer with an error.
func Cause(err error) error {
	if e, ok := errors.AsType[*Error](err); ok {
		return e
	}
	return err
}
