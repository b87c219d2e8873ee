// Package registry ships a container image through a registry: the Docker
// Engine API (github.com/moby/moby/client, the engine's own Go client) builds,
// tags, pushes, pulls by digest and runs it, and the registry's HTTP API v2 is
// read directly (tags, manifests) to check what arrived.
package registry

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// ManifestTypes are the manifest formats a client accepts, in the Accept header
// of GET /v2/<name>/manifests/<reference>. A registry answers a format the client
// did not list with something else (an old schema 1 conversion, or 404 on
// registries that dropped it), whose bytes and digest differ from what was pushed.
var ManifestTypes = []string{
	"application/vnd.oci.image.index.v1+json",
	"application/vnd.oci.image.manifest.v1+json",
	"application/vnd.docker.distribution.manifest.list.v2+json",
	"application/vnd.docker.distribution.manifest.v2+json",
}

// API is a registry's HTTP API v2 at URL (http://host:port), without auth.
type API struct {
	URL  string
	HTTP *http.Client // nil: a client with a 10 s timeout
}

// Manifest is a manifest as the registry stored it.
type Manifest struct {
	MediaType string // the Content-Type the registry answered
	Digest    string // sha256:<hex of the bytes>, checked against Docker-Content-Digest
	Bytes     []byte
	Config    string // the image configuration's digest: the image ID
	Layers    int
}

// Ping checks that URL speaks the registry API v2 (GET /v2/ answers 200).
func (a API) Ping(ctx context.Context) error {
	resp, err := a.get(ctx, "/v2/", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// Tags lists the tags of repository repo.
func (a API) Tags(ctx context.Context, repo string) ([]string, error) {
	resp, err := a.get(ctx, "/v2/"+repo+"/tags/list", nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body struct{ Tags []string }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("read tags of %s: %w", repo, err)
	}
	return body.Tags, nil
}

// Manifest fetches the manifest of repo at ref (a tag or a digest) and checks
// that the sha256 of its bytes is the digest the registry names in
// Docker-Content-Digest (and, for a digest ref, that digest): content addressing.
func (a API) Manifest(ctx context.Context, repo, ref string) (Manifest, error) {
	resp, err := a.get(ctx, "/v2/"+repo+"/manifests/"+ref, http.Header{"Accept": {strings.Join(ManifestTypes, ", ")}})
	if err != nil {
		return Manifest{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return Manifest{}, fmt.Errorf("read manifest %s:%s: %w", repo, ref, err)
	}
	sum := sha256.Sum256(b)
	m := Manifest{MediaType: resp.Header.Get("Content-Type"), Digest: "sha256:" + hex.EncodeToString(sum[:]), Bytes: b}
	if h := resp.Header.Get("Docker-Content-Digest"); h != m.Digest {
		return m, fmt.Errorf("manifest %s:%s: sha256 of the bytes is %s, the registry says %s", repo, ref, m.Digest, h)
	}
	if strings.HasPrefix(ref, "sha256:") && ref != m.Digest {
		return m, fmt.Errorf("manifest %s@%s: got bytes with digest %s", repo, ref, m.Digest)
	}
	var body struct {
		Config struct{ Digest string }
		Layers []json.RawMessage
	}
	if err := json.Unmarshal(b, &body); err != nil {
		return m, fmt.Errorf("manifest %s:%s: %w", repo, ref, err)
	}
	m.Config, m.Layers = body.Config.Digest, len(body.Layers)
	return m, nil
}

func (a API) get(ctx context.Context, path string, h http.Header) (*http.Response, error) {
	hc := a.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.URL+path, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s%s: %w", a.URL, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s%s: %s: %s", a.URL, path, resp.Status, strings.TrimSpace(string(b)))
	}
	return resp, nil
}
