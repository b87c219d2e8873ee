package beamwordcount

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two global flags standing in for Beam's (which its packages define on the
// global flag set, e.g. -runner in beamx).
var (
	testRunner = flag.String("test_runner", "prism", "a stand-in for Beam's -runner")
	testBool   = flag.Bool("test_bool", false, "a stand-in for a Beam bool flag")
)

// TestForwardBeamFlags checks that a global flag set on the program's own flag
// set lands on the global one, where Beam reads it, and that bool flags stay
// bool flags (-flag without a value).
func TestForwardBeamFlags(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	ForwardBeamFlags(fs)
	t.Cleanup(func() { *testRunner, *testBool = "prism", false })
	if err := fs.Parse([]string{"-test_runner", "flink", "-test_bool"}); err != nil {
		t.Fatal(err)
	}
	if *testRunner != "flink" || !*testBool {
		t.Errorf("global flags: -test_runner=%q -test_bool=%v, want flink true", *testRunner, *testBool)
	}
	if f := fs.Lookup("test_runner"); f == nil || f.Value.String() != "flink" {
		t.Errorf("forwarded -test_runner reads %v, want flink", f)
	}
}

// TestMustMatch: an existing file passes, a glob that matches nothing fails
// instead of counting nothing.
func TestMustMatch(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(in, []byte("a b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := MustMatch(ctx, in); err != nil {
		t.Errorf("MustMatch(%s) = %v, want nil", in, err)
	}
	missing := filepath.Join(dir, "nothing-*.txt")
	if err := MustMatch(ctx, missing); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("MustMatch(%s) = %v, want a no such file error", missing, err)
	}
}
