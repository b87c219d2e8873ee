// Package swarm drives Docker's built-in cluster manager, Swarm mode, through the
// Docker Engine API (github.com/moby/moby/client): a single-node swarm on the
// local engine, a replicated service with a health check, scaling, rolling
// updates with automatic rollback, and secrets. Every wait polls with a deadline.
package swarm

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"slices"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/api/types/swarm"
	"github.com/moby/moby/client"
)

// Joined is the local engine's place in a swarm, and how to undo it.
type Joined struct {
	NodeID  string
	Created bool // we initialized the swarm: Leave will take the engine out of it again
	gwb     bool // ... and docker_gwbridge, which swarm init creates and leaving keeps
}

// Join makes sure the local engine is a swarm manager: it initializes a
// single-node swarm if the engine is in none. An engine that is already a
// manager is used as it is (and never left); a worker or a locked node is an error.
func Join(ctx context.Context, d *client.Client) (Joined, error) {
	info, err := d.Info(ctx, client.InfoOptions{})
	if err != nil {
		return Joined{}, fmt.Errorf("docker info: %w", err)
	}
	s := info.Info.Swarm
	switch {
	case s.LocalNodeState == swarm.LocalNodeStateActive && s.ControlAvailable:
		return Joined{NodeID: s.NodeID}, nil
	case s.LocalNodeState != swarm.LocalNodeStateInactive:
		return Joined{}, fmt.Errorf("this engine is a swarm %s node (state %s): it needs to be a manager or in no swarm", map[bool]string{true: "manager", false: "worker"}[s.ControlAvailable], s.LocalNodeState)
	}
	_, gwbErr := d.NetworkInspect(ctx, "docker_gwbridge", client.NetworkInspectOptions{})
	// Loopback: a one-node swarm that no other machine can join.
	res, err := d.SwarmInit(ctx, client.SwarmInitOptions{ListenAddr: "127.0.0.1:0", AdvertiseAddr: "127.0.0.1"})
	if err != nil {
		return Joined{}, fmt.Errorf("swarm init: %w", err)
	}
	return Joined{NodeID: res.NodeID, Created: true, gwb: gwbErr != nil}, nil
}

// Leave takes the engine out of the swarm if Join created it, and removes the
// docker_gwbridge network swarm init created; otherwise it does nothing.
func (j Joined) Leave(ctx context.Context, d *client.Client) error {
	if !j.Created {
		return nil
	}
	if _, err := d.SwarmLeave(ctx, client.SwarmLeaveOptions{Force: true}); err != nil {
		return fmt.Errorf("swarm leave: %w", err)
	}
	if j.gwb {
		if _, err := d.NetworkRemove(ctx, "docker_gwbridge", client.NetworkRemoveOptions{}); err != nil {
			return fmt.Errorf("remove docker_gwbridge: %w", err)
		}
	}
	return nil
}

// BuildFrom builds a one-line variant of image: a Dockerfile "FROM image" plus
// lines, tagged tag.
func BuildFrom(ctx context.Context, d *client.Client, image, tag string, lines ...string) error {
	df := "FROM " + image + "\n"
	for _, l := range lines {
		df += l + "\n"
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(df))})
	tw.Write([]byte(df))
	tw.Close()
	res, err := d.ImageBuild(ctx, &buf, client.ImageBuildOptions{Tags: []string{tag}, Remove: true, ForceRemove: true})
	if err != nil {
		return fmt.Errorf("build %s: %w", tag, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if bytes.Contains(b, []byte(`"errorDetail"`)) {
		return fmt.Errorf("build %s: %s", tag, b)
	}
	return nil
}

// Update changes the service's spec with change and sends it with the version it
// read, so a concurrent change is refused instead of lost.
func Update(ctx context.Context, d *client.Client, id string, change func(*swarm.ServiceSpec)) error {
	s, err := d.ServiceInspect(ctx, id, client.ServiceInspectOptions{})
	if err != nil {
		return fmt.Errorf("inspect service %s: %w", id, err)
	}
	spec := s.Service.Spec
	change(&spec)
	if _, err := d.ServiceUpdate(ctx, id, client.ServiceUpdateOptions{Version: s.Service.Version, Spec: spec}); err != nil {
		return fmt.Errorf("update service %s: %w", id, err)
	}
	return nil
}

// Task is a running task: the container swarm started for one replica.
type Task struct {
	ID, Image, ContainerID string
	Slot                   int
}

// Running lists the service's tasks that are running and meant to be.
func Running(ctx context.Context, d *client.Client, service string) ([]Task, error) {
	res, err := d.TaskList(ctx, client.TaskListOptions{Filters: make(client.Filters).Add("service", service).Add("desired-state", "running")})
	if err != nil {
		return nil, fmt.Errorf("list tasks of %s: %w", service, err)
	}
	var out []Task
	for _, t := range res.Items {
		if t.Status.State == swarm.TaskStateRunning && t.Status.ContainerStatus != nil {
			out = append(out, Task{ID: t.ID, Image: t.Spec.ContainerSpec.Image, ContainerID: t.Status.ContainerStatus.ContainerID, Slot: t.Slot})
		}
	}
	slices.SortFunc(out, func(a, b Task) int { return a.Slot - b.Slot })
	return out, nil
}

// WaitRunning waits until exactly n tasks of the service run, all of image.
func WaitRunning(ctx context.Context, d *client.Client, service, image string, n int, within time.Duration) ([]Task, error) {
	var tasks []Task
	err := poll(ctx, within, func() (bool, error) {
		var err error
		tasks, err = Running(ctx, d, service)
		return len(tasks) == n && !slices.ContainsFunc(tasks, func(t Task) bool { return t.Image != image }), err
	})
	if err != nil {
		return tasks, fmt.Errorf("service %s: waiting for %d running tasks of %s (%d now): %w", service, n, image, len(tasks), err)
	}
	return tasks, nil
}

// WaitUpdate waits until the service's update state is one of states, and
// returns the status and the fewest running tasks it saw meanwhile (how many
// replicas kept serving while the update replaced the others).
func WaitUpdate(ctx context.Context, d *client.Client, service string, within time.Duration, states ...swarm.UpdateState) (swarm.UpdateStatus, int, error) {
	var st swarm.UpdateStatus
	fewest := -1
	err := poll(ctx, within, func() (bool, error) {
		tasks, err := Running(ctx, d, service)
		if err != nil {
			return false, err
		}
		if fewest < 0 || len(tasks) < fewest {
			fewest = len(tasks)
		}
		s, err := d.ServiceInspect(ctx, service, client.ServiceInspectOptions{})
		if err != nil || s.Service.UpdateStatus == nil {
			return false, err
		}
		st = *s.Service.UpdateStatus
		return slices.Contains(states, st.State), nil
	})
	if err != nil {
		return st, fewest, fmt.Errorf("service %s: waiting for update state %v (now %q %s): %w", service, states, st.State, st.Message, err)
	}
	return st, fewest, nil
}

// WaitGone waits until no container of the service is left on the engine.
func WaitGone(ctx context.Context, d *client.Client, service string, within time.Duration) error {
	return poll(ctx, within, func() (bool, error) {
		res, err := d.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: make(client.Filters).Add("label", "com.docker.swarm.service.id="+service)})
		return err == nil && len(res.Items) == 0, err
	})
}

// Get answers GET / of the task's container on its published port 8080.
func Get(ctx context.Context, d *client.Client, t Task) (string, error) {
	c, err := d.ContainerInspect(ctx, t.ContainerID, client.ContainerInspectOptions{})
	if err != nil {
		return "", fmt.Errorf("inspect container of task %s: %w", t.ID, err)
	}
	for p, bs := range c.Container.NetworkSettings.Ports {
		if p.Num() == 8080 && len(bs) > 0 {
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+bs[0].HostPort+"/", nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return "", fmt.Errorf("task %s: %w", t.ID, err)
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			return string(bytes.TrimSpace(b)), err
		}
	}
	return "", fmt.Errorf("task %s: port 8080 not published", t.ID)
}

// ReadSecret reads /run/secrets/name as the task's container sees it, through
// /proc/<pid>/root on the engine's host (it needs root there; the image has no
// shell to exec `cat` with).
func ReadSecret(ctx context.Context, d *client.Client, t Task, name string) ([]byte, error) {
	c, err := d.ContainerInspect(ctx, t.ContainerID, client.ContainerInspectOptions{})
	if err != nil {
		return nil, fmt.Errorf("inspect container of task %s: %w", t.ID, err)
	}
	return os.ReadFile(fmt.Sprintf("/proc/%d/root%s", c.Container.State.Pid, path.Join("/run/secrets", name)))
}

// InImage tells whether file exists in image: it creates a container of it
// (never started) and asks the engine for the path.
func InImage(ctx context.Context, d *client.Client, image, file string) (bool, error) {
	c, err := d.ContainerCreate(ctx, client.ContainerCreateOptions{Image: image})
	if err != nil {
		return false, fmt.Errorf("create a container of %s: %w", image, err)
	}
	defer d.ContainerRemove(context.WithoutCancel(ctx), c.ID, client.ContainerRemoveOptions{Force: true})
	_, err = d.ContainerStatPath(ctx, c.ID, client.ContainerStatPathOptions{Path: file})
	if err != nil && !cerrdefs.IsNotFound(err) {
		return false, err
	}
	return err == nil, nil
}

func poll(ctx context.Context, within time.Duration, done func() (bool, error)) error {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, err := done()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.Join(ctx.Err(), err)
		case <-tick.C:
		}
	}
}
