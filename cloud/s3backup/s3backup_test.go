package s3backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/s3test"
	"example.com/cloudgo/internal/kit"
	"example.com/cloudgo/internal/miniotest"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }

func TestLocalPath(t *testing.T) {
	for key, want := range map[string]string{
		"a.txt":                "a.txt",
		"photos/2026/ä ü.jpg":  "photos/2026/ä ü.jpg",
		"dir/.hidden":          "dir/.hidden",
		"../../etc/passwd":     "",
		"/etc/passwd":          "",
		"a/../../b":            "",
		"a/./b":                "",
		"a//b":                 "",
		"..":                   "",
		"":                     "",
		".s3backup/index.tsv":  "",
		"nul\x00byte":          "",
		"esc\x1b[31mred":       "",
		"bad-utf8-\xff\xfe":    "",
		"line\nbreak":          "",
		".s3backupx/fine.txt":  ".s3backupx/fine.txt",
		"trailing-dot./x..y/z": "trailing-dot./x..y/z",
	} {
		got, err := LocalPath(key)
		if want == "" {
			if err == nil || !errors.Is(err, ErrRefusedKey) {
				t.Errorf("LocalPath(%q) = %q, %v; want it refused", key, got, err)
			}
			continue
		}
		if err != nil || got != filepath.FromSlash(want) {
			t.Errorf("LocalPath(%q) = %q, %v; want %q", key, got, err, want)
		}
	}
}

// TestHostileKeys: keys that would escape the backup directory, or clobber its
// index, are refused; nothing is written outside the directory, also not through
// a symlink someone placed inside it.
func TestHostileKeys(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "backup")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(parent, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	api := &fakeS3{objects: map[string]string{
		"ok/file.txt":         "fine",
		"../../etc/passwd":    "root::0:0::/:/bin/sh",
		"/etc/passwd":         "root::0:0::/:/bin/sh",
		"a/../../escape":      "x",
		"a//b":                "x",
		".s3backup/index.tsv": "x",
		"esc\x1b]0;pwned\x07": "x",
		"\xff\xfe":            "x",
		"link/escape.txt":     "through the symlink",
		"folder/":             "",
	}}
	var logged []string
	st, err := Run(context.Background(), api, Options{Bucket: "b", Dir: dir, Logf: func(f string, a ...any) {
		logged = append(logged, fmt.Sprintf(f, a...))
	}})
	if st.Refused != 7 || st.Downloaded != 1 || st.Failed != 1 {
		t.Errorf("stats %+v; want 7 refused, 1 downloaded, 1 failed (the symlink)", st)
	}
	if err == nil || !strings.Contains(err.Error(), "link/escape.txt") {
		t.Errorf("want an error for link/escape.txt, got %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "ok", "file.txt")); err != nil || string(b) != "fine" {
		t.Errorf("ok/file.txt: %q, %v", b, err)
	}
	// Outside the backup directory there is still nothing but the directory itself.
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "backup" {
		t.Errorf("files appeared beside the backup: %v", entries)
	}
	if len(logged) != 8 {
		t.Errorf("want 8 log lines (7 refused, 1 failed), got %d: %q", len(logged), logged)
	}
}

// TestCorruptDownload: a body whose MD5 does not match the ETag never becomes a file.
func TestCorruptDownload(t *testing.T) {
	dir := t.TempDir()
	api := &fakeS3{
		objects: map[string]string{"a.txt": "the real bytes", "b.txt": "good"},
		corrupt: map[string]string{"a.txt": "the rEal bytes"},
	}
	st, err := Run(context.Background(), api, Options{Bucket: "b", Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "does not match ETag") || st.Failed != 1 || st.Downloaded != 1 {
		t.Fatalf("stats %+v, err %v; want a checksum failure for a.txt", st, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a.txt exists after a failed check: %v", err)
	}
	assertNoPartials(t, dir)
	// Fixed at the source: the next run fetches only a.txt.
	delete(api.corrupt, "a.txt")
	st, err = Run(context.Background(), api, Options{Bucket: "b", Dir: dir})
	if err != nil || st.Downloaded != 1 || st.Skipped != 1 {
		t.Fatalf("rerun: %+v, %v", st, err)
	}
}

// seed fills a fresh bucket with n objects (more than one listing page) and
// returns key → body.
func seed(t *testing.T, c *s3.Client, n int) (string, map[string]string) {
	t.Helper()
	bucket := s3test.NewBucket(t, c)
	want := map[string]string{}
	for i := range n {
		want[fmt.Sprintf("data/%02d/obj-%04d.txt", i%20, i)] = fmt.Sprintf("object %d %s\n", i, strings.Repeat("x", i%97))
	}
	want["photos/Grüße 2026/ä ü.txt"] = "unicode and spaces are fine"
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	keys := make(chan string)
	var wg sync.WaitGroup
	var failed atomic.Value
	for range 16 {
		wg.Go(func() {
			for k := range keys {
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(k), Body: strings.NewReader(want[k])}); err != nil {
					failed.Store(err)
				}
			}
		})
	}
	for k := range want {
		keys <- k
	}
	close(keys)
	wg.Wait()
	if err := failed.Load(); err != nil {
		t.Fatalf("seed %s: %v", bucket, err)
	}
	return bucket, want
}

// assertBackup checks that every file in dir (outside .s3backup) is a complete,
// correct object, and returns how many there are.
func assertBackup(t *testing.T, dir string, want map[string]string) int {
	t.Helper()
	var n int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.Name() == MetaDir {
				return filepath.SkipDir
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		body, ok := want[filepath.ToSlash(rel)]
		if !ok {
			t.Errorf("unexpected file %s", rel)
			return nil
		}
		got, err := os.ReadFile(p)
		if err != nil || string(got) != body {
			t.Errorf("%s: %q (%v), want %q", rel, got, err, body)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func assertNoPartials(t *testing.T, dir string) {
	t.Helper()
	tmp, err := os.ReadDir(filepath.Join(dir, MetaDir, "tmp"))
	if err != nil || len(tmp) != 0 {
		t.Errorf("temporary files left: %v (%v)", tmp, err)
	}
}

// TestIncremental: more than 1,000 objects all arrive; the second run downloads
// nothing; a changed object is downloaded again, alone.
func TestIncremental(t *testing.T) {
	c := s3test.Client(t, miniotest.Endpoint(t))
	bucket, want := seed(t, c, 1050)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	o := Options{Bucket: bucket, Dir: dir, Workers: 8}

	st, err := Run(ctx, c, o)
	if err != nil {
		t.Fatal(err)
	}
	if st.Listed != 1051 || st.Downloaded != 1051 || st.Skipped != 0 {
		t.Fatalf("first run: %+v; want 1051 listed and downloaded", st)
	}
	if n := assertBackup(t, dir, want); n != 1051 {
		t.Fatalf("%d files in the backup, want 1051", n)
	}

	st, err = Run(ctx, c, o)
	if err != nil || st.Downloaded != 0 || st.Skipped != 1051 || st.Bytes != 0 {
		t.Fatalf("second run: %+v, %v; want nothing downloaded", st, err)
	}

	key := "data/07/obj-0007.txt"
	want[key] = "changed at the source\n"
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(want[key])}); err != nil {
		t.Fatal(err)
	}
	st, err = Run(ctx, c, o)
	if err != nil || st.Downloaded != 1 || st.Skipped != 1050 {
		t.Fatalf("third run: %+v, %v; want exactly the changed object", st, err)
	}
	assertBackup(t, dir, want)
	assertNoPartials(t, dir)
}

// cancelAfter cancels the run's context once n downloads have started, as a
// SIGTERM would in the middle of a backup.
type cancelAfter struct {
	API
	n      atomic.Int32
	after  int32
	cancel context.CancelFunc
}

func (c *cancelAfter) GetObject(ctx context.Context, in *s3.GetObjectInput, o ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	if c.n.Add(1) == c.after {
		c.cancel()
	}
	return c.API.GetObject(ctx, in, o...)
}

// TestInterruptedRunResumes: a run cancelled half-way leaves only complete files
// (no partial or temporary ones), and the next run fetches just the rest.
func TestInterruptedRunResumes(t *testing.T) {
	c := s3test.Client(t, miniotest.Endpoint(t))
	bucket, want := seed(t, c, 1050)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	api := &cancelAfter{API: c, after: 300, cancel: cancel}

	st, err := Run(ctx, api, Options{Bucket: bucket, Dir: dir, Workers: 8})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %+v, %v; want context.Canceled", st, err)
	}
	done := assertBackup(t, dir, want)
	assertNoPartials(t, dir)
	if done == 0 || done >= 1051 || done != st.Downloaded {
		t.Fatalf("%d complete files, stats %+v: want some but not all, as counted", done, st)
	}

	ctx2, cancel2 := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel2()
	st, err = Run(ctx2, c, Options{Bucket: bucket, Dir: dir, Workers: 8})
	if err != nil || st.Skipped != done || st.Downloaded != 1051-done {
		t.Fatalf("resumed run: %+v, %v; want %d skipped and %d downloaded", st, err, done, 1051-done)
	}
	if n := assertBackup(t, dir, want); n != 1051 {
		t.Fatalf("%d files after resuming, want 1051", n)
	}
}
