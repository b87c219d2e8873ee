package azure_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/cloudgo/cloud/functions/azure"
)

// TestHostContract: the host's readiness probe gets an answer, a payload that is
// not an invocation is the host's problem (non-2xx: the invocation fails), and
// the client's status travels inside Outputs.res while the handler answers 200.
func TestHostContract(t *testing.T) {
	srv := httptest.NewServer(azure.Handler())
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("readiness probe: %d", resp.StatusCode)
	}

	for _, payload := range []string{`not json`, `{"Data": {"req": "a string"}}`} {
		resp, err := http.Post(srv.URL+"/greet", "application/json", strings.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", payload, resp.StatusCode)
		}
	}

	// Lower-case method, query only in the URL, a binary body that is not base64.
	resp, err = http.Post(srv.URL+"/greet", "application/json", strings.NewReader(`{"Data": {"req": {
		"Url": "https://app.azurewebsites.net/greetings?x=1", "Method": "post",
		"Headers": {"content-type": ["application/octet-stream"]}, "Body": "%%%"}}, "Metadata": {}}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Outputs map[string]json.RawMessage
		Logs    []string
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	// The host's own HttpOutputBindingResponse takes statusCode as a string.
	if got := string(out.Outputs["res"]); !strings.Contains(got, `"statusCode":"400"`) || !strings.Contains(got, "not valid base64") {
		t.Errorf("res %s", got)
	}
	if len(out.Logs) != 1 || out.Logs[0] != "POST /greetings: 400" {
		t.Errorf("logs %q", out.Logs)
	}
}
