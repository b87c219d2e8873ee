// Command s3backup backs up a bucket to a local directory, now and then every
// -every interval, until SIGINT/SIGTERM. Each run downloads only what changed.
//
//	go run ./s3backup/cmd -bucket photos -dir /srv/backup/photos -every 24h
//
// For a fixed time of day, run it once (-every 0) from cron or a systemd timer:
// the scheduler then survives reboots and reports failures, and a killed run is
// simply resumed by the next one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/internal/s3conn"
	"example.com/cloudgo/cloud/s3backup"
	"github.com/aws/aws-sdk-go-v2/config"
)

func main() {
	// The first signal cancels the context: downloads in flight stop, their temporary
	// files are removed, the index keeps what completed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "s3backup:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer, cfgOpts ...func(*config.LoadOptions) error) error {
	fs := flag.NewFlagSet("s3backup", flag.ContinueOnError)
	endpoint := fs.String("endpoint", envOr("S3_ENDPOINT", "http://127.0.0.1:9000"), "S3 endpoint URL; empty for AWS (env S3_ENDPOINT)")
	bucket := fs.String("bucket", os.Getenv("BACKUP_BUCKET"), "bucket to back up (env BACKUP_BUCKET)")
	prefix := fs.String("prefix", "", "back up only keys with this prefix")
	dir := fs.String("dir", envOr("BACKUP_DIR", "backup"), "backup directory (env BACKUP_DIR)")
	workers := fs.Int("workers", 4, "concurrent downloads")
	every := fs.Duration("every", 0, "repeat every interval, e.g. 1h; 0 runs once")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *bucket == "" {
		return errors.New("no bucket: pass -bucket or set BACKUP_BUCKET")
	}
	c, err := s3conn.New(ctx, *endpoint, cfgOpts...)
	if err != nil {
		return err
	}
	o := s3backup.Options{Bucket: *bucket, Prefix: *prefix, Dir: *dir, Workers: *workers,
		Logf: func(f string, a ...any) { fmt.Fprintf(out, "  "+f+"\n", a...) }}

	once := func() error {
		start := time.Now()
		st, err := s3backup.Run(ctx, c, o)
		fmt.Fprintf(out, "backup s3://%s/%s -> %s: listed %d, downloaded %d (%.1f MB), skipped %d, refused %d, failed %d in %s\n",
			*bucket, *prefix, *dir, st.Listed, st.Downloaded, float64(st.Bytes)/1e6, st.Skipped, st.Refused, st.Failed,
			time.Since(start).Round(time.Millisecond))
		if s3conn.Unreachable(err) {
			return fmt.Errorf("S3 at %s is unreachable (start it with `make up`): %w", *endpoint, err)
		}
		return err
	}
	if *every <= 0 {
		return once()
	}
	t := time.NewTicker(*every)
	defer t.Stop()
	for {
		// A failed run is reported, not fatal: the next tick retries what is missing.
		if err := once(); err != nil && ctx.Err() == nil {
			fmt.Fprintln(out, "  run failed:", err)
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(out, "stopped")
			return nil
		case <-t.C:
		}
	}
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}
