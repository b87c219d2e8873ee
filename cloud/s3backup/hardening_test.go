package s3backup

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// blockingS3 serves fakeS3's objects, but every GetObject waits for release
// (after announcing itself on started), as a slow download would.
type blockingS3 struct {
	*fakeS3
	started chan struct{}
	release chan struct{}
}

func (b *blockingS3) GetObject(ctx context.Context, in *s3.GetObjectInput, o ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	b.started <- struct{}{}
	select {
	case <-b.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return b.fakeS3.GetObject(ctx, in, o...)
}

// TestConcurrentRunIsRefused (issue 13.3): a second run into the same directory
// while one is running (cron overlap) stops at once with ErrLocked, and leaves the
// first run's temporary files alone; the first run then completes.
func TestConcurrentRunIsRefused(t *testing.T) {
	dir := t.TempDir()
	api := &blockingS3{fakeS3: &fakeS3{objects: map[string]string{"a.txt": "a"}},
		started: make(chan struct{}), release: make(chan struct{})}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, api, Options{Bucket: "b", Dir: dir})
		done <- err
	}()
	<-api.started // the first run holds the lock and has its .part file open
	parts, _ := os.ReadDir(filepath.Join(dir, MetaDir, "tmp"))
	if len(parts) != 1 {
		t.Fatalf("first run's temporary files: %v", parts)
	}

	st, err := Run(ctx, &fakeS3{objects: map[string]string{"a.txt": "a"}}, Options{Bucket: "b", Dir: dir})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), dir) || st != (Stats{}) {
		t.Fatalf("second run: %+v, %v; want ErrLocked naming %s and nothing done", st, err, dir)
	}
	if again, _ := os.ReadDir(filepath.Join(dir, MetaDir, "tmp")); len(again) != 1 || again[0].Name() != parts[0].Name() {
		t.Errorf("the second run touched the first run's temporary files: %v → %v", parts, again)
	}

	close(api.release)
	if err := <-done; err != nil {
		t.Fatalf("first run: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "a.txt")); err != nil || string(b) != "a" {
		t.Errorf("a.txt: %q, %v", b, err)
	}
	// Released: the next run takes the lock again.
	if _, err := Run(ctx, &fakeS3{objects: map[string]string{"a.txt": "a"}}, Options{Bucket: "b", Dir: dir}); err != nil {
		t.Errorf("run after the first finished: %v", err)
	}
}

// stub is a minimal S3 endpoint for ListObjectsV2 and GetObject. The body of the
// key stall stops after half its bytes and never sends the rest.
func stub(t *testing.T, objects map[string]string, stall string) *s3.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if key == "" && r.URL.Query().Get("list-type") == "2" {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>%s</Name><IsTruncated>false</IsTruncated>`, bucket)
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range objects {
					if !yield(k) {
						return
					}
				}
			}) {
				sum := md5.Sum([]byte(objects[k]))
				fmt.Fprintf(w, `<Contents><Key>%s</Key><ETag>&quot;%s&quot;</ETag><Size>%d</Size></Contents>`, k, hex.EncodeToString(sum[:]), len(objects[k]))
			}
			fmt.Fprint(w, `</ListBucketResult>`)
			return
		}
		body, ok := objects[key]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		if key != stall {
			io.WriteString(w, body)
			return
		}
		io.WriteString(w, body[:len(body)/2])
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes, until the client hangs up
	}))
	t.Cleanup(srv.Close)
	return s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider("x", "y", "")})
}

// TestStalledDownloadIsBounded (issue 13.3): a connection that stops sending in
// the middle of a body fails that object after IdleTimeout instead of holding its
// worker forever; everything else is backed up, and no partial file is left.
func TestStalledDownloadIsBounded(t *testing.T) {
	objects := map[string]string{"ok-1.txt": "one", "slow.bin": strings.Repeat("x", 64<<10), "ok-2.txt": "two"}
	api := stub(t, objects, "slow.bin")
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := time.Now()
	st, err := Run(ctx, api, Options{Bucket: "b", Dir: dir, Workers: 1, IdleTimeout: 300 * time.Millisecond})
	if time.Since(start) > 30*time.Second {
		t.Fatalf("run took %s", time.Since(start))
	}
	if !errors.Is(err, ErrStalled) || !strings.Contains(err.Error(), "slow.bin") || st.Failed != 1 || st.Downloaded != 2 {
		t.Fatalf("stats %+v, err %v; want slow.bin to fail as stalled and the rest downloaded", st, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "slow.bin")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("slow.bin exists: %v", err)
	}
	assertNoPartials(t, dir)
}

// TestObjectTimeout: a per-object deadline bounds an object that trickles along
// (never idle, never done), too.
func TestObjectTimeout(t *testing.T) {
	api := stub(t, map[string]string{"slow.bin": strings.Repeat("x", 64<<10)}, "slow.bin")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := Run(ctx, api, Options{Bucket: "b", Dir: t.TempDir(), ObjectTimeout: 300 * time.Millisecond, IdleTimeout: time.Hour})
	if !errors.Is(err, ErrObjectTimeout) || st.Failed != 1 {
		t.Fatalf("stats %+v, err %v; want ErrObjectTimeout", st, err)
	}
}

// TestUnstorableKeys (issue 13.3): keys that can never be files here — a key that
// is also the directory of other keys, a path component over 255 bytes, and (on a
// case-insensitive filesystem) names differing only in case — are found before
// any download, reported once each, and everything else is backed up.
func TestUnstorableKeys(t *testing.T) {
	long := strings.Repeat("n", 256)
	objects := map[string]string{
		"a":                 "file that is also a directory",
		"a/b":               "inside a",
		"x/y":               "file y",
		"x/y/z":             "inside y",
		long + ".txt":       "too long",
		"d/" + long:         "too long too",
		"ok/" + long[:255]:  "255 bytes is fine",
		"Photo.JPG":         "upper",
		"photo.jpg":         "lower",
		"docs/Readme.md":    "r1",
		"DOCS/README.MD":    "r2",
		"straße/ok.txt":     "fine",
		"plain.txt":         "plain",
		"σ/Σ-is-fine-alone": "not folded against anything",
	}
	for _, tc := range []struct {
		insensitive bool
		refused     []string
	}{
		{false, []string{"a", "x/y", long + ".txt", "d/" + long}},
		{true, []string{"a", "x/y", long + ".txt", "d/" + long, "photo.jpg", "docs/Readme.md"}},
	} {
		t.Run(fmt.Sprintf("caseInsensitive=%v", tc.insensitive), func(t *testing.T) {
			defer func(f func(*os.Root) (bool, error)) { caseInsensitive = f }(caseInsensitive)
			caseInsensitive = func(*os.Root) (bool, error) { return tc.insensitive, nil }
			dir := t.TempDir()
			var mu sync.Mutex
			var logged []string
			logf := func(f string, a ...any) { mu.Lock(); logged = append(logged, fmt.Sprintf(f, a...)); mu.Unlock() }
			api := &fakeS3{objects: objects}
			st, err := Run(context.Background(), api, Options{Bucket: "b", Dir: dir, Logf: logf})
			if err != nil {
				t.Fatalf("run: %v (a refused key is reported, not an error)", err)
			}
			want := len(objects) - len(tc.refused)
			if st.Refused != len(tc.refused) || st.Downloaded != want || st.Failed != 0 {
				t.Errorf("stats %+v; want %d refused, %d downloaded, 0 failed\nlog:\n%s", st, len(tc.refused), want, strings.Join(logged, "\n"))
			}
			if len(logged) != len(tc.refused) {
				t.Errorf("want one log line per refused key, got:\n%s", strings.Join(logged, "\n"))
			}
			for _, k := range tc.refused {
				if !slices.ContainsFunc(logged, func(l string) bool { return strings.Contains(l, fmt.Sprintf("%q", k)) }) {
					t.Errorf("refused key %q not reported:\n%s", k, strings.Join(logged, "\n"))
				}
			}
			for k, body := range objects {
				if slices.Contains(tc.refused, k) {
					continue
				}
				if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(k))); err != nil || string(b) != body {
					t.Errorf("%s: %q, %v; want %q", k, b, err, body)
				}
			}
			// The second run reports the same keys again (once), and fetches nothing.
			logged = nil
			st, err = Run(context.Background(), api, Options{Bucket: "b", Dir: dir, Logf: logf})
			if err != nil || st.Downloaded != 0 || st.Refused != len(tc.refused) || len(logged) != len(tc.refused) {
				t.Errorf("second run: %+v, %v, %d log lines", st, err, len(logged))
			}
		})
	}
}

// TestCaseProbe: the probe tells this filesystem's behaviour (Linux temp dirs are
// case-sensitive), and leaves nothing behind.
func TestCaseProbe(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := root.MkdirAll(tmpDir, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := probeCaseInsensitive(root)
	if err != nil || got {
		t.Errorf("probe = %v, %v; want case-sensitive", got, err)
	}
	assertNoPartials(t, dir)
}
