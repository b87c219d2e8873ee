// beamwordcount: the same word count as an Apache Beam pipeline. Written
// once, it runs on the in-process Prism runner (the default, used by the
// tests) or, with flags only, on Flink, Spark or Google Cloud Dataflow.
//
//	go run ./beamwordcount -input input.txt -top 5
//	go run ./beamwordcount -input input.txt -output counts.txt
//	go run ./beamwordcount -input gs://bucket/in.txt -output gs://bucket/counts.txt \
//	    -runner dataflow -project my-project -region europe-west1 -staging_location gs://bucket/staging
//
// The pipeline: textio.Read (lines) -> ParDo(extractWords) -> stats.Count
// (a GroupByKey + combine, Beam's ReduceByKey) -> one global Combine that
// sorts -> write one file.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

var (
	input  = flag.String("input", "", "file or glob to read, local or gs://... (default: stdin, spooled to a temp file: Prism only)")
	output = flag.String("output", "", "file to write, local or gs://... (default: stdout, via a temp file: Prism only)")
	top    = flag.Int("top", 0, "print only the first N words (0: all)")
	logs   = flag.Bool("v", false, "show the runner's INFO log on stderr")
)

func main() {
	flag.Parse() // Beam's own flags (-runner, -endpoint, -project, ...) live on the global flag set
	beam.Init()  // must come after flag.Parse: on a cluster worker it takes over here
	if err := run(context.Background(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "beamwordcount:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, stdin io.Reader, stdout io.Writer) error {
	if !*logs { // Prism logs every job step through log/slog: keep warnings and errors only
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	}
	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: use -input FILE", flag.Args())
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

	p, s := beam.NewPipelineWithRoot()
	CountWords(s, in, out, *top)
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
		return fmt.Errorf("read result: %w", err)
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}
