// Package s3backup copies a bucket into a local directory, incrementally and safely.
//
// What the Python original's 20-line script got wrong, and what this package does instead:
//   - ListObjectsV2 returns at most 1,000 keys per call: the paginator follows the
//     continuation token until the listing is complete.
//   - Object keys are untrusted input: "../../etc/passwd" is a valid key, and
//     os.path.join(backup, key) writes outside the backup. Keys are mapped with
//     LocalPath (which refuses them), and every file operation goes through an
//     os.Root, which cannot leave the directory even through a symlink.
//   - Downloads run on a bounded number of workers.
//   - Unchanged objects (same ETag and size as last time) are not downloaded again.
//   - A file appears under its name only complete and verified: it is written to a
//     temporary file, checked (size, MD5 against a single-part ETag, the SDK's CRC
//     check when the object has one), synced, then renamed over the old copy. An
//     interrupted run leaves no partial files, and the next run resumes.
//   - Two runs into one directory (a cron job that overlaps the previous one) would
//     delete each other's temporary files and both rewrite the index: a run holds
//     an exclusive lock on the directory, and a second one stops at once (ErrLocked).
//   - A connection that stalls in the middle of a body would hold its worker
//     forever: every object is bounded by an idle watchdog (no byte for
//     IdleTimeout) and, if set, a deadline (ObjectTimeout).
//   - Keys that can never be files here (a key that is also the "directory" of
//     other keys, a name component over 255 bytes, names that differ only in case
//     on a case-insensitive filesystem) would fail on every run forever: the whole
//     listing is checked before any download, each such key is reported once per
//     run, and everything else is backed up.
package s3backup

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// API is the part of the S3 client a backup uses; *s3.Client satisfies it.
type API interface {
	s3.ListObjectsV2APIClient
	GetObject(ctx context.Context, in *s3.GetObjectInput, optFns ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

// Options says what to back up where.
type Options struct {
	Bucket  string
	Prefix  string // only keys with this prefix; "" for the whole bucket
	Dir     string // the backup directory; created if missing
	Workers int    // concurrent downloads; 0 means 4
	// IdleTimeout fails an object when no byte of it arrives for this long
	// (a stalled connection); 0 means DefaultIdleTimeout.
	IdleTimeout time.Duration
	// ObjectTimeout, if positive, bounds each object's whole download.
	ObjectTimeout time.Duration
	// Logf, if set, is told about every refused key and failed object (one call at a time).
	Logf func(format string, args ...any)
}

// Stats counts what a run did.
type Stats struct {
	Listed     int   // objects the listing returned
	Downloaded int   // objects written (new or changed)
	Skipped    int   // unchanged since the last run
	Refused    int   // keys that cannot be a file inside the backup directory (reported, not errors)
	Failed     int   // downloads that failed (the run's error says why)
	Bytes      int64 // bytes downloaded
}

// MetaDir holds the index and temporary files inside the backup directory; keys
// under it are refused so no object can overwrite them.
const MetaDir = ".s3backup"

var (
	indexFile = path.Join(MetaDir, "index.tsv")
	tmpDir    = path.Join(MetaDir, "tmp")
)

// DefaultIdleTimeout is Options.IdleTimeout's default.
const DefaultIdleTimeout = time.Minute

var (
	// ErrRefusedKey is wrapped by the errors that report a key that cannot be
	// stored (LocalPath's, and the conflicts Run finds in a listing).
	ErrRefusedKey = errors.New("refused key")
	// ErrLocked is returned by Run when another run holds the backup directory.
	ErrLocked = errors.New("another backup is running into this directory")
	// ErrStalled fails an object whose bytes stopped coming for IdleTimeout.
	ErrStalled = errors.New("stalled: no data")
	// ErrObjectTimeout fails an object that took longer than ObjectTimeout.
	ErrObjectTimeout = errors.New("took longer than the per-object timeout")
)

// maxNameBytes is the longest file name (one path component) that ext4, XFS,
// btrfs, APFS and NTFS (in UTF-16 units) store.
const maxNameBytes = 255

// LocalPath maps an object key to a path relative to the backup directory, or
// refuses it. A key becomes a path only if it is already a clean, relative,
// slash-separated path (no "..", ".", empty elements, leading or trailing slash),
// holds no control characters and is valid UTF-8. Refusing beats rewriting: two
// keys rewritten to the same name would silently overwrite each other.
func LocalPath(key string) (string, error) {
	refuse := func(why string) (string, error) { return "", fmt.Errorf("%w %q: %s", ErrRefusedKey, key, why) }
	if !utf8.ValidString(key) {
		return refuse("not valid UTF-8")
	}
	if strings.ContainsFunc(key, unicode.IsControl) {
		return refuse("contains control characters")
	}
	p, err := filepath.Localize(key) // fs.ValidPath rules plus the OS's own (NUL, Windows names)
	if err != nil {
		return refuse("not a clean relative path")
	}
	// EqualFold: on a case-insensitive filesystem .S3BACKUP is the same directory.
	if first, _, _ := strings.Cut(key, "/"); strings.EqualFold(first, MetaDir) {
		return refuse("reserved for the backup's own files")
	}
	for _, name := range strings.Split(key, "/") {
		if len(name) > maxNameBytes {
			return refuse(fmt.Sprintf("a name of %d bytes (filesystems store at most %d)", len(name), maxNameBytes))
		}
	}
	return p, nil
}

// entry is what the index remembers about a backed-up object.
type entry struct {
	etag string
	size int64
}

// object is one listed object.
type object struct {
	key, etag string
	size      int64
}

// Run backs up once. It returns the first problems joined; objects that failed are
// retried by the next run, everything else stays backed up. Keys that cannot be
// stored are reported through Logf and counted in Stats.Refused, not returned.
func Run(ctx context.Context, api API, o Options) (Stats, error) {
	var st Stats
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	var logMu sync.Mutex // workers and the lister both log; Logf need not be safe for concurrent use
	logf := func(format string, args ...any) {
		if o.Logf != nil {
			logMu.Lock()
			defer logMu.Unlock()
			o.Logf(format, args...)
		}
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return st, fmt.Errorf("create backup dir: %w", err)
	}
	root, err := os.OpenRoot(o.Dir)
	if err != nil {
		return st, fmt.Errorf("open backup dir: %w", err)
	}
	defer root.Close()
	// The lock comes first: everything after it (temporary files, the index)
	// belongs to one run at a time.
	unlock, err := lockDir(root, o.Dir)
	if err != nil {
		return st, err
	}
	defer unlock()
	if err := cleanTmp(root); err != nil {
		return st, err
	}
	fold, err := caseInsensitive(root)
	if err != nil {
		return st, fmt.Errorf("probe %s for case sensitivity: %w", o.Dir, err)
	}
	index, err := loadIndex(root)
	if err != nil {
		return st, err
	}
	idx, err := root.OpenFile(indexFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return st, fmt.Errorf("open index: %w", err)
	}
	defer idx.Close()

	// The whole listing first: whether a key can be stored depends on the others.
	var objects []object
	p := s3.NewListObjectsV2Paginator(api, &s3.ListObjectsV2Input{Bucket: aws.String(o.Bucket), Prefix: aws.String(o.Prefix)})
	var listErr error
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			listErr = fmt.Errorf("list s3://%s/%s: %w", o.Bucket, o.Prefix, err)
			break
		}
		for _, obj := range page.Contents {
			key, size := aws.ToString(obj.Key), aws.ToInt64(obj.Size)
			if strings.HasSuffix(key, "/") && size == 0 {
				continue // a "folder" placeholder the console creates; nothing to back up
			}
			objects = append(objects, object{key, aws.ToString(obj.ETag), size})
		}
	}
	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("backup of %s interrupted (the next run resumes): %w", o.Bucket, err)
	}
	st.Listed = len(objects)
	seen := make(map[string]entry, len(objects))
	for _, ob := range objects {
		seen[ob.key] = entry{ob.etag, ob.size}
	}
	paths, refused := plan(objects, fold)
	for _, err := range refused {
		st.Refused++
		logf("%v", err)
	}

	type job struct {
		object
		rel string
	}
	jobs := make(chan job)
	var (
		mu   sync.Mutex // guards st, errs, index and idx
		errs []error
		wg   sync.WaitGroup
	)
	for range o.Workers {
		wg.Go(func() {
			for j := range jobs {
				n, err := download(ctx, api, root, o, j.object, j.rel)
				if err != nil {
					err = fmt.Errorf("back up s3://%s/%s: %w", o.Bucket, j.key, err)
				}
				mu.Lock()
				if err != nil {
					if ctx.Err() == nil { // a cancelled run is not 8 failures
						st.Failed++
						errs = append(errs, err)
						logf("%v", err)
					}
				} else {
					st.Downloaded++
					st.Bytes += n
					index[j.key] = entry{j.etag, j.size}
					_, err = fmt.Fprintf(idx, "%s\t%d\t%s\n", j.etag, j.size, escape(j.key))
					if err != nil {
						errs = append(errs, fmt.Errorf("write index: %w", err))
					}
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, ob := range objects {
		rel, ok := paths[ob.key]
		if !ok {
			continue // refused
		}
		mu.Lock()
		old, known := index[ob.key]
		mu.Unlock()
		if known && old == (entry{ob.etag, ob.size}) && sizeIs(root, rel, ob.size) {
			mu.Lock()
			st.Skipped++
			mu.Unlock()
			continue
		}
		select {
		case jobs <- job{ob, rel}:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()

	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("backup of %s interrupted (the next run resumes): %w", o.Bucket, err)
	}
	if listErr == nil {
		// The listing was complete: rewrite the index with what exists now, so it
		// does not grow with every run or remember deleted objects.
		for k := range index {
			if _, ok := seen[k]; !ok {
				delete(index, k)
			}
		}
		if err := writeIndex(root, index); err != nil {
			errs = append(errs, err)
		}
	}
	return st, errors.Join(append([]error{listErr}, errs...)...)
}

// download writes one object to rel, atomically, and returns its size. The
// object's request and body are bounded by o.IdleTimeout (no byte for that long)
// and o.ObjectTimeout (the whole object).
func download(ctx context.Context, api API, root *os.Root, o Options, ob object, rel string) (int64, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if o.ObjectTimeout > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, o.ObjectTimeout, fmt.Errorf("%w (%s)", ErrObjectTimeout, o.ObjectTimeout))
		defer stop()
	}
	// The watchdog: re-armed by every read that returns bytes.
	var body io.Closer
	var bodyMu sync.Mutex
	idle := time.AfterFunc(o.IdleTimeout, func() {
		cancel(fmt.Errorf("%w for %s", ErrStalled, o.IdleTimeout))
		bodyMu.Lock()
		defer bodyMu.Unlock()
		if body != nil {
			body.Close() // unblocks a Read that does not watch the context
		}
	})
	defer idle.Stop()
	cause := func(err error) error {
		if c := context.Cause(ctx); c != nil && ctx.Err() != nil && (errors.Is(c, ErrStalled) || errors.Is(c, ErrObjectTimeout)) {
			return c
		}
		return err
	}

	tmp := path.Join(tmpDir, randomName())
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, fmt.Errorf("create temporary file: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			f.Close()
			root.Remove(tmp)
		}
	}()

	out, err := api.GetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(o.Bucket), Key: aws.String(ob.key),
		// Exactly the version we listed: if it changed meanwhile, S3 answers 412
		// and the next run backs up the new one, rather than mixing up ETags.
		IfMatch: aws.String(ob.etag),
		// Ask for the object's stored checksum; the SDK verifies the body against it.
		ChecksumMode: types.ChecksumModeEnabled,
	})
	if err != nil {
		return 0, fmt.Errorf("get: %w", cause(err))
	}
	bodyMu.Lock()
	body = out.Body
	bodyMu.Unlock()
	defer out.Body.Close()
	if ctx.Err() != nil { // the watchdog fired before there was a body to close
		out.Body.Close()
	}
	h := md5.New()
	n, err := io.Copy(io.MultiWriter(f, h), watchdog{out.Body, idle, o.IdleTimeout})
	if err == nil {
		err = ctx.Err() // the watchdog may have closed the body between reads
	}
	if err != nil {
		return n, fmt.Errorf("download: %w", cause(err))
	}
	if n != ob.size {
		return n, fmt.Errorf("got %d bytes, listing said %d", n, ob.size)
	}
	// A single-part upload's ETag is the MD5 of its bytes (except with SSE-KMS/SSE-C);
	// a multipart ETag ("…-N") is not, and is left to the SDK's checksum check.
	if md5ETag.MatchString(ob.etag) {
		if got := `"` + hex.EncodeToString(h.Sum(nil)) + `"`; got != ob.etag {
			return n, fmt.Errorf("MD5 %s does not match ETag %s", got, ob.etag)
		}
	}
	if err := f.Sync(); err != nil {
		return n, fmt.Errorf("sync %s: %w", rel, err)
	}
	if err := f.Close(); err != nil {
		return n, fmt.Errorf("close %s: %w", rel, err)
	}
	if dir := filepath.Dir(rel); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return n, fmt.Errorf("create %s: %w", dir, err)
		}
	}
	if err := root.Rename(tmp, rel); err != nil {
		return n, fmt.Errorf("rename into %s: %w", rel, err)
	}
	committed = true
	if out.LastModified != nil {
		_ = root.Chtimes(rel, *out.LastModified, *out.LastModified)
	}
	return n, nil
}

// watchdog re-arms the idle timer whenever bytes arrive.
type watchdog struct {
	r     io.Reader
	timer *time.Timer
	idle  time.Duration
}

func (w watchdog) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.timer.Reset(w.idle)
	}
	return n, err
}

var md5ETag = regexp.MustCompile(`^"[0-9a-f]{32}"$`)

func randomName() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) + ".part"
}

func sizeIs(root *os.Root, rel string, size int64) bool {
	fi, err := root.Stat(rel)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == size
}

// cleanTmp removes temporary files a killed run left behind.
func cleanTmp(root *os.Root) error {
	if err := root.MkdirAll(tmpDir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", tmpDir, err)
	}
	d, err := root.Open(tmpDir)
	if err != nil {
		return fmt.Errorf("open %s: %w", tmpDir, err)
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return fmt.Errorf("read %s: %w", tmpDir, err)
	}
	for _, n := range names {
		if err := root.Remove(path.Join(tmpDir, n)); err != nil {
			return fmt.Errorf("remove stale temporary file: %w", err)
		}
	}
	return nil
}
