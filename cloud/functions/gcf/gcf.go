// Package gcf serves the greet handler as Google Cloud Functions (Cloud Run
// functions), registered with Google's Functions Framework the way the Go
// runtime expects: in a package that is not main, from init, by name.
//
//   - Greet, an HTTP function: the same routes and answers as the Lambda.
//   - GreetObject, a CloudEvent function for Cloud Storage's "object finalized"
//     event (google.cloud.storage.object.v1.finalized): the object's custom
//     metadata name and language are the greeting request, and the answer is a
//     structured log line, because an event function has no caller to answer.
//
// Deployed, Google's build generates the main package, which imports this one
// and calls funcframework.Start; cmd/gcf serves the same functions locally.
package gcf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"

	"example.com/cloudgo/cloud/functions/greet"
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	cloudevents "github.com/cloudevents/sdk-go/v2"
)

func init() {
	functions.HTTP("Greet", Greet)
	functions.CloudEvent("GreetObject", GreetObject(os.Stdout))
}

var handler = greet.Handler{DefaultName: "Cloud Functions"}

// maxBody bounds what Greet reads; greetings are small (the platform's own limit
// is 32 MB).
const maxBody = 1 << 20

// Greet is the HTTP function.
func Greet(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var resp greet.Response
	if err != nil {
		resp = greet.Problem(http.StatusRequestEntityTooLarge, "request body larger than 1 MiB")
	} else {
		resp = handler.Serve(greet.Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Body: body})
	}
	for k, v := range resp.Header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(resp.Status)
	w.Write(resp.Body)
}

// ObjectFinalizedType is the CloudEvent type Eventarc sends when an object is
// created or overwritten in a bucket.
const ObjectFinalizedType = "google.cloud.storage.object.v1.finalized"

// StorageObjectData is the part of the event's data (Google's StorageObjectData,
// the JSON form of the object resource) this function reads. Its 64-bit numbers
// (generation, size) arrive as JSON strings.
type StorageObjectData struct {
	Bucket      string            `json:"bucket"`
	Name        string            `json:"name"`
	Generation  string            `json:"generation"`
	ContentType string            `json:"contentType"`
	Size        string            `json:"size"`
	Metadata    map[string]string `json:"metadata"`
}

// LogEntry is the structured log line GreetObject writes: Cloud Logging reads a
// JSON line on stdout as an entry, with severity and message as such.
type LogEntry struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Object   string `json:"object"`
	Greeting string `json:"greeting,omitempty"`
	Error    string `json:"error,omitempty"`
}

// GreetObject returns the CloudEvent function; it writes its log lines to log.
//
// What it returns decides retries: with retries enabled, an error makes Eventarc
// deliver the event again (for up to a day). A refused greeting would be refused
// again, so it is logged and acknowledged (nil); an event that is not what this
// function was deployed for is an error, to be seen.
func GreetObject(log io.Writer) func(context.Context, cloudevents.Event) error {
	var mu sync.Mutex // events arrive concurrently; one line each, whole
	write := func(e LogEntry) {
		b, _ := json.Marshal(e)
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(log, "%s\n", b)
	}
	return func(ctx context.Context, e cloudevents.Event) error {
		if e.Type() != ObjectFinalizedType {
			return fmt.Errorf("event %s: type %q, want %q", e.ID(), e.Type(), ObjectFinalizedType)
		}
		var obj StorageObjectData
		if err := e.DataAs(&obj); err != nil {
			return fmt.Errorf("event %s: data is not a storage object: %w", e.ID(), err)
		}
		if obj.Bucket == "" || obj.Name == "" {
			return fmt.Errorf("event %s: data names no bucket and object", e.ID())
		}
		entry := LogEntry{Severity: "INFO", Object: "gs://" + obj.Bucket + "/" + obj.Name + "#" + obj.Generation}
		g, err := greet.Greeting(obj.Metadata["name"], obj.Metadata["language"])
		switch {
		case errors.Is(err, greet.ErrInput):
			entry.Severity, entry.Message, entry.Error = "WARNING", "not greeted: "+err.Error(), err.Error()
		case err != nil:
			return err
		default:
			entry.Message, entry.Greeting = g, g
		}
		write(entry)
		return nil
	}
}

// Handler is what the Functions Framework would serve at "/" for target (Greet or
// GreetObject): the HTTP function as it is, the CloudEvent function behind the
// CloudEvents SDK's HTTP receiver (binary and structured mode), as the framework
// does it.
func Handler(ctx context.Context, target string, log io.Writer) (http.Handler, error) {
	switch target {
	case "Greet":
		return http.HandlerFunc(Greet), nil
	case "GreetObject":
		p, err := cloudevents.NewHTTP()
		if err != nil {
			return nil, err
		}
		return cloudevents.NewHTTPReceiveHandler(ctx, p, GreetObject(log))
	}
	return nil, fmt.Errorf("no function %q (Greet, GreetObject)", target)
}
