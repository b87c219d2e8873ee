// beamwordcount: the word count as an Apache Beam pipeline (package
// beamwordcount). Written once, it runs on the in-process Prism runner (the
// default) or, with flags only, on Flink, Spark or Google Cloud Dataflow.
//
//	go run ./cmd/beamwordcount -input input.txt -top 5
//	go run ./cmd/beamwordcount -input input.txt -output counts.txt
//	go run ./cmd/beamwordcount -input gs://bucket/in.txt -output gs://bucket/counts.txt \
//	    -runner dataflow -project my-project -region europe-west1 -staging_location gs://bucket/staging
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"example.com/cloudgo/compute/beamwordcount"
	"example.com/cloudgo/compute/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("beamwordcount", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// stdin is read when there is no -input (tests replace it).
var stdin io.Reader = os.Stdin

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("beamwordcount", flag.ContinueOnError)
	fs.SetOutput(stderr)
	input := fs.String("input", "", "file or glob to read, local or gs://... (default: stdin, spooled to a temp file: Prism only)")
	output := fs.String("output", "", "file to write, local or gs://... (default: stdout, via a temp file: Prism only)")
	top := fs.Int("top", 0, "print only the first N words (0: all)")
	logs := fs.Bool("v", false, "show the runner's INFO log on stderr")
	beamwordcount.ForwardBeamFlags(fs) // -runner, -endpoint, -project, ... and the worker's flags
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *top < 0 {
		return cli.Usagef("-top must be 0 (all) or more, got %d", *top)
	}
	if fs.NArg() > 0 {
		return cli.Usagef("unexpected arguments %q: use -input FILE", fs.Args())
	}
	if !beam.Initialized() {
		beam.Init() // after the flags: on a cluster worker (-worker) it takes over here and exits
	}
	if !*logs { // Prism logs every job step through log/slog: keep warnings and errors only
		slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	}

	in, out := *input, *output
	if in == "" || out == "" {
		tmp, err := os.MkdirTemp("", "beamwordcount-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if in == "" {
			in = filepath.Join(tmp, "stdin.txt")
			if err := spool(stdin, in); err != nil {
				return err
			}
		}
		if out == "" {
			out = filepath.Join(tmp, "counts.txt")
		}
	}

	if err := beamwordcount.MustMatch(ctx, in); err != nil { // no file: fail, not count nothing
		return err
	}
	p, s := beam.NewPipelineWithRoot()
	beamwordcount.CountWords(s, in, out, *top)
	if err := beamx.Run(ctx, p); err != nil { // -runner picks the runner; the default is prism
		return fmt.Errorf("run pipeline on %s: %w", in, err)
	}
	if *output == "" {
		return cat(out, stdout)
	}
	return nil
}

func spool(r io.Reader, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("spool stdin: %w", err)
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return fmt.Errorf("spool stdin to %s: %w", path, err)
	}
	return f.Close()
}

func cat(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read result %s: %w", path, err)
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
