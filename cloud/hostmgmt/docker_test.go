package hostmgmt

import (
	"context"
	"os"
	"testing"
	"time"

	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/pins"
	"github.com/testcontainers/testcontainers-go"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// instanceImage is any small pinned image that keeps running.
const instanceImage = pins.Redis

// TestDocker runs the manager for real against the local engine: three containers
// are the "instances", their labels the tags.
func TestDocker(t *testing.T) {
	fleet := kit.Name(t, "", "-", 40) // no other test's containers match
	names := map[string]string{}      // name → role
	for _, n := range []struct{ name, role string }{{"web-1", "web"}, {"web-2", "web"}, {"db-1", "db"}} {
		name := fleet + "-" + n.name
		// Containers of the test's own: it stops and starts them.
		kit.Own(t, instanceImage, nil, func(ctx context.Context) (*testcontainers.DockerContainer, error) {
			return testcontainers.Run(ctx, instanceImage,
				testcontainers.WithName(name),
				testcontainers.WithLabels(map[string]string{"fleet": fleet, "role": n.role}))
		})
		names[name] = n.role
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	d, err := NewDocker()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.StopTimeout = 2

	byName := func(tags map[string]string) map[string]Instance {
		t.Helper()
		list, err := d.Describe(ctx, tags)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]Instance{}
		for _, in := range list {
			m[in.Name] = in
		}
		return m
	}

	all := byName(map[string]string{"fleet": fleet})
	if len(all) != 3 {
		t.Fatalf("fleet has %d instances, want 3: %v", len(all), all)
	}
	for name, in := range all {
		if in.State != "running" || in.Tags["role"] != names[name] || in.Type != instanceImage {
			t.Errorf("%s: %+v", name, in)
		}
	}
	web := byName(map[string]string{"fleet": fleet, "role": "web"})
	if len(web) != 2 {
		t.Errorf("role=web matched %d instances, want 2", len(web))
	}

	web1 := all[fleet+"-web-1"].ID
	if err := d.Stop(ctx, web1); err != nil {
		t.Fatal(err)
	}
	if st := byName(map[string]string{"fleet": fleet})[fleet+"-web-1"].State; st != "stopped" {
		t.Errorf("after stop: %s", st)
	}
	if st := byName(map[string]string{"fleet": fleet})[fleet+"-web-2"].State; st != "running" {
		t.Errorf("web-2 was affected by stopping web-1: %s", st)
	}
	if err := d.Start(ctx, web1); err != nil {
		t.Fatal(err)
	}
	if st := byName(map[string]string{"fleet": fleet})[fleet+"-web-1"].State; st != "running" {
		t.Errorf("after start: %s", st)
	}
	if err := d.Stop(ctx, "no-such-instance"); err == nil {
		t.Error("stopping an unknown instance succeeded")
	}
}

func TestParseTags(t *testing.T) {
	if m, err := ParseTags([]string{"env=prod", "team=a=b"}); err != nil || m["env"] != "prod" || m["team"] != "a=b" {
		t.Errorf("%v %v", m, err)
	}
	for _, bad := range []string{"env", "=prod"} {
		if _, err := ParseTags([]string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
