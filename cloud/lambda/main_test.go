package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

// TestInvoke feeds API Gateway proxy events, as JSON, through the same entry point
// the Lambda runtime uses (lambda.NewHandler(...).Invoke), and decodes the JSON the
// runtime would hand back to API Gateway.
func TestInvoke(t *testing.T) {
	h := lambda.NewHandler(handle)
	for _, tc := range []struct {
		event, body, allow string
		status             int
	}{
		{"get-hello.json", `{"message":"Hello from Lambda!"}`, "", 200},
		{"get-hello-name.json", `{"message":"Hello from Ada!"}`, "", 200},
		{"post-greetings.json", `{"greeting":"Hallo, Ada!"}`, "", 201},
		{"post-greetings-base64.json", `{"greeting":"你好，世界！"}`, "", 201},
		{"post-greetings-typo.json", `{"error":"invalid JSON body: json: unknown field \"nmae\""}`, "", 400},
		{"post-greetings-empty.json", `{"error":"name must be 1 to 100 characters"}`, "", 422},
		{"delete-hello.json", `{"error":"method not allowed; use GET"}`, "GET", 405},
		{"get-missing.json", `{"error":"no route for /nope"}`, "", 404},
	} {
		t.Run(tc.event, func(t *testing.T) {
			payload, err := os.ReadFile(filepath.Join("testdata", tc.event))
			if err != nil {
				t.Fatal(err)
			}
			out, err := h.Invoke(context.Background(), payload)
			if err != nil {
				t.Fatal(err)
			}
			var resp events.APIGatewayProxyResponse
			if err := json.Unmarshal(out, &resp); err != nil {
				t.Fatalf("response is not an API Gateway proxy response: %v\n%s", err, out)
			}
			if resp.StatusCode != tc.status || resp.Body != tc.body {
				t.Errorf("got %d %s, want %d %s", resp.StatusCode, resp.Body, tc.status, tc.body)
			}
			if ct := resp.Headers["Content-Type"]; ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			if resp.Headers["Allow"] != tc.allow {
				t.Errorf("Allow %q, want %q", resp.Headers["Allow"], tc.allow)
			}
		})
	}
}

// TestInvokeNotAnEvent: a payload that is not JSON is the runtime's error, not a panic.
func TestInvokeNotAnEvent(t *testing.T) {
	if _, err := lambda.NewHandler(handle).Invoke(context.Background(), []byte("not json")); err == nil {
		t.Fatal("want an error for a non-JSON payload")
	}
}

// TestLocalAdapter: the HTTP adapter `go run` uses produces the same answers.
func TestLocalAdapter(t *testing.T) {
	srv := httptest.NewServer(proxyHandler(handle))
	defer srv.Close()
	for _, tc := range []struct {
		method, path, body, want string
		status                   int
	}{
		{"GET", "/hello?name=Ada", "", `{"message":"Hello from Ada!"}`, 200},
		{"POST", "/greetings", `{"name":"Ada"}`, `{"greeting":"Hello, Ada!"}`, 201},
		{"POST", "/greetings", "\xff\xfe", `{"error":"invalid JSON body: invalid character 'ÿ' looking for beginning of value"}`, 400},
		{"PUT", "/greetings", "", `{"error":"method not allowed; use POST"}`, 405},
		// Issue 13.11: one JSON value and nothing after it, not even a stray bracket.
		{"POST", "/greetings", `{"name":"Ada"}}`, `{"error":"invalid JSON body: more than one value"}`, 400},
		{"POST", "/greetings", `{"name":"Ada"}]`, `{"error":"invalid JSON body: more than one value"}`, 400},
		{"POST", "/greetings", `{"name":"Ada"} {"name":"Bob"}`, `{"error":"invalid JSON body: more than one value"}`, 400},
		{"POST", "/greetings", `{"name":"Ada"}` + "\n", `{"greeting":"Hello, Ada!"}`, 201},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || string(b) != tc.want {
			t.Errorf("%s %s: got %d %s, want %d %s", tc.method, tc.path, resp.StatusCode, b, tc.status, tc.want)
		}
	}
}

// TestIdleConnectionsAreClosed (issue 13.17): the local server closes a
// keep-alive connection that stays idle for -idle-timeout (it had no IdleTimeout).
func TestIdleConnectionsAreClosed(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, done := start(t, ctx, "-idle-timeout", "200ms")
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	// Now idle: the server must hang up well before this deadline.
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := r.ReadByte(); err != io.EOF {
		t.Fatalf("idle keep-alive connection: read gave %v, want EOF (closed by the server)", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// start runs the program with args (-addr 127.0.0.1:0 added) and returns its URL
// and the channel run's result arrives on.
func start(t *testing.T, ctx context.Context, args ...string) (string, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), pw, io.Discard)
		pw.Close()
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	url, _, _ := strings.Cut(strings.TrimPrefix(line, "serving the Lambda handler on "), " ")
	return url, done
}

// TestRunServesAndStops: run listens, answers, and returns cleanly when cancelled.
func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, done := start(t, ctx)
	resp, err := http.Get(url + "/hello")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not stop")
	}
}
