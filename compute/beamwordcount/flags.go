package beamwordcount

import (
	"context"
	"flag"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// ForwardBeamFlags offers Beam's flags (-runner, -endpoint, -project, ... and
// the worker's flags), which its packages define on the global flag set, on fs
// too. Setting one sets it on the global set, where Beam reads it and sees it
// as set (flag.Visit passes the options on to remote workers).
func ForwardBeamFlags(fs *flag.FlagSet) {
	flag.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil {
			fs.Var(forward{f}, f.Name, f.Usage)
		}
	})
}

type forward struct{ f *flag.Flag }

func (v forward) String() string {
	if v.f == nil {
		return ""
	}
	return v.f.Value.String()
}
func (v forward) Set(s string) error { return flag.Set(v.f.Name, s) }
func (v forward) IsBoolFlag() bool {
	b, ok := v.f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// MustMatch fails when pattern (a file or glob, local or gs://...) names no
// file: textio.Read would take a pattern that matches nothing as empty input,
// and the count would print nothing and succeed.
func MustMatch(ctx context.Context, pattern string) error {
	fsys, err := filesystem.New(ctx, pattern)
	if err != nil {
		return fmt.Errorf("input %s: %w", pattern, err)
	}
	defer fsys.Close()
	files, err := fsys.List(ctx, pattern)
	if err != nil {
		return fmt.Errorf("list input %s: %w", pattern, err)
	}
	if len(files) == 0 {
		return fmt.Errorf("input %s: no such file", pattern)
	}
	return nil
}
