// Package kit is what every cloudgo test does the same way to reach a service:
//
//  1. If CLOUDGO_TEST_<SERVICE>_ADDR (or _URL) is set, that endpoint is used and
//     nothing is started: point the tests at servers you run yourself (`make up`).
//  2. Otherwise the pinned image (package pins) is started with its
//     testcontainers-go module, once per test package (Shared; Main terminates it), or
//     once per test for a test that stops or execs into its server (Own).
//  3. Under `go test -short` no container is ever started: the test is skipped.
//     Without a Docker engine the test is skipped with a one-line hint, unless
//     CLOUDGO_REQUIRE_SERVICES=1 (CI sets it): then it fails, so a green run never
//     hides a service that was not tested.
//
// The service packages beside this one (redistest, kafkatest, …) are thin: a
// service's image, its Run, and its endpoint accessors. Example programs never
// import any of this; only tests and demos do.
package kit

import (
	"context"
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"
)

// StartTimeout bounds finding (or pulling) an image and waiting for its server.
const StartTimeout = 3 * time.Minute

// RequireEnv is the variable CI sets so that a missing service fails a test
// instead of skipping it.
const RequireEnv = "CLOUDGO_REQUIRE_SERVICES"

var (
	mu      sync.Mutex
	started []testcontainers.Container // shared containers, terminated by Main
)

// Main runs the package's tests, then terminates the shared containers they
// started. Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(kit.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	for _, c := range started {
		// Shared servers hold nothing worth a graceful shutdown.
		if err := testcontainers.TerminateContainer(c, testcontainers.StopTimeout(time.Second)); err != nil {
			fmt.Fprintln(os.Stderr, "kit: terminate container:", err)
		}
	}
	started = nil
	return code
}

// Endpoint returns the value of the first of the environment variables names that
// is set, and whether one was.
func Endpoint(names ...string) (string, bool) {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v, true
		}
	}
	return "", false
}

// Unavailable skips t with msg, or fails it under CLOUDGO_REQUIRE_SERVICES=1.
func Unavailable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatal(RequireEnv + "=1: " + msg)
	}
	t.Skip(msg)
}

// RequireDocker skips the test under -short (which starts no container), and when
// no Docker engine answers (failing it instead under CLOUDGO_REQUIRE_SERVICES=1).
func RequireDocker(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: starts no container (set CLOUDGO_TEST_<SERVICE>_ADDR/_URL to use your own server)")
	}
	dockerOnce.Do(func() { dockerErr = dockerHealth() })
	if dockerErr != nil {
		Unavailable(t, fmt.Sprintf("no Docker engine (%v): start Docker and rerun `make test`, "+
			"or point the tests at your own servers with CLOUDGO_TEST_<SERVICE>_ADDR (README.md)", dockerErr))
	}
}

var (
	dockerOnce sync.Once
	dockerErr  error
)

func dockerHealth() (err error) {
	// The provider panics in some broken setups instead of returning an error.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	p, err := testcontainers.ProviderDefault.GetProvider()
	if err != nil {
		return err
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return p.Health(ctx)
}

// Tool returns the path of an external program a test uses as an independent peer
// (kcat, dig, nc …). When it is missing the test is skipped with the Debian package
// to install, or fails under CLOUDGO_REQUIRE_SERVICES=1.
func Tool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Unavailable(t, fmt.Sprintf("%s not found: apt-get install %s", name, debianPackage))
	}
	return path
}

// Shared is one container shared by all tests of a package, started by the first
// test that asks for it and terminated by Main. T is what the tests get: a URL,
// an address, or a struct with credentials.
type Shared[T any] struct {
	once sync.Once
	v    T
	err  error
}

// Get returns the endpoint of the shared container, starting it with start on the
// first call. A failed start fails every test that asks.
func (s *Shared[T]) Get(t testing.TB, image string, start func(context.Context) (testcontainers.Container, T, error)) T {
	t.Helper()
	RequireDocker(t)
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
		defer cancel()
		s.err = retryReaper(func() error {
			c, v, err := start(ctx)
			keep(c)
			s.v = v
			return err
		})
	})
	if s.err != nil {
		t.Fatalf("start %s: %v", image, s.err)
	}
	return s.v
}

// Own starts a container for this test alone and terminates it when the test
// ends: for tests that stop, restart or exec into a server, which they may only do
// to one of their own. envNames are the variables that hand the tests an external
// server: when one is set, the test is skipped, because then tests start nothing.
func Own[C testcontainers.Container](t testing.TB, image string, envNames []string, start func(context.Context) (C, error)) C {
	t.Helper()
	if _, ok := Endpoint(envNames...); ok {
		t.Skipf("needs a %s container of its own; unset %s to run it", image, strings.Join(envNames, "/"))
	}
	RequireDocker(t)
	ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
	defer cancel()
	var c C
	err := retryReaper(func() error {
		var err error
		c, err = start(ctx)
		if err != nil {
			// Gone before a retry, so that a container with a fixed name can be
			// started again (the first try may have created it).
			_ = testcontainers.TerminateContainer(c)
			return err
		}
		testcontainers.CleanupContainer(t, c)
		return nil
	})
	if err != nil {
		t.Fatalf("start %s: %v", image, err)
	}
	return c
}

// keep hands c to Main to terminate, also when its start failed half-way.
func keep(c testcontainers.Container) {
	if c == nil || reflect.ValueOf(c).IsNil() {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	started = append(started, c)
}

// retryReaper runs start once more when it failed because the session's reaper
// (Ryuk) was going away just as this package found it: the reaper of the previous
// test package stops after that package's last container, and the next package may
// find it "removing", or see its new container removed with the old reaper's
// session ("marked for removal"; testcontainers-go issue #3867). The second try
// gets a fresh reaper. Any other error is returned at once.
func retryReaper(start func() error) error {
	err := start()
	if err != nil && reaperRace(err) {
		time.Sleep(2 * time.Second) // the old reaper's exit is not observable from here
		err = start()
	}
	return err
}

// reaperRace tells the errors of that race: the reaper itself ("Reaper handshake
// failed"), or a container it removed under the start, which surfaces wherever the
// start was: "marked for removal", "is not running" (the start hook's first exec),
// "RWLayer … is unexpectedly nil" or "No such container" (a file copied in).
func reaperRace(err error) bool {
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"reaper", "marked for removal", "is not running", "rwlayer", "no such container"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// FreePort asks the kernel for a TCP port nobody listens on, for a container port
// that must keep its host port across Stop and Start. Another process could take
// it first; the start then fails loudly rather than reaching a wrong server.
func FreePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

var notName = regexp.MustCompile(`[^a-z0-9]+`)

// Name returns a name of the test's own for a queue, topic, bucket, index, key
// prefix …: "test-<test name>-<what>-<random>", lower case, letters, digits and
// sep only, at most max bytes (0: no limit). Tests never collide with each other,
// with other packages on a shared server, or with what the demos leave behind.
func Name(t testing.TB, what, sep string, max int) string {
	t.Helper()
	suffix := strings.ToLower(rand.Text()[:8])
	base := strings.Trim(notName.ReplaceAllString(strings.ToLower(t.Name()+" "+what), sep), sep)
	if max > 0 {
		room := max - len("test"+sep+sep+suffix)
		if room < 0 {
			t.Fatalf("name limit %d too small", max)
		}
		base = strings.Trim(base[:min(len(base), room)], sep)
	}
	return "test" + sep + base + sep + suffix
}

// Env returns the environment variable key, or def when it is unset or empty.
func Env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
