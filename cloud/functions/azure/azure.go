// Package azure serves the greet handler as an Azure Functions custom handler: a
// plain net/http server the Functions host starts (host.json names the
// executable) and calls on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT.
//
// For an HTTP trigger the host does not forward the client's request. It POSTs
// an invocation to /<function name> (the folder of its function.json):
//
//	{"Data": {"req": {"Url": …, "Method": …, "Query": …, "Headers": …, "Params": …, "Body": "…"}},
//	 "Metadata": {…}}
//
// and expects the outputs back, the HTTP answer under the output binding's name:
//
//	{"Outputs": {"res": {"statusCode": "201", "headers": {…}, "body": "…"}}, "Logs": […], "ReturnValue": null}
//
// The custom handler's own status must be 2xx: anything else fails the invocation
// and the client gets a 500, whatever res says.
package azure

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"example.com/cloudgo/cloud/functions/greet"
)

// FunctionName is the function's folder (greet/function.json): the host POSTs its
// invocations to /greet.
const FunctionName = "greet"

var handler = greet.Handler{DefaultName: "Azure Functions"}

// InvokeRequest is the host's invocation payload.
type InvokeRequest struct {
	Data     map[string]json.RawMessage
	Metadata map[string]any
}

// HTTPRequestData is an HTTP trigger's value in Data (under the trigger's name,
// "req" in function.json). Url is the client's URL with its query string, which
// this package reads rather than Query: the host has sent Query both as an object
// and as a string holding JSON, and it joins repeated values with commas.
type HTTPRequestData struct {
	Url     string
	Method  string
	Headers map[string][]string
	Params  map[string]string
	Body    *string // raw text; base64 for application/octet-stream and multipart/*
}

// InvokeResponse is the handler's answer to the host.
type InvokeResponse struct {
	Outputs     map[string]any
	Logs        []string
	ReturnValue any
}

// HTTPResponseData is the value of an http output binding ("res").
type HTTPResponseData struct {
	StatusCode int               `json:"statusCode,string"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
}

// Handler is the custom handler: the invocation endpoint, and 200 to the host's
// readiness probe (any answer on "/" tells the host the server is up).
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /"+FunctionName, invoke)
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {})
	return mux
}

func invoke(w http.ResponseWriter, r *http.Request) {
	var in InvokeRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20)).Decode(&in); err != nil {
		http.Error(w, "invocation payload: "+err.Error(), http.StatusBadRequest) // the host's bug, not the client's
		return
	}
	var req HTTPRequestData
	if err := json.Unmarshal(in.Data["req"], &req); err != nil {
		http.Error(w, `invocation payload: Data.req is not an HTTP request: `+fmt.Sprint(err), http.StatusBadRequest)
		return
	}
	req.Method = strings.ToUpper(req.Method)
	resp := serve(req)
	out := InvokeResponse{
		Outputs: map[string]any{"res": HTTPResponseData{StatusCode: resp.Status, Headers: resp.Header, Body: string(resp.Body)}},
		Logs:    []string{fmt.Sprintf("%s %s: %d", req.Method, pathOf(req.Url), resp.Status)},
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func serve(req HTTPRequestData) greet.Response {
	u, err := url.Parse(req.Url)
	if err != nil {
		return greet.Problem(http.StatusBadRequest, "bad URL")
	}
	var body []byte
	if req.Body != nil {
		body = []byte(*req.Body)
		if binaryBody(req.Headers) {
			if body, err = base64.StdEncoding.DecodeString(*req.Body); err != nil {
				return greet.Problem(http.StatusBadRequest, "body is not valid base64")
			}
		}
	}
	return handler.Serve(greet.Request{Method: req.Method, Path: u.Path, Query: u.Query(), Body: body})
}

// binaryBody reports whether the host sent the body base64-encoded: it does for
// application/octet-stream and multipart/* content.
func binaryBody(h map[string][]string) bool {
	for k, v := range h {
		if strings.EqualFold(k, "Content-Type") && len(v) > 0 {
			mt, _, _ := mime.ParseMediaType(v[0])
			return mt == "application/octet-stream" || strings.HasPrefix(mt, "multipart/")
		}
	}
	return false
}

func pathOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Path
	}
	return raw
}
