// Command precondition shows Cloud Storage's optimistic concurrency: every write of
// an object gives it a new generation number, and a write can be made conditional
// on the generation it read. Two writers read the same generation; the first
// conditional write wins, the second gets 412 Precondition Failed instead of
// silently overwriting, re-reads, and retries on top of the winner's version.
// Generation 0 means "does not exist": a create-only write.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"cloud.google.com/go/storage"
	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/gcsconn"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("precondition", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("precondition", flag.ContinueOnError)
	fs.SetOutput(stderr)
	emulator := fs.String("emulator", cli.Env("STORAGE_EMULATOR_HOST", ""), "emulator host:port; empty for Google Cloud (env STORAGE_EMULATOR_HOST)")
	project := fs.String("project", cli.Env("GOOGLE_CLOUD_PROJECT", ""), "project the new bucket belongs to (env GOOGLE_CLOUD_PROJECT)")
	bucket := fs.String("bucket", "cloudgo-gcs-precondition-demo", "bucket to create, use and delete (names are global)")
	timeout := fs.Duration("timeout", time.Minute, "timeout for the whole run")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if *project == "" {
		return cli.Usagef("-project (or GOOGLE_CLOUD_PROJECT) is required to create a bucket")
	}
	if *timeout <= 0 {
		return cli.Usagef("-timeout must be positive, got %s", *timeout)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	c, err := gcsconn.New(ctx, *emulator)
	if err != nil {
		return err
	}
	defer c.Close()
	where := gcsconn.Where(*emulator)
	switch err := gcsconn.CreateBucket(ctx, c, *project, *bucket, nil); {
	case gcsconn.Unreachable(err):
		return fmt.Errorf("the Cloud Storage API at %s is unreachable (start it with `make up`): %w", where, err)
	case err != nil:
		return fmt.Errorf("create bucket %s at %s: %w", *bucket, where, err)
	}
	fmt.Fprintf(stdout, "bucket %s: created\n", *bucket)
	err = race(ctx, c.Bucket(*bucket).Object("config.json"), stdout)
	if _, derr := gcsconn.DeleteBucket(ctx, c, *bucket); err == nil {
		err = derr
	}
	if err != nil {
		return fmt.Errorf("gs://%s at %s: %w", *bucket, where, err)
	}
	fmt.Fprintf(stdout, "deleted bucket %s\n", *bucket)
	return nil
}

func race(ctx context.Context, o *storage.ObjectHandle, stdout io.Writer) error {
	gen, err := write(ctx, o.If(storage.Conditions{DoesNotExist: true}), `{"replicas": 1}`)
	if err != nil {
		return fmt.Errorf("create %s: %w", o.ObjectName(), err)
	}
	fmt.Fprintf(stdout, "create %s only if absent: generation %d\n", o.ObjectName(), gen)
	_, err = write(ctx, o.If(storage.Conditions{DoesNotExist: true}), `{"replicas": 9}`)
	fmt.Fprintf(stdout, "create it again only if absent: %s\n", outcome(err))

	// Writers A and B both read generation gen, then both write on top of it.
	winner, err := write(ctx, o.If(storage.Conditions{GenerationMatch: gen}), `{"replicas": 2}`)
	if err != nil {
		return fmt.Errorf("writer A: %w", err)
	}
	fmt.Fprintf(stdout, "writer A, if generation is %d: written, generation %d\n", gen, winner)
	_, err = write(ctx, o.If(storage.Conditions{GenerationMatch: gen}), `{"replicas": 3}`)
	fmt.Fprintf(stdout, "writer B, if generation is %d: %s\n", gen, outcome(err))
	if gcsconn.Status(err) != http.StatusPreconditionFailed {
		return fmt.Errorf("writer B: want 412, got %v", err)
	}
	// B re-reads (the winner's version and generation) and applies its change again.
	attrs, err := o.Attrs(ctx)
	if err != nil {
		return fmt.Errorf("writer B re-reads: %w", err)
	}
	gen, err = write(ctx, o.If(storage.Conditions{GenerationMatch: attrs.Generation}), `{"replicas": 3}`)
	if err != nil {
		return fmt.Errorf("writer B retries: %w", err)
	}
	fmt.Fprintf(stdout, "writer B re-reads generation %d and retries: written, generation %d\n", attrs.Generation, gen)
	return nil
}

// write uploads body through o (with its conditions) and returns the new generation.
func write(ctx context.Context, o *storage.ObjectHandle, body string) (int64, error) {
	w := o.NewWriter(ctx)
	w.ContentType = "application/json"
	_, err := io.WriteString(w, body)
	if err = errors.Join(err, w.Close()); err != nil { // Close completes the upload (or fails)
		return 0, err
	}
	return w.Attrs().Generation, nil
}

// outcome describes a conditional write's result as a reader cares about it.
func outcome(err error) string {
	switch gcsconn.Status(err) {
	case 0:
		if err != nil {
			return err.Error()
		}
		return "written (the condition held)"
	case http.StatusPreconditionFailed:
		return "412 Precondition Failed: the condition did not hold, nothing was overwritten"
	}
	return err.Error()
}
