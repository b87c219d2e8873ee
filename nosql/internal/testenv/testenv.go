// Package testenv hands the nosql tests the servers they talk to.
//
// For each service a test asks for, in this order:
//
//  1. If CLOUDGO_TEST_<SERVICE>_ADDR (or _URL) is set, that endpoint is used and
//     nothing is started: point the tests at a server you run yourself.
//  2. Otherwise the pinned official image is started with testcontainers-go, once per
//     test package (the first test that asks starts it; Main terminates it at the end).
//  3. Without Docker the test is skipped with a hint saying how to run it, unless
//     CLOUDGO_REQUIRE_SERVICES=1 (CI sets it): then it fails, so a green run never hides
//     a service that was not tested.
//
// Tests never touch a server that was not handed to them explicitly.
package testenv

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go"
	tccassandra "github.com/testcontainers/testcontainers-go/modules/cassandra"
	tcredis "github.com/testcontainers/testcontainers-go/modules/redis"
)

// The images the tests pin. compose.yaml and .ci/images list the same references.
const (
	RedisImage     = "redis:7.4"
	CassandraImage = "cassandra:5.0.8"
)

// startTimeout bounds pulling (or finding) an image and waiting for the server to listen.
const startTimeout = 3 * time.Minute

var (
	mu      sync.Mutex
	started []testcontainers.Container // shared containers, terminated by Main
)

// Main runs the package's tests, then terminates the shared containers they started.
// Use it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	for _, c := range started {
		if err := testcontainers.TerminateContainer(c); err != nil {
			fmt.Fprintln(os.Stderr, "testenv: terminate container:", err)
		}
	}
	started = nil
	return code
}

// Redis returns a redis:// URL for the tests: $CLOUDGO_TEST_REDIS_URL, or
// redis://$CLOUDGO_TEST_REDIS_ADDR, or a container shared by the package.
func Redis(t testing.TB) string {
	t.Helper()
	if url := os.Getenv("CLOUDGO_TEST_REDIS_URL"); url != "" {
		return url
	}
	if addr := os.Getenv("CLOUDGO_TEST_REDIS_ADDR"); addr != "" {
		return "redis://" + addr
	}
	return sharedRedis.get(t, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := tcredis.Run(ctx, RedisImage)
		if err != nil {
			return c, "", err
		}
		url, err := c.ConnectionString(ctx)
		return c, url, err
	})
}

// Cassandra returns the host:port of a Cassandra node for the tests:
// $CLOUDGO_TEST_CASSANDRA_ADDR, or a container shared by the package. Tests create
// keyspaces of their own (see Keyspace), so they never see each other's tables.
func Cassandra(t testing.TB) string {
	t.Helper()
	if addr := os.Getenv("CLOUDGO_TEST_CASSANDRA_ADDR"); addr != "" {
		return addr
	}
	return sharedCassandra.get(t, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := tccassandra.Run(ctx, CassandraImage)
		if err != nil {
			return c, "", err
		}
		addr, err := c.ConnectionHost(ctx)
		return c, addr, err
	})
}

// Keyspace turns the test package's folder and the test's name into a keyspace of
// the test's own ("t_users_testrun"): letters, digits and underscores, at most 48
// characters, as Cassandra requires. Packages run in parallel, possibly against one
// server (CLOUDGO_TEST_CASSANDRA_ADDR), so the folder is part of the name.
func Keyspace(t testing.TB) string {
	var b strings.Builder
	for _, r := range strings.ToLower("t_" + pkgDir() + "_" + t.Name()) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	ks := b.String()
	if len(ks) > 48 {
		ks = ks[:48]
	}
	return ks
}

// Prefix is a Redis key prefix of the test's own: "test:<package folder>:<test name>:".
func Prefix(t testing.TB) string {
	return "test:" + pkgDir() + ":" + t.Name() + ":"
}

// pkgDir is the base name of the test package's folder: go test runs a package's
// tests in its source directory.
func pkgDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "unknown"
	}
	return filepath.Base(wd)
}

// OwnRedis starts a Redis container for this test alone and terminates it when the test
// ends: for tests that stop, restart or exec into the server, which they may only do
// to a server of their own. Its port is published on a fixed host port, so the address
// survives Stop and Start, as a real server's name would. It skips when
// CLOUDGO_TEST_REDIS_URL/_ADDR hands the tests an external server, because then the
// tests must start nothing.
func OwnRedis(t testing.TB, opts ...testcontainers.ContainerCustomizer) *tcredis.RedisContainer {
	t.Helper()
	if os.Getenv("CLOUDGO_TEST_REDIS_URL") != "" || os.Getenv("CLOUDGO_TEST_REDIS_ADDR") != "" {
		t.Skip("this test needs a Redis container of its own; unset CLOUDGO_TEST_REDIS_URL/_ADDR to run it")
	}
	RequireDocker(t)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	opts = append(opts, testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
		hc.PortBindings = network.PortMap{network.MustParsePort("6379/tcp"): {{HostPort: port}}}
	}))
	var c *tcredis.RedisContainer
	err = retryReaper(func() error {
		var err error
		c, err = tcredis.Run(ctx, RedisImage, opts...)
		testcontainers.CleanupContainer(t, c)
		return err
	})
	if err != nil {
		t.Fatalf("start %s: %v", RedisImage, err)
	}
	return c
}

// freePort asks the kernel for a port nobody listens on. Another process could take
// it before Docker does; the start then fails loudly rather than using a wrong server.
func freePort() (string, error) {
	l, err := net.Listen("tcp", ":0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}

// RequireDocker skips the test (or fails it under CLOUDGO_REQUIRE_SERVICES=1) when no
// Docker engine answers.
func RequireDocker(t testing.TB) {
	t.Helper()
	dockerOnce.Do(func() { dockerErr = dockerHealth() })
	if dockerErr == nil {
		return
	}
	msg := fmt.Sprintf("no Docker engine (%v): start Docker and rerun `make test`, "+
		"or point the tests at your own servers with CLOUDGO_TEST_<SERVICE>_ADDR (see README.md)", dockerErr)
	if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
		t.Fatal("CLOUDGO_REQUIRE_SERVICES=1: " + msg)
	}
	t.Skip(msg)
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

// keep hands c to Main to terminate, also when its start failed half-way.
func keep(c testcontainers.Container) {
	if c == nil || reflect.ValueOf(c).IsNil() {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	started = append(started, c)
}

// service is one container shared by all tests of a package.
type service struct {
	image string
	once  sync.Once
	addr  string
	err   error
}

var (
	sharedRedis     = &service{image: RedisImage}
	sharedCassandra = &service{image: CassandraImage}
)

func (s *service) get(t testing.TB, start func(context.Context) (testcontainers.Container, string, error)) string {
	t.Helper()
	RequireDocker(t)
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		s.err = retryReaper(func() error {
			c, addr, err := start(ctx)
			keep(c)
			s.addr = addr
			return err
		})
	})
	if s.err != nil {
		t.Fatalf("start %s: %v", s.image, s.err)
	}
	return s.addr
}

// retryReaper runs start once more when it failed because the session's reaper
// (Ryuk) was going away just as this package found it: the reaper of a previous
// test package stops after that package's last container, and the next package
// may still find it "removing", or have its new container removed with the old
// reaper's session ("marked for removal"; testcontainers-go issue #3867). The
// second try creates a fresh reaper. Any other error is returned at once.
func retryReaper(start func() error) error {
	err := start()
	if err != nil && (strings.Contains(err.Error(), "reaper") || strings.Contains(err.Error(), "marked for removal")) {
		time.Sleep(2 * time.Second)
		err = start()
	}
	return err
}
