// Command s3backup backs up a bucket to a local directory, now and then every
// -every interval, until SIGINT/SIGTERM. Each run downloads only what changed.
//
//	go run ./s3backup/cmd/s3backup -bucket photos -dir /srv/backup/photos -every 24h
//
// For a fixed time of day, run it once (-every 0) from cron or a systemd timer:
// the scheduler then survives reboots and reports failures, and a killed run is
// simply resumed by the next one. A run that finds another one still working in
// the same directory (an overlapping cron job) stops at once and says so.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
	"example.com/cloudgo/cloud/internal/s3conn"
	"example.com/cloudgo/cloud/s3backup"
)

func main() {
	// The first signal cancels the context: downloads in flight stop, their temporary
	// files are removed, the index keeps what completed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Exit("s3backup", run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("s3backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("endpoint", cli.Env("S3_ENDPOINT", "http://127.0.0.1:9000"), "S3 endpoint URL; -endpoint= for AWS (env S3_ENDPOINT)")
	bucket := fs.String("bucket", cli.Env("BACKUP_BUCKET", ""), "bucket to back up (env BACKUP_BUCKET)")
	prefix := fs.String("prefix", "", "back up only keys with this prefix")
	dir := fs.String("dir", cli.Env("BACKUP_DIR", "backup"), "backup directory (env BACKUP_DIR)")
	workers := fs.Int("workers", 4, "concurrent downloads (1-256)")
	every := fs.Duration("every", 0, "repeat every interval, e.g. 1h; 0 runs once")
	idle := fs.Duration("idle-timeout", s3backup.DefaultIdleTimeout, "fail an object when no byte of it arrives for this long")
	objTimeout := fs.Duration("object-timeout", 0, "fail an object whose download takes longer; 0: no limit")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *bucket == "":
		return cli.Usagef("no bucket: pass -bucket or set BACKUP_BUCKET")
	case *dir == "":
		return cli.Usagef("-dir must not be empty")
	case *workers < 1 || *workers > 256:
		return cli.Usagef("-workers must be 1 to 256, got %d", *workers)
	case *every < 0:
		return cli.Usagef("-every must be 0 (run once) or positive, got %s", *every)
	case *idle <= 0:
		return cli.Usagef("-idle-timeout must be positive, got %s", *idle)
	case *objTimeout < 0:
		return cli.Usagef("-object-timeout must be 0 (no limit) or positive, got %s", *objTimeout)
	}
	c, err := s3conn.New(ctx, *endpoint)
	if err != nil {
		return err
	}
	o := s3backup.Options{Bucket: *bucket, Prefix: *prefix, Dir: *dir, Workers: *workers,
		IdleTimeout: *idle, ObjectTimeout: *objTimeout,
		Logf: func(f string, a ...any) { fmt.Fprintf(stdout, "  "+f+"\n", a...) }}

	once := func() error {
		start := time.Now()
		st, err := s3backup.Run(ctx, c, o)
		switch {
		case s3conn.Unreachable(err):
			return fmt.Errorf("S3 at %s is unreachable (start it with `make up`): %w", *endpoint, err)
		case st == (s3backup.Stats{}) && err != nil:
			return err // nothing was attempted (locked, or the directory is unusable)
		}
		fmt.Fprintf(stdout, "backup s3://%s/%s -> %s: listed %d, downloaded %d (%.1f MB), skipped %d, refused %d, failed %d in %s\n",
			*bucket, *prefix, *dir, st.Listed, st.Downloaded, float64(st.Bytes)/1e6, st.Skipped, st.Refused, st.Failed,
			time.Since(start).Round(time.Millisecond))
		return err
	}
	if *every == 0 {
		return once()
	}
	t := time.NewTicker(*every)
	defer t.Stop()
	for {
		// A failed run is reported, not fatal: the next tick retries what is missing.
		if err := once(); err != nil && ctx.Err() == nil {
			fmt.Fprintln(stdout, "  run failed:", err)
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(stdout, "stopped")
			return nil
		case <-t.C:
		}
	}
}
