package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/internal/needtool"
)

func TestRunOutput(t *testing.T) {
	needtool.Need(t, "sleep")
	var out, errb bytes.Buffer
	if err := run(context.Background(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	line := `^(/proc lists \d+ processes; this one is "procs\.test", parent alive=true|child: pid matches exec.Cmd=true, comm "sleep", state [RSD])$`
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 || lines[0] == lines[1] {
		t.Fatalf("want the self line and the child line:\n%s", out.String())
	}
	for i, l := range lines {
		if !regexp.MustCompile(line).MatchString(l) {
			t.Errorf("line %d = %q, want match for %s", i+1, l, line)
		}
	}
}

func TestBadArgumentsExit2(t *testing.T) {
	for _, args := range [][]string{{"-x"}, {"extra"}} {
		var out, errb bytes.Buffer
		if err := run(context.Background(), args, &out, &errb); cli.Code(err) != 2 {
			t.Errorf("run %q = %v, want exit 2", args, err)
		}
	}
}
