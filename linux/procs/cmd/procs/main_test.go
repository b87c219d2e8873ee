package main

import (
	"bytes"
	"context"
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
	// Entries come in /proc order: this process first, then its younger child.
	want := `/proc lists this process as "procs.test", parent alive=true
child: pid matches exec.Cmd=true, comm "sleep", state S
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
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
