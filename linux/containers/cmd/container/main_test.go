package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"example.com/cloudgo/linux/internal/cli"
)

func TestBadFlagValues(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-memory-mib", "4"}, "-memory-mib must be 0 or 8 to 1048576, got 4"},
		{[]string{"-memory-mib", "-1"}, "-memory-mib must be 0 or 8 to 1048576, got -1"},
		{[]string{"-cpus", "-0.5"}, "-cpus must be 0 or 0.01 to 1024, got -0.5"},
		{[]string{"-cpus", "2000"}, "-cpus must be 0 or 0.01 to 1024, got 2000"},
		{[]string{"-hostname", ""}, "-hostname must be 1 to 64 bytes"},
		{[]string{"-memory", "1"}, "flag provided but not defined: -memory"},
		{[]string{"burn", "-for", "0s"}, "-for must be above 0 and at most 1m, got 0s"},
		{[]string{"alloc", "-mib", "0"}, "-mib must be 1 to 1048576, got 0"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), c.args, &stdout, &stderr)
		if cli.Code(err) != 2 || !strings.Contains(errString(err)+stderr.String(), c.want) || stdout.Len() > 0 {
			t.Errorf("container %q: %v (exit %d), stderr %q, want exit 2 saying %q", c.args, err, cli.Code(err), stderr.String(), c.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
