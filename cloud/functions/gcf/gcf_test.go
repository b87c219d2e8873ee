package gcf_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/cloudgo/cloud/functions/gcf"
	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	cloudevents "github.com/cloudevents/sdk-go/v2"
)

func objectEvent(t *testing.T, typ string, data any) cloudevents.Event {
	t.Helper()
	e := cloudevents.NewEvent()
	e.SetID("1")
	e.SetType(typ)
	e.SetSource("//storage.googleapis.com/projects/_/buckets/b")
	if err := e.SetData(cloudevents.ApplicationJSON, data); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestGreetObjectRetries: what the function returns decides whether Eventarc
// delivers the event again. Refused input is acknowledged (it would be refused
// again); an event the function was not deployed for is an error.
func TestGreetObjectRetries(t *testing.T) {
	var log bytes.Buffer
	fn := gcf.GreetObject(&log)
	ctx := context.Background()
	refused := objectEvent(t, gcf.ObjectFinalizedType, map[string]any{"bucket": "b", "name": "o", "metadata": map[string]string{"name": "Ada", "language": "fr"}})
	if err := fn(ctx, refused); err != nil {
		t.Errorf("refused greeting: %v, want nil (no retry)", err)
	}
	if !strings.Contains(log.String(), `"severity":"WARNING"`) {
		t.Errorf("log %q", log.String())
	}
	for name, e := range map[string]cloudevents.Event{
		"deleted, not finalized": objectEvent(t, "google.cloud.storage.object.v1.deleted", map[string]any{"bucket": "b", "name": "o"}),
		"data not an object":     objectEvent(t, gcf.ObjectFinalizedType, []int{1}),
		"no bucket or name":      objectEvent(t, gcf.ObjectFinalizedType, map[string]any{"size": "1"}),
	} {
		if err := fn(ctx, e); err == nil {
			t.Errorf("%s: nil, want an error", name)
		}
	}
}

// TestGreetBodyLimit: the HTTP function reads at most 1 MiB.
func TestGreetBodyLimit(t *testing.T) {
	rec := httptest.NewRecorder()
	gcf.Greet(rec, httptest.NewRequest("POST", "/greetings", strings.NewReader(strings.Repeat(" ", 1<<20+1))))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", rec.Code)
	}
}

// TestFrameworkServesRegisteredFunctions runs Google's Functions Framework itself
// (funcframework.StartHostPort, what the deployed function's generated main
// calls) with FUNCTION_TARGET set to each name init registered, and calls it as
// the platform would. Its servers cannot be stopped: they end with the test binary.
func TestFrameworkServesRegisteredFunctions(t *testing.T) {
	greetURL := startFramework(t, "Greet")
	resp, err := http.Get(greetURL + "/hello?name=Ada")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != `{"message":"Hello from Ada!"}` {
		t.Errorf("Greet: %d %s", resp.StatusCode, b)
	}

	objectURL := startFramework(t, "GreetObject")
	e := objectEvent(t, gcf.ObjectFinalizedType, map[string]any{"bucket": "b", "name": "o", "metadata": map[string]string{"name": "Ada"}})
	req, err := cloudevents.NewHTTPRequestFromEvent(context.Background(), objectURL, e)
	if err != nil {
		t.Fatal(err)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Errorf("GreetObject: status %d", resp.StatusCode)
	}
	// A payload that is no CloudEvent is refused, not handed to the function.
	resp, err = http.Post(objectURL, "application/json", strings.NewReader(`{"bucket":"b"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 == 2 {
		t.Errorf("not a CloudEvent: status %d", resp.StatusCode)
	}
}

var frameworkMu sync.Mutex // FUNCTION_TARGET is read when a server starts

func startFramework(t *testing.T, target string) string {
	t.Helper()
	frameworkMu.Lock()
	defer frameworkMu.Unlock()
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a free port for the framework, which only takes a port number
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, port, _ := net.SplitHostPort(addr)
	t.Setenv("FUNCTION_TARGET", target)
	go funcframework.StartHostPort("127.0.0.1", port) // serves until the test binary exits
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("framework for %s not listening on %s: %v", target, addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "http://" + addr
}
