package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"example.com/cloudgo/cloud/internal/cli"
)

// TestBadFlagValues: a bad flag value, or no credentials at all, is a usage error
// (exit status 2) naming what is wrong, before anything is contacted.
func TestBadFlagValues(t *testing.T) {
	t.Setenv("AZURE_STORAGE_ACCOUNT_URL", "")
	t.Setenv("AZURE_STORAGE_CONNECTION_STRING", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "AZURE_STORAGE_CONNECTION_STRING"},
		{[]string{"-timeout", "0s"}, "-timeout"},
		{[]string{"-no-such-flag"}, "no-such-flag"},
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
