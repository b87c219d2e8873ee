package main

import (
	"context"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/internal/gcstest"
	"example.com/cloudgo/internal/kit"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

// TestRun: the second create-only write and the second writer of the same
// generation both get 412 and overwrite nothing; the retry on the new generation
// succeeds.
func TestRun(t *testing.T) {
	t.Setenv("STORAGE_EMULATOR_HOST", gcstest.Host(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	bucket := kit.Name(t, "", "-", 63)
	var out strings.Builder
	if err := run(ctx, []string{"-project", "test", "-bucket", bucket}, &out, &out); err != nil {
		t.Fatalf("%v\noutput so far:\n%s", err, out.String())
	}
	got := regexp.MustCompile(`\d{6,}`).ReplaceAllString(out.String(), "N") // generations
	want := `bucket ` + bucket + `: created
create config.json only if absent: generation N
create it again only if absent: 412 Precondition Failed: the condition did not hold, nothing was overwritten
writer A, if generation is N: written, generation N
writer B, if generation is N: 412 Precondition Failed: the condition did not hold, nothing was overwritten
writer B re-reads generation N and retries: written, generation N
deleted bucket ` + bucket + `
`
	if got != want {
		t.Errorf("output differs\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestUnreachable: nothing listens at the emulator address: one line naming it.
func TestUnreachable(t *testing.T) {
	addr := "127.0.0.1:" + kit.FreePort(t)
	err := run(context.Background(), []string{"-emulator", addr, "-project", "p", "-timeout", "20s"}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), "at "+addr+" is unreachable (start it with `make up`)") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got exit %d, %v", cli.Code(err), err)
	}
}
