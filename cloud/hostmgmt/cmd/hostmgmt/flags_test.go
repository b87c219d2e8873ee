package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"example.com/cloudgo/cloud/internal/cli"
)

// TestBadFlagValues (issue 13.15): every numeric flag is checked; a bad value is a
// usage error (exit status 2) naming the flag, before anything is contacted.
func TestBadFlagValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-timeout", "0s", "list"}, "-timeout"},
		{[]string{"-timeout", "-1s", "list"}, "-timeout"},
		{[]string{"-stop-timeout", "-1", "list"}, "-stop-timeout"},
		{[]string{"-stop-timeout", "3601", "list"}, "-stop-timeout"},
		{[]string{"-provider", "gcp", "list"}, "-provider"},
		{nil, "no command"},
		{[]string{"reboot"}, "unknown command"},
		{[]string{"stop"}, "name at least one instance"},
		{[]string{"list", "-tag", "env"}, "key=value"},
	} {
		var stderr strings.Builder
		err := run(context.Background(), tc.args, io.Discard, &stderr)
		if cli.Code(err) != 2 || !strings.Contains(err.Error()+stderr.String(), tc.want) {
			t.Errorf("%q: exit %d, %v (stderr %q); want exit 2 mentioning %q", tc.args, cli.Code(err), err, stderr.String(), tc.want)
		}
	}
	if err := run(context.Background(), []string{"-h"}, io.Discard, io.Discard); cli.Code(err) != 0 {
		t.Errorf("-h: exit %d, %v", cli.Code(err), err)
	}
}
