package cli_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestProgramsRejectBadFlags builds every program of the topic and runs each with
// flag values it must refuse: exit status 2 and a message naming the flag, before
// any network call (the addresses in the environment would not answer), never a
// panic or a hang.
func TestProgramsRejectBadFlags(t *testing.T) {
	// Every program of the topic: a new one is covered without being listed.
	var pkgs, cassandra, redis []string
	mains, err := filepath.Glob("../../*/*/main.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mains {
		dir := filepath.Dir(m)
		service, program := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		pkgs = append(pkgs, "./"+service+"/"+program)
		switch service {
		case "cassandra":
			cassandra = append(cassandra, program)
		case "redis":
			redis = append(redis, program)
		default:
			t.Errorf("%s: a program of an unknown service; give it its bad flag values here", m)
		}
	}
	if len(cassandra) < 7 || len(redis) < 9 {
		t.Fatalf("found only %v and %v", cassandra, redis)
	}
	bin := build(t, pkgs...)

	type badFlag struct {
		args []string
		want string // in the message on stderr
	}
	common := []badFlag{
		{[]string{"-timeout", "0s"}, "-timeout must be positive"},
		{[]string{"-timeout", "-1m"}, "-timeout must be positive"},
		{[]string{"-timeout", "10"}, "invalid value"}, // a duration needs a unit
		{[]string{"-nosuchflag"}, "not defined"},
	}
	cql := append([]badFlag{
		{[]string{"-keyspace", "x; DROP KEYSPACE system"}, "-keyspace"},
		{[]string{"-keyspace", "1abc"}, "-keyspace"},
		{[]string{"-keyspace", strings.Repeat("k", 49)}, "-keyspace"},
		{[]string{"-hosts", ""}, "-hosts"},
		{[]string{"-hosts", "127.0.0.1:9042,"}, "-hosts"},
	}, common...)
	red := append([]badFlag{
		{[]string{"-addr", "redis://host:notaport/0"}, "-addr"},
		{[]string{"-prefix", ""}, "-prefix must not be empty"},
	}, common...)
	cases := map[string][]badFlag{
		"pipeline": append([]badFlag{
			{[]string{"-n", "0"}, "-n must be"},
			{[]string{"-n", "-5"}, "-n must be"},
			{[]string{"-n", "100000000"}, "-n must be"},
			{[]string{"-n", "many"}, "invalid value"},
		}, red...),
	}
	for _, p := range cassandra {
		cases[p] = cql
	}
	for _, p := range redis {
		if cases[p] == nil {
			cases[p] = red
		}
	}
	for program, bad := range cases {
		for _, c := range bad {
			t.Run(program+" "+strings.Join(c.args, " "), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				cmd := exec.CommandContext(ctx, filepath.Join(bin, program), c.args...)
				cmd.Env = append(cmd.Environ(), "REDIS_URL=127.0.0.1:1", "CASSANDRA_HOSTS=127.0.0.1:1")
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != 2 {
					t.Fatalf("%v: want exit status 2\nstderr: %s", err, stderr.String())
				}
				if !strings.Contains(stderr.String(), c.want) || strings.Contains(stderr.String(), "panic") {
					t.Errorf("stderr does not say %q:\n%s", c.want, stderr.String())
				}
				if stdout.Len() > 0 {
					t.Errorf("printed on stdout before refusing: %s", stdout.String())
				}
			})
		}
	}
}

// build compiles the packages into a temporary directory, one binary per program.
func build(t *testing.T, pkgs ...string) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", append([]string{"build", "-o", dir + "/"}, pkgs...)...)
	cmd.Dir = "../.." // the module root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}
