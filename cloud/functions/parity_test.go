package functions_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/cloud/functions/awslambda"
	"example.com/cloudgo/cloud/functions/azure"
	"example.com/cloudgo/cloud/functions/gcf"
	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	cloudevents "github.com/cloudevents/sdk-go/v2"
)

// outcome is what a caller sees, whatever the platform.
type outcome struct {
	Status int
	Allow  string
	Body   string
}

// cases name the files in testdata/{lambda,gcf,azure}: the same request in each
// platform's own shape. Those with an object-finalized CloudEvent in testdata/gcf
// are also sent as a storage event, with the request in the object's metadata.
var cases = []struct {
	name string
	want outcome
}{
	{"get-hello-name", outcome{200, "", `{"message":"Hello from Ada!"}`}},
	{"post-greetings", outcome{201, "", `{"greeting":"Hallo, Ada!"}`}},
	{"post-greetings-binary", outcome{201, "", `{"greeting":"你好，世界！"}`}},
	{"post-greetings-fr", outcome{422, "", `{"error":"language \"fr\" is not one of en, de, zh"}`}},
	{"post-greetings-empty", outcome{422, "", `{"error":"name must be 1 to 100 characters"}`}},
	{"post-greetings-typo", outcome{400, "", `{"error":"invalid JSON body: json: unknown field \"nmae\""}`}},
	{"delete-hello", outcome{405, "GET", `{"error":"method not allowed; use GET"}`}},
	{"get-missing", outcome{404, "", `{"error":"no route for /nope"}`}},
}

// TestSameAnswersOnEveryPlatform is the point of the example: one handler, and
// every platform's adapter gives the caller the same status, headers and body.
func TestSameAnswersOnEveryPlatform(t *testing.T) {
	ctx := context.Background()
	greetFn, err := gcf.Handler(ctx, "Greet", io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	gcfSrv := httptest.NewServer(greetFn)
	defer gcfSrv.Close()
	azureSrv := httptest.NewServer(azure.Handler())
	defer azureSrv.Close()

	platforms := []struct {
		name string
		call func(t *testing.T, name string) outcome
	}{
		{"Lambda", lambdaCall},
		{"GCF HTTP", func(t *testing.T, name string) outcome { return gcfCall(t, gcfSrv.URL, name) }},
		{"Azure", func(t *testing.T, name string) outcome { return azureCall(t, azureSrv.URL, name) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range platforms {
				if got := p.call(t, tc.name); got != tc.want {
					t.Errorf("%s: got %+v\nwant %+v", p.name, got, tc.want)
				}
			}
		})
	}
}

// TestStorageEventGivesTheSameGreeting: the CloudEvent function greets from the
// object's metadata; its log line says what the HTTP answer's body says.
func TestStorageEventGivesTheSameGreeting(t *testing.T) {
	var log syncBuffer
	h, err := gcf.Handler(context.Background(), "GreetObject", &log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	n := 0
	for _, tc := range cases {
		file := filepath.Join("testdata", "gcf", tc.name+".cloudevent.json")
		if _, err := os.Stat(file); err != nil {
			continue
		}
		n++
		t.Run(tc.name, func(t *testing.T) {
			e := readEvent(t, file)
			// Eventarc delivers in binary mode: attributes as ce-* headers, data as the body.
			req, err := cloudevents.NewHTTPRequestFromEvent(context.Background(), srv.URL, e)
			if err != nil {
				t.Fatal(err)
			}
			log.Reset()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				t.Fatalf("status %d: the event would be retried", resp.StatusCode)
			}
			var entry gcf.LogEntry
			if err := json.Unmarshal(log.Bytes(), &entry); err != nil {
				t.Fatalf("log is not one JSON line: %v: %q", err, log.String())
			}
			var want map[string]string
			json.Unmarshal([]byte(tc.want.Body), &want)
			if entry.Greeting != want["greeting"] || entry.Error != want["error"] {
				t.Errorf("log %+v; HTTP answer %s", entry, tc.want.Body)
			}
			if wantSev := map[bool]string{true: "INFO", false: "WARNING"}[want["error"] == ""]; entry.Severity != wantSev {
				t.Errorf("severity %q, want %q", entry.Severity, wantSev)
			}
			if !strings.HasPrefix(entry.Object, "gs://cloudgo-greetings/requests/") {
				t.Errorf("object %q", entry.Object)
			}
		})
	}
	if n < 3 {
		t.Fatalf("only %d CloudEvent payloads in testdata/gcf", n)
	}
}

func lambdaCall(t *testing.T, name string) outcome {
	t.Helper()
	// The runtime's own entry point: JSON event in, JSON response out.
	out, err := lambda.NewHandler(awslambda.Handle).Invoke(context.Background(), readFile(t, "lambda", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var resp events.APIGatewayProxyResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if ct := resp.Headers["Content-Type"]; ct != "application/json" {
		t.Errorf("Lambda: Content-Type %q", ct)
	}
	return outcome{resp.StatusCode, resp.Headers["Allow"], resp.Body}
}

func gcfCall(t *testing.T, base, name string) outcome {
	t.Helper()
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(readFile(t, "gcf", name+".http"))))
	if err != nil {
		t.Fatal(err)
	}
	out, err := http.NewRequest(req.Method, base+req.URL.RequestURI(), req.Body)
	if err != nil {
		t.Fatal(err)
	}
	out.Header = req.Header
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GCF: Content-Type %q", ct)
	}
	return outcome{resp.StatusCode, resp.Header.Get("Allow"), string(b)}
}

func azureCall(t *testing.T, base, name string) outcome {
	t.Helper()
	// What the Functions host does: POST the invocation to /<function name>.
	resp, err := http.Post(base+"/"+azure.FunctionName, "application/json", bytes.NewReader(readFile(t, "azure", name+".json")))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("Azure: the handler answered the host %d: the invocation would fail", resp.StatusCode)
	}
	var inv struct {
		Outputs struct{ Res azure.HTTPResponseData }
		Logs    []string
	}
	if err := json.NewDecoder(resp.Body).Decode(&inv); err != nil {
		t.Fatal(err)
	}
	if ct := inv.Outputs.Res.Headers["Content-Type"]; ct != "application/json" {
		t.Errorf("Azure: Content-Type %q", ct)
	}
	if len(inv.Logs) != 1 {
		t.Errorf("Azure: logs %q", inv.Logs)
	}
	return outcome{inv.Outputs.Res.StatusCode, inv.Outputs.Res.Headers["Allow"], inv.Outputs.Res.Body}
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readEvent(t *testing.T, file string) cloudevents.Event {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var e cloudevents.Event
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s is not a CloudEvent: %v", file, err)
	}
	return e
}
