package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"example.com/cloudgo/cloud/swarm"
	"github.com/moby/moby/api/types/container"
	swarmapi "github.com/moby/moby/api/types/swarm"
	"github.com/moby/moby/client"
)

// serviceSpec is the desired state swarm keeps true: 3 replicas of image,
// health-checked, on this node, port 8080 published on the host, the secret
// mounted, and how to roll out and back.
func serviceSpec(name, image, node, secretID string) swarmapi.ServiceSpec {
	replicas := uint64(3)
	grace := 5 * time.Second
	return swarmapi.ServiceSpec{
		Annotations: swarmapi.Annotations{Name: name},
		Mode:        swarmapi.ServiceMode{Replicated: &swarmapi.ReplicatedService{Replicas: &replicas}},
		TaskTemplate: swarmapi.TaskSpec{
			ContainerSpec: &swarmapi.ContainerSpec{
				Image: image,
				// No load balancer reads /readyz here (host-mode ports): no need to drain.
				Env: []string{"DRAIN_PERIOD=0s"},
				// A task counts as running only once this passes. Generous timeout and
				// retries: on a busy machine one check can take seconds, and a task
				// marked unhealthy fails a rolling update (which then rolls back).
				Healthcheck: &container.HealthConfig{
					Test:     []string{"CMD", "/webapp", "-healthcheck"},
					Interval: time.Second, Timeout: 5 * time.Second, Retries: 5, StartPeriod: 10 * time.Second,
				},
				StopGracePeriod: &grace,
				Secrets: []*swarmapi.SecretReference{{
					SecretID: secretID, SecretName: name + "-token",
					File: &swarmapi.SecretReferenceFileTarget{Name: "token", UID: "0", GID: "0", Mode: 0o444},
				}},
			},
			// The images exist on this engine only.
			Placement:     &swarmapi.Placement{Constraints: []string{"node.id==" + node}},
			RestartPolicy: &swarmapi.RestartPolicy{Condition: swarmapi.RestartPolicyConditionAny},
		},
		// Host mode: each task's port 8080 on a free host port (no routing mesh).
		EndpointSpec: &swarmapi.EndpointSpec{Ports: []swarmapi.PortConfig{{TargetPort: 8080, PublishMode: swarmapi.PortConfigPublishModeHost}}},
		// Two tasks at a time, 1 s apart; a task failing within 3 s of its start
		// fails the update, and the service rolls back to its previous spec.
		UpdateConfig: &swarmapi.UpdateConfig{
			Parallelism: 2, Delay: time.Second, Monitor: 3 * time.Second,
			FailureAction: swarmapi.UpdateFailureActionRollback, Order: swarmapi.UpdateOrderStopFirst,
		},
		RollbackConfig: &swarmapi.UpdateConfig{
			Parallelism: 2, Monitor: 3 * time.Second,
			FailureAction: swarmapi.UpdateFailureActionPause, Order: swarmapi.UpdateOrderStopFirst,
		},
	}
}

// exercise runs the steps on the created service id.
func exercise(ctx context.Context, d *client.Client, w io.Writer, id, secret, v1, v2, broken string, within time.Duration) error {
	if _, err := swarm.WaitRunning(ctx, d, id, v1, 3, within); err != nil {
		return err
	}
	fmt.Fprintf(w, "service created: 3 replicas of %s running (health check passing)\n", v1)

	if err := swarm.Update(ctx, d, id, func(s *swarmapi.ServiceSpec) { n := uint64(5); s.Mode.Replicated.Replicas = &n }); err != nil {
		return err
	}
	tasks, err := swarm.WaitRunning(ctx, d, id, v1, 5, within)
	if err != nil {
		return err
	}
	if err := answer(ctx, d, w, tasks, "scaled to 5"); err != nil {
		return err
	}

	inImage, err := swarm.InImage(ctx, d, v1, "/run/secrets/token")
	if err != nil {
		return err
	}
	if token, err := swarm.ReadSecret(ctx, d, tasks[0], "token"); err != nil {
		// Not fatal: only root on the engine's own host can look into a task.
		fmt.Fprintf(w, "secret %s: in the image: %v; reading it in a task needs root on the engine's host: %v\n", secret, inImage, err)
	} else {
		fmt.Fprintf(w, "secret %s: /run/secrets/token in the task holds %d bytes; in the image: %v\n", secret, len(token), inImage)
	}

	if err := rollout(ctx, d, w, id, v2, within, swarmapi.UpdateStateCompleted); err != nil {
		return err
	}
	tasks, err = swarm.WaitRunning(ctx, d, id, v2, 5, within)
	if err != nil {
		return err
	}
	if err := answer(ctx, d, w, tasks, "after the rolling update"); err != nil {
		return err
	}
	if err := rollout(ctx, d, w, id, broken, within, swarmapi.UpdateStateRollbackCompleted); err != nil {
		return err
	}
	tasks, err = swarm.WaitRunning(ctx, d, id, v2, 5, within)
	if err != nil {
		return err
	}
	return answer(ctx, d, w, tasks, "after the rollback")
}

// rollout updates the service to image and waits for the update to end in want
// (or in any other final state, which is then an error).
func rollout(ctx context.Context, d *client.Client, w io.Writer, id, image string, within time.Duration, want swarmapi.UpdateState) error {
	if err := swarm.Update(ctx, d, id, func(s *swarmapi.ServiceSpec) { s.TaskTemplate.ContainerSpec.Image = image }); err != nil {
		return err
	}
	st, fewest, err := swarm.WaitUpdate(ctx, d, id, within, swarmapi.UpdateStateCompleted, swarmapi.UpdateStatePaused,
		swarmapi.UpdateStateRollbackCompleted, swarmapi.UpdateStateRollbackPaused)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "update to %s: %s (%s); at least %d tasks running throughout\n", image, st.State, st.Message, fewest)
	if st.State != want {
		return fmt.Errorf("update to %s ended %s, want %s", image, st.State, want)
	}
	return nil
}

// answer prints what the tasks answer on GET /, once per distinct answer.
func answer(ctx context.Context, d *client.Client, w io.Writer, tasks []swarm.Task, when string) error {
	seen := map[string]int{}
	var order []string
	for _, t := range tasks {
		body, err := swarm.Get(ctx, d, t)
		if err != nil {
			return err
		}
		if seen[body] == 0 {
			order = append(order, body)
		}
		seen[body]++
	}
	for _, b := range order {
		fmt.Fprintf(w, "%s: %d of %d tasks (%s) answer %q\n", when, seen[b], len(tasks), tasks[0].Image, b)
	}
	return nil
}
