package hostmgmt

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
)

// Docker manages containers as instances through the Docker Engine API.
type Docker struct {
	c *client.Client
	// StopTimeout is how long a container gets between SIGTERM and SIGKILL, in
	// seconds (like EC2's stop, which shuts the OS down cleanly first).
	StopTimeout int
}

// NewDocker connects to the engine named by DOCKER_HOST (default: the local socket).
func NewDocker() (*Docker, error) {
	c, err := client.New(client.FromEnv)
	if err != nil {
		return nil, fmt.Errorf("docker client: %w", err)
	}
	return &Docker{c: c, StopTimeout: 10}, nil
}

// Close releases the client's connections.
func (d *Docker) Close() error { return d.c.Close() }

// dockerState maps container states onto EC2's instance states.
var dockerState = map[container.ContainerState]string{
	container.StateCreated:    "stopped",
	container.StateRunning:    "running",
	container.StatePaused:     "stopped",
	container.StateRestarting: "pending",
	container.StateRemoving:   "shutting-down",
	container.StateExited:     "stopped",
	container.StateDead:       "terminated",
}

func (d *Docker) Describe(ctx context.Context, tags map[string]string) ([]Instance, error) {
	f := client.Filters{}
	for k, v := range tags {
		f.Add("label", k+"="+v) // the engine ANDs label filters, as EC2 does tag filters
	}
	res, err := d.c.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		return nil, fmt.Errorf("list containers: %w", err)
	}
	out := make([]Instance, 0, len(res.Items))
	for _, s := range res.Items {
		in := Instance{ID: s.ID[:min(12, len(s.ID))], State: dockerState[s.State], Type: s.Image, Tags: s.Labels}
		if len(s.Names) > 0 {
			in.Name = strings.TrimPrefix(s.Names[0], "/")
		}
		out = append(out, in)
	}
	return out, nil
}

func (d *Docker) Start(ctx context.Context, ids ...string) error {
	var errs []error
	for _, id := range ids {
		if _, err := d.c.ContainerStart(ctx, id, client.ContainerStartOptions{}); err != nil {
			errs = append(errs, fmt.Errorf("start %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

func (d *Docker) Stop(ctx context.Context, ids ...string) error {
	var errs []error
	for _, id := range ids {
		if _, err := d.c.ContainerStop(ctx, id, client.ContainerStopOptions{Timeout: &d.StopTimeout}); err != nil {
			errs = append(errs, fmt.Errorf("stop %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}
