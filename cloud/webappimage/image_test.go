// Package webappimage builds the webapp's container image from its Dockerfile
// (../webapp, a module of its own) and checks the running container over HTTP.
package webappimage

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestImage(t *testing.T) {
	// The image builds FROM pins.Golang and runs on pins.Distroless (TestPinsAgree
	// holds the Dockerfile to them). The container is the test's own: it stops it.
	c := kit.Own(t, pins.Distroless, nil, func(ctx context.Context) (*testcontainers.DockerContainer, error) {
		return testcontainers.Run(ctx, "",
			testcontainers.WithDockerfile(testcontainers.FromDockerfile{
				Context: "../webapp", Dockerfile: "Dockerfile",
				Repo: "cloudgo-webapp", Tag: "test", KeepImage: false,
			}),
			testcontainers.WithEnv(map[string]string{"GREETING": "Hello from a container!", "DRAIN_PERIOD": "1s"}),
			testcontainers.WithExposedPorts("8080/tcp"),
			testcontainers.WithWaitStrategy(wait.ForHTTP("/healthz").WithPort("8080/tcp")),
		)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	url, err := c.PortEndpoint(ctx, "8080/tcp", "http")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"/": "Hello from a container!\n", "/healthz": `{"status":"ok"}` + "\n"} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, resp.StatusCode, b, want)
		}
	}

	info, err := c.Inspect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u := info.Config.User; u != "nonroot:nonroot" {
		t.Errorf("image runs as %q, want nonroot:nonroot", u)
	}
	// Docker's HEALTHCHECK (the binary probing itself) turns the container healthy.
	deadline := time.Now().Add(30 * time.Second)
	for {
		info, err = c.Inspect(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if info.State.Health != nil && info.State.Health.Status == "healthy" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("container not healthy after 30s: %+v", info.State.Health)
		}
		time.Sleep(time.Second)
	}

	// SIGTERM (docker stop) drains, then shuts the server down cleanly: exit code 0,
	// "draining" and "stopped" logged.
	timeout := 10 * time.Second
	if err := c.Stop(ctx, &timeout); err != nil {
		t.Fatal(err)
	}
	info, err = c.Inspect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	logs, err := c.Logs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(logs)
	if info.State.ExitCode != 0 || !strings.Contains(string(b), `"msg":"draining"`) || !strings.Contains(string(b), `"msg":"stopped"`) {
		t.Errorf("after docker stop: exit %d, logs:\n%s", info.State.ExitCode, b)
	}
}
