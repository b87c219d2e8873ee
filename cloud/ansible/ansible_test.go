// Package ansible holds the Python original's nginx playbook, done properly. The tests run
// ansible-playbook against a Debian container, through Ansible's docker connection
// (docker exec), the way it would run against a server over SSH.
package ansible

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
	tcexec "github.com/testcontainers/testcontainers-go/exec"
	"github.com/testcontainers/testcontainers-go/wait"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// ansiblePlaybook finds the command, or skips (fails under CLOUDGO_REQUIRE_SERVICES=1).
func ansiblePlaybook(t *testing.T) string {
	t.Helper()
	return kit.Tool(t, "ansible-playbook", "ansible")
}

func TestSyntax(t *testing.T) {
	out, err := exec.Command(ansiblePlaybook(t), "--syntax-check", "-i", "hosts.ini", "nginx_playbook.yml").CombinedOutput()
	if err != nil {
		t.Fatalf("syntax check: %v\n%s", err, out)
	}
}

// target starts a bare Debian container (the pinned Debian image plus python3,
// built from testdata/target/Dockerfile) for the playbook to manage, with nginx's
// port published. It is the test's own: the playbook changes it.
func target(t *testing.T) (testcontainers.Container, string) {
	t.Helper()
	c := kit.Own(t, pins.Debian, nil, func(ctx context.Context) (*testcontainers.DockerContainer, error) {
		return testcontainers.Run(ctx, "",
			testcontainers.WithDockerfile(testcontainers.FromDockerfile{Context: "testdata/target", KeepImage: true,
				Repo: "cloudgo-ansible-target", Tag: "latest"}),
			testcontainers.WithExposedPorts("80/tcp"),
			testcontainers.WithWaitStrategy(wait.ForExec([]string{"python3", "--version"})),
		)
	})
	return c, c.GetContainerID()
}

var recap = regexp.MustCompile(`target\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)`)

// play runs the playbook against the container and returns the recap's changed
// count and the whole output.
func play(t *testing.T, id string, extra ...string) (changed int, out string, err error) {
	t.Helper()
	inv := filepath.Join(t.TempDir(), "hosts.ini")
	// As root in the container there is nothing to become (and no sudo).
	line := fmt.Sprintf("[webservers]\ntarget ansible_connection=community.docker.docker ansible_host=%s ansible_become=false ansible_python_interpreter=/usr/bin/python3\n", id)
	if err := os.WriteFile(inv, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, ansiblePlaybook(t), append([]string{"-i", inv, "nginx_playbook.yml"}, extra...)...)
	cmd.Env = append(os.Environ(), "ANSIBLE_NOCOLOR=1", "ANSIBLE_FORCE_COLOR=0",
		"ANSIBLE_PIPELINING=True") // fewer docker exec round trips per task
	// On timeout ansible-playbook is killed, but its docker exec children may keep the
	// output pipe open: stop waiting for them too, instead of hanging the test.
	cmd.WaitDelay = 10 * time.Second
	b, err := cmd.CombinedOutput()
	m := recap.FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("no PLAY RECAP for target (%v):\n%s", err, b)
	}
	changed, _ = strconv.Atoi(m[2])
	return changed, string(b), err
}

func get(t *testing.T, c testcontainers.Container) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	url, err := c.PortEndpoint(ctx, "80/tcp", "http")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func sh(t *testing.T, c testcontainers.Container, cmd string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code, r, err := c.Exec(ctx, []string{"sh", "-c", cmd}, tcexec.Multiplexed())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	if code != 0 {
		t.Fatalf("%s: exit %d\n%s", cmd, code, b)
	}
	return string(b)
}

// TestPlaybook: the first run installs and configures nginx, which then serves the
// page; the second run changes nothing (and so reloads nothing); a change of a
// variable reloads nginx (same master process, new config); a broken
// configuration is refused by `nginx -t` and the running one stays.
func TestPlaybook(t *testing.T) {
	ansiblePlaybook(t)
	c, id := target(t)

	changed, out, err := play(t, id)
	if err != nil || changed == 0 {
		t.Fatalf("first run: changed=%d, %v\n%s", changed, err, out)
	}
	if !strings.Contains(out, "RUNNING HANDLER [Reload nginx]") {
		t.Errorf("first run did not reload nginx after writing its config:\n%s", out)
	}
	if code, body := get(t, c); code != 200 || !strings.Contains(body, "Deployed by Ansible on target") {
		t.Fatalf("GET / after the first run: %d %q", code, body)
	}
	pid := sh(t, c, "cat /run/nginx.pid")

	changed, out, err = play(t, id)
	if err != nil || changed != 0 {
		t.Fatalf("second run: changed=%d, want 0 (idempotent), %v\n%s", changed, err, out)
	}
	if strings.Contains(out, "RUNNING HANDLER") {
		t.Errorf("second run ran a handler although nothing changed:\n%s", out)
	}

	changed, out, err = play(t, id, "-e", "nginx_worker_connections=1024")
	// Two changes: the template, and the handler it notified.
	if err != nil || changed != 2 || !strings.Contains(out, "RUNNING HANDLER [Reload nginx]") {
		t.Fatalf("config change: changed=%d, %v; want the template and the reload\n%s", changed, err, out)
	}
	if got := sh(t, c, "cat /run/nginx.pid"); got != pid {
		t.Errorf("nginx master PID %s → %s: it was restarted, not reloaded", pid, got)
	}
	if conf := sh(t, c, "cat /etc/nginx/nginx.conf"); !strings.Contains(conf, "worker_connections 1024;") {
		t.Errorf("nginx.conf does not have the new value:\n%s", conf)
	}

	// A value nginx rejects: the template task fails validation, nothing is replaced.
	_, out, err = play(t, id, "-e", "nginx_worker_connections=lots")
	if err == nil || !strings.Contains(out, "failed to validate") {
		t.Fatalf("broken config: want a validation failure, got %v\n%s", err, out)
	}
	if conf := sh(t, c, "cat /etc/nginx/nginx.conf"); !strings.Contains(conf, "worker_connections 1024;") {
		t.Errorf("the broken config replaced the good one:\n%s", conf)
	}
	if code, _ := get(t, c); code != 200 {
		t.Errorf("nginx stopped serving after the refused change: %d", code)
	}
}
