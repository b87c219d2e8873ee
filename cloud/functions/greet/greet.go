// Package greet is the one handler the functions examples serve on three
// platforms: the routes, the strict JSON, the status codes and the greeting
// itself, with no platform type in sight. Each platform gets a thin adapter that
// turns its event into a Request and the Response back into its answer:
// [example.com/cloudgo/cloud/functions/awslambda] (API Gateway proxy events),
// [example.com/cloudgo/cloud/functions/gcf] (Google Cloud Functions, HTTP and a
// storage CloudEvent) and [example.com/cloudgo/cloud/functions/azure] (an Azure
// Functions custom handler).
package greet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Request is an HTTP request as every platform can describe it.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Body   []byte
}

// Response is the answer: a status, a few headers (Content-Type always, Allow on
// 405) and a JSON body.
type Response struct {
	Status int
	Header map[string]string
	Body   []byte
}

// Handler routes requests. DefaultName greets a caller who gives no name, so each
// platform can say which one answered.
type Handler struct {
	DefaultName string
}

// Serve answers GET /hello[?name=] and POST /greetings with a JSON body
// {"name", "language"}. Client mistakes are 4xx responses, never errors: every
// platform turns a returned error into a bare 5xx that hides what went wrong.
func (h Handler) Serve(req Request) Response {
	switch req.Path {
	case "/hello":
		if req.Method != http.MethodGet {
			return methodNotAllowed(http.MethodGet)
		}
		name := h.DefaultName
		if vs := req.Query["name"]; len(vs) > 0 && vs[len(vs)-1] != "" {
			name = vs[len(vs)-1] // API Gateway keeps the last of repeated values; so do we, everywhere
		}
		return reply(http.StatusOK, map[string]string{"message": "Hello from " + name + "!"})

	case "/greetings":
		if req.Method != http.MethodPost {
			return methodNotAllowed(http.MethodPost)
		}
		var in struct {
			Name     string `json:"name"`
			Language string `json:"language"`
		}
		dec := json.NewDecoder(bytes.NewReader(req.Body))
		dec.DisallowUnknownFields() // a typo in a field name is an error, not silence
		if err := dec.Decode(&in); err != nil {
			return Problem(http.StatusBadRequest, "invalid JSON body: "+err.Error())
		}
		// One value and then the end: dec.More() would accept a stray "}" or "]".
		if _, err := dec.Token(); err != io.EOF {
			return Problem(http.StatusBadRequest, "invalid JSON body: more than one value")
		}
		g, err := Greeting(in.Name, in.Language)
		if err != nil {
			return Problem(http.StatusUnprocessableEntity, err.Error())
		}
		return reply(http.StatusCreated, map[string]string{"greeting": g})
	}
	return Problem(http.StatusNotFound, "no route for "+req.Path)
}

// ErrInput marks what Greeting refuses: the caller's input, not a failure here.
// Retrying it gives the same answer.
var ErrInput = errors.New("invalid input")

type inputError string

func (e inputError) Error() string        { return string(e) }
func (e inputError) Is(target error) bool { return target == ErrInput }

var greetings = map[string]string{"en": "Hello, %s!", "de": "Hallo, %s!", "zh": "你好，%s！"}

// Greeting greets name in language ("" is English). Its errors match ErrInput.
func Greeting(name, language string) (string, error) {
	if strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > 100 {
		return "", inputError("name must be 1 to 100 characters")
	}
	if language == "" {
		language = "en"
	}
	format, ok := greetings[language]
	if !ok {
		return "", inputError(fmt.Sprintf("language %q is not one of en, de, zh", language))
	}
	return fmt.Sprintf(format, name), nil
}

// Problem is an error response: {"error": msg}. Adapters use it for the mistakes
// they catch before Serve (a body too large, base64 that does not decode).
func Problem(status int, msg string) Response {
	return reply(status, map[string]string{"error": msg})
}

func reply(status int, v map[string]string) Response {
	b, _ := json.Marshal(v) // a map of strings always marshals
	return Response{Status: status, Header: map[string]string{"Content-Type": "application/json"}, Body: b}
}

func methodNotAllowed(allow string) Response {
	r := Problem(http.StatusMethodNotAllowed, "method not allowed; use "+allow)
	r.Header["Allow"] = allow
	return r
}
