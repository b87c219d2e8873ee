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
		{[]string{"-size", "0"}, "-size"},
		{[]string{"-size", "-1"}, "-size"},
		{[]string{"-size", "1025"}, "-size"},
		{[]string{"-part-size", "4"}, "-part-size"},
		{[]string{"-part-size", "0"}, "-part-size"},
		{[]string{"-part-size", "5121"}, "-part-size"},
		{[]string{"-timeout", "0s"}, "-timeout"},
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
