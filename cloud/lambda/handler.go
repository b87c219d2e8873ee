package main

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"unicode/utf8"

	"example.com/cloudgo/cloud/functions/awslambda"
	"github.com/aws/aws-lambda-go/events"
)

// handle is the Lambda function: one API Gateway proxy event in, one response out.
// Its logic is the greet handler that functions/ also serves on Google Cloud
// Functions and Azure Functions; awslambda is the API Gateway adapter.
func handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return awslambda.Handle(ctx, req)
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
