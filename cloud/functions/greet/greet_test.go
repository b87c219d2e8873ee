package greet_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"example.com/cloudgo/cloud/functions/greet"
)

func TestGreeting(t *testing.T) {
	for _, tc := range []struct{ name, lang, want, err string }{
		{"Ada", "", "Hello, Ada!", ""},
		{"Ada", "de", "Hallo, Ada!", ""},
		{"世界", "zh", "你好，世界！", ""},
		{strings.Repeat("é", 100), "en", "Hello, " + strings.Repeat("é", 100) + "!", ""}, // 100 characters, 200 bytes
		{strings.Repeat("é", 101), "en", "", "name must be 1 to 100 characters"},
		{" \t", "en", "", "name must be 1 to 100 characters"},
		{"Ada", "fr", "", `language "fr" is not one of en, de, zh`},
	} {
		got, err := greet.Greeting(tc.name, tc.lang)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err || !errors.Is(err, greet.ErrInput) {
				t.Errorf("%q %q: %v, want ErrInput %q", tc.name, tc.lang, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q %q: %q %v, want %q", tc.name, tc.lang, got, err, tc.want)
		}
	}
}

// TestRepeatedQueryValue: the last value counts, as API Gateway keeps it, so the
// platforms that pass every value agree with the one that passes one.
func TestRepeatedQueryValue(t *testing.T) {
	r := greet.Handler{DefaultName: "X"}.Serve(greet.Request{Method: "GET", Path: "/hello", Query: url.Values{"name": {"Bob", "Ada"}}})
	if string(r.Body) != `{"message":"Hello from Ada!"}` {
		t.Errorf("got %s", r.Body)
	}
	r = greet.Handler{DefaultName: "X"}.Serve(greet.Request{Method: "GET", Path: "/hello"})
	if string(r.Body) != `{"message":"Hello from X!"}` {
		t.Errorf("got %s", r.Body)
	}
}
