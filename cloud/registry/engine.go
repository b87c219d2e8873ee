package registry

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/jsonstream"
	"github.com/moby/moby/api/types/network"
	"github.com/moby/moby/client"
)

// Build builds the Dockerfile in dir (the whole folder is the build context)
// and tags the image tag. It returns the image ID.
func Build(ctx context.Context, d *client.Client, dir, tag string) (string, error) {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(tarDir(pw, dir)) }()
	defer pr.Close()
	res, err := d.ImageBuild(ctx, pr, client.ImageBuildOptions{Tags: []string{tag}, Remove: true, ForceRemove: true})
	if err != nil {
		return "", fmt.Errorf("build %s: %w", dir, err)
	}
	defer res.Body.Close()
	var id string
	err = messages(json.NewDecoder(res.Body), func(m jsonstream.Message) {
		var aux struct{ ID string }
		if m.Aux != nil && json.Unmarshal(*m.Aux, &aux) == nil && aux.ID != "" {
			id = aux.ID
		}
	})
	if err != nil {
		return "", fmt.Errorf("build %s: %w", dir, err)
	}
	return id, nil
}

// Push pushes ref (registry/repo:tag) and returns the manifest digest the
// engine reports: what the registry stored, and what ref@digest pulls.
func Push(ctx context.Context, d *client.Client, ref string) (string, error) {
	// A registry without authentication: the engine still wants the header.
	res, err := d.ImagePush(ctx, ref, client.ImagePushOptions{RegistryAuth: "e30="}) // base64("{}")
	if err != nil {
		return "", fmt.Errorf("push %s: %w", ref, err)
	}
	defer res.Close()
	var digest string
	err = messages(json.NewDecoder(res), func(m jsonstream.Message) {
		var aux struct{ Digest string }
		if m.Aux != nil && json.Unmarshal(*m.Aux, &aux) == nil && aux.Digest != "" {
			digest = aux.Digest
		}
	})
	if err == nil && digest == "" {
		err = errors.New("the engine reported no digest")
	}
	if err != nil {
		return "", fmt.Errorf("push %s: %w", ref, err)
	}
	return digest, nil
}

// Pull pulls ref (by tag or digest) and returns the digest the engine reports.
func Pull(ctx context.Context, d *client.Client, ref string) (string, error) {
	res, err := d.ImagePull(ctx, ref, client.ImagePullOptions{RegistryAuth: "e30="})
	if err != nil {
		return "", fmt.Errorf("pull %s: %w", ref, err)
	}
	defer res.Close()
	var digest string
	err = messages(json.NewDecoder(res), func(m jsonstream.Message) {
		if s, ok := strings.CutPrefix(m.Status, "Digest: "); ok {
			digest = s
		}
	})
	if err != nil {
		return "", fmt.Errorf("pull %s: %w", ref, err)
	}
	return digest, nil
}

// Remove removes the image reference ref (the image itself goes with its last
// reference).
func Remove(ctx context.Context, d *client.Client, ref string) error {
	if _, err := d.ImageRemove(ctx, ref, client.ImageRemoveOptions{}); err != nil {
		return fmt.Errorf("remove image %s: %w", ref, err)
	}
	return nil
}

// Serve runs image with env, its port 8080 published on 127.0.0.1, waits up to
// a minute for GET / to answer 200 and returns the body; the container is
// removed before Serve returns.
func Serve(ctx context.Context, d *client.Client, image string, env []string) (string, error) {
	port := network.MustParsePort("8080/tcp")
	c, err := d.ContainerCreate(ctx, client.ContainerCreateOptions{
		Image:  image,
		Config: &container.Config{Env: env, ExposedPorts: network.PortSet{port: {}}},
		HostConfig: &container.HostConfig{PortBindings: network.PortMap{
			port: {{HostIP: netip.MustParseAddr("127.0.0.1")}}, // any free host port
		}},
	})
	if err != nil {
		return "", fmt.Errorf("create a container of %s: %w", image, err)
	}
	defer d.ContainerRemove(context.WithoutCancel(ctx), c.ID, client.ContainerRemoveOptions{Force: true})
	if _, err := d.ContainerStart(ctx, c.ID, client.ContainerStartOptions{}); err != nil {
		return "", fmt.Errorf("start a container of %s: %w", image, err)
	}
	info, err := d.ContainerInspect(ctx, c.ID, client.ContainerInspectOptions{})
	if err != nil {
		return "", err
	}
	b := info.Container.NetworkSettings.Ports[port]
	if len(b) == 0 {
		return "", fmt.Errorf("container of %s: port 8080 not published", image)
	}
	url := "http://127.0.0.1:" + b[0].HostPort + "/"
	hc := &http.Client{Timeout: 2 * time.Second}
	var last error
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := hc.Get(url)
		if err != nil {
			last = err
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode == http.StatusOK {
			return string(body), nil
		}
		last = fmt.Errorf("%s: %v", resp.Status, err)
	}
	return "", fmt.Errorf("GET %s of the container of %s: %w", url, image, last)
}

// messages reads the engine's JSON message stream, handing each to f, and
// returns the first error message in it.
func messages(dec *json.Decoder, f func(jsonstream.Message)) error {
	for {
		var m jsonstream.Message
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
		if m.Error != nil {
			return errors.New(m.Error.Message)
		}
		f(m)
	}
}

// tarDir writes the folder dir as a tar archive: a build context.
func tarDir(w io.Writer, dir string) error {
	tw := tar.NewWriter(w)
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() && !info.IsDir() {
			return nil
		}
		h, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		h.Name = filepath.ToSlash(rel)
		if err := tw.WriteHeader(h); err != nil || info.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
	if err != nil {
		return err
	}
	return tw.Close()
}
