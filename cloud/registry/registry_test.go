package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A registry double: what API.Manifest asks for and what it refuses.
func TestManifestDigest(t *testing.T) {
	body := `{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"digest":"sha256:c0"},"layers":[{},{}]}`
	sum := sha256.Sum256([]byte(body))
	good := "sha256:" + hex.EncodeToString(sum[:])
	var accept string
	header := good
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		w.Header().Set("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
		w.Header().Set("Docker-Content-Digest", header)
		w.Write([]byte(body))
	}))
	defer srv.Close()
	api := API{URL: srv.URL}
	m, err := api.Manifest(context.Background(), "a/b", "v1")
	if err != nil || m.Digest != good || m.Config != "sha256:c0" || m.Layers != 2 {
		t.Fatalf("Manifest = %+v, %v; want digest %s, config sha256:c0, 2 layers", m, err, good)
	}
	// Without these the registry may answer another format, with another digest.
	for _, typ := range []string{"application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json"} {
		if !strings.Contains(accept, typ) {
			t.Errorf("Accept %q lacks %s", accept, typ)
		}
	}
	// By digest: the bytes must hash to the digest asked for.
	if _, err := api.Manifest(context.Background(), "a/b", "sha256:0000"); err == nil {
		t.Error("manifest by a digest its bytes do not hash to: no error")
	}
	// A registry (or a proxy) that hands out other bytes than it names.
	header = "sha256:" + strings.Repeat("0", 64)
	if _, err := api.Manifest(context.Background(), "a/b", "v1"); err == nil || !strings.Contains(err.Error(), "the registry says sha256:000") {
		t.Errorf("mismatching Docker-Content-Digest: %v, want an error naming both digests", err)
	}
}

func TestErrorsNameTheURL(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, err := API{URL: srv.URL}.Tags(context.Background(), "no/such")
	if err == nil || !strings.Contains(err.Error(), srv.URL+"/v2/no/such/tags/list: 404") {
		t.Errorf("Tags of a missing repository: %v, want the URL and 404", err)
	}
}
