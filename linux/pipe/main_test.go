package main

import (
	"bytes"
	"context"
	"os/exec"
	"testing"
	"time"

	"example.com/cloudgo/linux/internal/cli"
	"example.com/cloudgo/linux/internal/needtool"
)

func TestRunOutput(t *testing.T) {
	needtool.Need(t, "ls", "wc", "yes", "head")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	if err := run(ctx, []string{"-n", "2"}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	want := "ls -1 | wc -l: 3\nyes | head -n 2: \"y\\ny\\n\"\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestPipelinePassesData(t *testing.T) {
	needtool.Need(t, "printf", "sort")
	got, err := pipeline(exec.Command("printf", "b\\na\\nc\\n"), exec.Command("sort"))
	if err != nil || got != "a\nb\nc\n" {
		t.Errorf("printf | sort = %q, %v", got, err)
	}
}

// Issue 13.8: the parent must not keep the pipe's read end open, or the
// producer never gets SIGPIPE and `yes | head -1` never ends.
func TestPipelineYesHeadEnds(t *testing.T) {
	needtool.Need(t, "yes", "head")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := pipeline(exec.CommandContext(ctx, "yes"), exec.CommandContext(ctx, "head", "-n", "1"))
	if err != nil || got != "y\n" {
		t.Fatalf("yes | head -n 1 = %q, %v (ctx: %v)", got, err, ctx.Err())
	}
}

func TestPipelineReportsAFailingReader(t *testing.T) {
	needtool.Need(t, "printf", "sh")
	_, err := pipeline(exec.Command("printf", "x"), exec.Command("sh", "-c", "exit 3"))
	if err == nil {
		t.Error("want the reader's exit status 3 as an error")
	}
}

func TestBadFlagValuesExit2(t *testing.T) {
	for _, args := range [][]string{{"-n", "0"}, {"-n", "-1"}, {"-n", "x"}} {
		var out, errb bytes.Buffer
		if err := run(context.Background(), args, &out, &errb); cli.Code(err) != 2 {
			t.Errorf("run %q = %v (code %d), want exit 2", args, err, cli.Code(err))
		}
	}
}
