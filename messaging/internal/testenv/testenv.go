// Package testenv hands the messaging tests the brokers they talk to.
//
// For each service a test asks for, in this order:
//
//  1. If CLOUDGO_TEST_RABBITMQ_URL (amqp://…) or CLOUDGO_TEST_KAFKA_ADDR (host:port)
//     is set, that endpoint is used and nothing is started: point the tests at a
//     broker you run yourself (`make up TOPIC=messaging`).
//  2. Otherwise the pinned official image is started with testcontainers-go, once per
//     test package (the first test that asks starts it; Main terminates it at the end).
//  3. Without Docker the test is skipped with a hint saying how to run it, unless
//     CLOUDGO_REQUIRE_SERVICES=1 (CI sets it): then it fails, so a green run never hides
//     a service that was not tested.
//
// Tests never touch a broker that was not handed to them explicitly, and use queue,
// exchange, topic and group names of their own (see Name).
package testenv

import (
	"context"
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

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go"
	tckafka "github.com/testcontainers/testcontainers-go/modules/kafka"
	tcrabbitmq "github.com/testcontainers/testcontainers-go/modules/rabbitmq"
)

// The images the tests pin. compose.yaml and .ci/images list the same references.
const (
	RabbitMQImage = "rabbitmq:3.13-management"
	// confluent-local 7.9.x is Kafka 3.9; the testcontainers Kafka module drives
	// only Confluent images.
	KafkaImage = "confluentinc/confluent-local:7.9.10"
)

// startTimeout bounds pulling (or finding) an image and waiting for the broker.
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
		// The shared brokers hold nothing worth a graceful shutdown.
		if err := testcontainers.TerminateContainer(c, testcontainers.StopTimeout(time.Second)); err != nil {
			fmt.Fprintln(os.Stderr, "testenv: terminate container:", err)
		}
	}
	started = nil
	return code
}

// Name returns a queue/exchange/topic name unique to this test and run, so tests
// never collide with each other or with what the examples leave behind.
func Name(t testing.TB, what string) string {
	t.Helper()
	clean := regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "-")
	return fmt.Sprintf("test-%s-%s-%d", strings.ToLower(clean), what, time.Now().UnixNano()%1e9)
}

// RabbitMQ returns an amqp:// URL for the tests: $CLOUDGO_TEST_RABBITMQ_URL or a
// container shared by the package.
func RabbitMQ(t testing.TB) string {
	t.Helper()
	if url := os.Getenv("CLOUDGO_TEST_RABBITMQ_URL"); url != "" {
		return url
	}
	return sharedRabbitMQ.get(t, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := tcrabbitmq.Run(ctx, RabbitMQImage)
		if err != nil {
			return c, "", err
		}
		url, err := c.AmqpURL(ctx)
		return c, url, err
	})
}

// OwnRabbitMQ starts a RabbitMQ container for this test alone and terminates it when
// the test ends: for tests that stop and restart the broker, which they may only do to
// one of their own. AMQP is published on a fixed host port, so the URL survives Stop
// and Start, as a real broker's name would. It skips when CLOUDGO_TEST_RABBITMQ_URL
// hands the tests an external broker, because then the tests must start nothing.
func OwnRabbitMQ(t testing.TB) (*tcrabbitmq.RabbitMQContainer, string) {
	t.Helper()
	if os.Getenv("CLOUDGO_TEST_RABBITMQ_URL") != "" {
		t.Skip("this test needs a RabbitMQ container of its own; unset CLOUDGO_TEST_RABBITMQ_URL to run it")
	}
	RequireDocker(t)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	var c *tcrabbitmq.RabbitMQContainer
	err = retryReaper(func() error {
		var err error
		c, err = tcrabbitmq.Run(ctx, RabbitMQImage, testcontainers.WithHostConfigModifier(func(hc *container.HostConfig) {
			hc.PortBindings = network.PortMap{network.MustParsePort(tcrabbitmq.DefaultAMQPPort): {{HostPort: port}}}
		}))
		testcontainers.CleanupContainer(t, c)
		return err
	})
	if err != nil {
		t.Fatalf("start %s: %v", RabbitMQImage, err)
	}
	url, err := c.AmqpURL(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c, url
}

// Kafka returns the bootstrap address (host:port) of a Kafka broker for the tests:
// $CLOUDGO_TEST_KAFKA_ADDR or a container shared by the package.
func Kafka(t testing.TB) string {
	t.Helper()
	if addr := os.Getenv("CLOUDGO_TEST_KAFKA_ADDR"); addr != "" {
		return addr
	}
	return sharedKafka.get(t, func(ctx context.Context) (testcontainers.Container, string, error) {
		c, err := tckafka.Run(ctx, KafkaImage)
		if err != nil {
			return c, "", err
		}
		brokers, err := c.Brokers(ctx)
		if err != nil {
			return c, "", err
		}
		return c, brokers[0], nil
	})
}

// Command returns the path of an external program the test needs (kcat …). When it
// is missing the test is skipped with the Debian package to install, or fails under
// CLOUDGO_REQUIRE_SERVICES=1.
func Command(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found: apt-get install %s", name, debianPackage)
	if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
		t.Fatal("CLOUDGO_REQUIRE_SERVICES=1: " + msg)
	}
	t.Skip(msg)
	return ""
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
		"or point the tests at your own brokers with CLOUDGO_TEST_RABBITMQ_URL / CLOUDGO_TEST_KAFKA_ADDR (see README.md)", dockerErr)
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

// retryReaper runs start again (twice at most) when it failed because the Ryuk
// reaper that another test package of the same `go test` run started was shutting
// down just as this package tried to reuse it (testcontainers-go issue #3867, open
// for v0.44/v0.45). Any other error is returned at once.
func retryReaper(start func() error) error {
	err := start()
	for range 2 {
		if err == nil || !strings.Contains(err.Error(), "reaper") {
			return err
		}
		time.Sleep(2 * time.Second)
		err = start()
	}
	return err
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
	sharedRabbitMQ = &service{image: RabbitMQImage}
	sharedKafka    = &service{image: KafkaImage}
)

func (s *service) get(t testing.TB, start func(context.Context) (testcontainers.Container, string, error)) string {
	t.Helper()
	RequireDocker(t)
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		var c testcontainers.Container
		var addr string
		err := retryReaper(func() error {
			var err error
			c, addr, err = start(ctx)
			keep(c)
			return err
		})
		s.addr, s.err = addr, err
	})
	if s.err != nil {
		t.Fatalf("start %s: %v", s.image, s.err)
	}
	return s.addr
}
