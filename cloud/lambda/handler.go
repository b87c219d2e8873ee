package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// handle is the Lambda function: one API Gateway proxy event in, one response out.
// API Gateway's "Lambda proxy integration" hands every method and path to it, so it
// routes itself. Client mistakes are 4xx responses; a returned error would become a
// 502 "Internal server error" that hides what went wrong.
func handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	switch req.Path {
	case "/hello":
		if req.HTTPMethod != http.MethodGet {
			return methodNotAllowed(http.MethodGet)
		}
		name := req.QueryStringParameters["name"]
		if name == "" {
			name = "Lambda"
		}
		return reply(http.StatusOK, map[string]string{"message": "Hello from " + name + "!"})

	case "/greetings":
		if req.HTTPMethod != http.MethodPost {
			return methodNotAllowed(http.MethodPost)
		}
		var in struct {
			Name     string `json:"name"`
			Language string `json:"language"`
		}
		body, err := bodyBytes(req)
		if err != nil {
			return problem(http.StatusBadRequest, err.Error())
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields() // a typo in a field name is an error, not silence
		if err := dec.Decode(&in); err != nil {
			return problem(http.StatusBadRequest, "invalid JSON body: "+err.Error())
		}
		// One value and then the end: dec.More() would accept a stray "}" or "]".
		if _, err := dec.Token(); err != io.EOF {
			return problem(http.StatusBadRequest, "invalid JSON body: more than one value")
		}
		if strings.TrimSpace(in.Name) == "" || utf8.RuneCountInString(in.Name) > 100 {
			return problem(http.StatusUnprocessableEntity, "name must be 1 to 100 characters")
		}
		greeting, ok := greetings[cmpOr(in.Language, "en")]
		if !ok {
			return problem(http.StatusUnprocessableEntity, fmt.Sprintf("language %q is not one of en, de, zh", in.Language))
		}
		return reply(http.StatusCreated, map[string]string{"greeting": fmt.Sprintf(greeting, in.Name)})
	}
	return problem(http.StatusNotFound, "no route for "+req.Path)
}

var greetings = map[string]string{"en": "Hello, %s!", "de": "Hallo, %s!", "zh": "你好，%s！"}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// bodyBytes undoes API Gateway's base64 encoding of binary bodies.
func bodyBytes(req events.APIGatewayProxyRequest) ([]byte, error) {
	if !req.IsBase64Encoded {
		return []byte(req.Body), nil
	}
	b, err := base64.StdEncoding.DecodeString(req.Body)
	if err != nil {
		return nil, errors.New("body is not valid base64")
	}
	return b, nil
}

func reply(status int, v any) (events.APIGatewayProxyResponse, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return events.APIGatewayProxyResponse{}, err
	}
	return events.APIGatewayProxyResponse{
		StatusCode: status,
		Headers:    map[string]string{"Content-Type": "application/json"},
		Body:       string(b),
	}, nil
}

func problem(status int, msg string) (events.APIGatewayProxyResponse, error) {
	return reply(status, map[string]string{"error": msg})
}

func methodNotAllowed(allow string) (events.APIGatewayProxyResponse, error) {
	r, err := problem(http.StatusMethodNotAllowed, "method not allowed; use "+allow)
	r.Headers["Allow"] = allow
	return r, err
}

// proxyHandler is the local adapter: it turns an ordinary HTTP request into the
// event API Gateway would send, calls h, and writes h's response back.
func proxyHandler(h func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 6<<20)) // Lambda's payload limit
		if err != nil {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		ev := events.APIGatewayProxyRequest{
			HTTPMethod:                      r.Method,
			Path:                            r.URL.Path,
			Headers:                         map[string]string{},
			MultiValueHeaders:               r.Header,
			QueryStringParameters:           map[string]string{},
			MultiValueQueryStringParameters: r.URL.Query(),
			RequestContext:                  events.APIGatewayProxyRequestContext{Stage: "local", HTTPMethod: r.Method, Path: r.URL.Path},
		}
		for k, v := range r.Header {
			ev.Headers[k] = v[len(v)-1]
		}
		for k, v := range r.URL.Query() {
			ev.QueryStringParameters[k] = v[len(v)-1] // API Gateway keeps the last value too
		}
		if utf8.Valid(body) {
			ev.Body = string(body)
		} else {
			ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
		}
		resp, err := h(r.Context(), ev)
		if err != nil { // what API Gateway does with a handler error
			http.Error(w, `{"message": "Internal server error"}`, http.StatusBadGateway)
			return
		}
		for k, v := range resp.Headers {
			w.Header().Set(k, v)
		}
		out := []byte(resp.Body)
		if resp.IsBase64Encoded {
			if out, err = base64.StdEncoding.DecodeString(resp.Body); err != nil {
				http.Error(w, `{"message": "Internal server error"}`, http.StatusBadGateway)
				return
			}
		}
		w.WriteHeader(resp.StatusCode)
		w.Write(out)
	})
}
