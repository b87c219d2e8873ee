package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/registry"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/registrytest"
	"github.com/moby/moby/client"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// The webapp image goes through a real registry:2 and back: the digest the
// engine pushed is the one the registry serves (sha256 of the manifest bytes)
// and the one pulled, and the image pulled by digest runs.
func TestShipWebappImage(t *testing.T) {
	kit.RequireDocker(t)
	addr := registrytest.Addr(t)
	repo := "cloudgo/" + kit.Name(t, "webapp", "-", 60)
	d, err := client.New(client.FromEnv)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	t.Cleanup(func() { d.ImageRemove(context.Background(), repo+":v1", client.ImageRemoveOptions{}) })

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err = run(ctx, []string{"-registry", addr, "-context", "../../../webapp", "-repo", repo, "-tag", "v1"}, &stdout, &stderr)
	out := stdout.String()
	if err != nil {
		t.Fatalf("run: %v\n%s%s", err, out, stderr.String())
	}
	pushed := regexp.MustCompile(`pushed \S+: digest (sha256:[0-9a-f]{64})\n`).FindStringSubmatch(out)
	pulled := regexp.MustCompile(`pulled \S+@(sha256:[0-9a-f]{64}): digest (sha256:[0-9a-f]{64})\n`).FindStringSubmatch(out)
	if pushed == nil || pulled == nil || pulled[1] != pushed[1] || pulled[2] != pushed[1] {
		t.Fatalf("pushed %q, pulled %q: want the same digest\n%s", pushed, pulled, out)
	}
	for _, want := range []string{
		"GET /v2/" + repo + "/tags/list: v1\n",
		"application/vnd.docker.distribution.manifest.v2+json",
		`ran it: GET / answered "Hello from ` + addr + "/" + repo + "@" + pushed[1] + `"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Independently of the program: the registry serves that manifest by digest.
	m, err := registry.API{URL: "http://" + addr}.Manifest(ctx, repo, pushed[1])
	if err != nil || m.Digest != pushed[1] {
		t.Errorf("GET manifest by digest: %v, %v", m.Digest, err)
	}
	// Without the Accept header the registry answers something else: distribution
	// 2.x converts to the old signed schema 1 (another digest), 3.x refuses (404).
	resp, err := http.Get("http://" + addr + "/v2/" + repo + "/manifests/v1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK && (resp.Header.Get("Docker-Content-Digest") == pushed[1] || resp.Header.Get("Content-Type") == m.MediaType) {
		t.Errorf("GET manifest without Accept: %s %s %s, want another format than the pushed %s", resp.Status, resp.Header.Get("Content-Type"), resp.Header.Get("Docker-Content-Digest"), m.MediaType)
	}
	t.Logf("without Accept: %s, %s", resp.Status, resp.Header.Get("Content-Type"))
	// The program removed what it pulled: only the local build tag is left.
	if _, err := d.ImageInspect(ctx, addr+"/"+repo+"@"+pushed[1]); err == nil {
		t.Errorf("%s@%s still on the engine", repo, pushed[1])
	}
}

func TestRegistryUnreachable(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-registry", "127.0.0.1:1"}, &stdout, &stderr)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "no registry at 127.0.0.1:1 (start it with `make up`)") {
		t.Errorf("unreachable registry: %v (exit %d), want exit 1 naming the address", err, cli.Code(err))
	}
}

func TestBadFlagValues(t *testing.T) {
	for _, args := range [][]string{
		{"-timeout", "0s"}, {"-repo", "Cloudgo/Webapp"}, {"-repo", "a:b"}, {"-tag", ""}, {"-tag", "a/b"}, {"extra"}, {"-nosuch"},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); cli.Code(err) != 2 {
			t.Errorf("registry %q: %v (exit %d), want exit 2", args, err, cli.Code(err))
		}
	}
}
