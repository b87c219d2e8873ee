package kit

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestNameIsValidUniqueAndBounded(t *testing.T) {
	a, b := Name(t, "Orders Queue", "-", 0), Name(t, "Orders Queue", "-", 0)
	if a == b {
		t.Errorf("two names are equal: %s", a)
	}
	if !regexp.MustCompile(`^test-testnameisvaliduniqueandbounded-orders-queue-[a-z0-9]{8}$`).MatchString(a) {
		t.Errorf("Name = %q", a)
	}
	ks := Name(t, "keyspace", "_", 48)
	if len(ks) > 48 || !regexp.MustCompile(`^[a-z0-9_]+$`).MatchString(ks) || strings.Contains(ks, "__") {
		t.Errorf("Name(_, 48) = %q (%d bytes)", ks, len(ks))
	}
}

func TestEndpointTakesTheFirstSetVariable(t *testing.T) {
	t.Setenv("CLOUDGO_TEST_X_URL", "")
	t.Setenv("CLOUDGO_TEST_X_ADDR", "127.0.0.1:1")
	if v, ok := Endpoint("CLOUDGO_TEST_X_URL", "CLOUDGO_TEST_X_ADDR"); !ok || v != "127.0.0.1:1" {
		t.Errorf("Endpoint = %q, %v", v, ok)
	}
	os.Unsetenv("CLOUDGO_TEST_X_ADDR")
	if v, ok := Endpoint("CLOUDGO_TEST_X_URL", "CLOUDGO_TEST_X_ADDR"); ok {
		t.Errorf("Endpoint = %q, want none", v)
	}
}

// TestReaperRaceIsRetried: the start errors of a container the previous package's
// reaper removed under it are retried once (CI saw "is not running" from the
// Cassandra module's start hook); other errors are not.
func TestReaperRaceIsRetried(t *testing.T) {
	for _, msg := range []string{
		"creating reaper failed: container is removing",
		"Error response from daemon: container abc is marked for removal and cannot be started",
		"run cassandra: generic container: start container: started hook: wait until ready: container exec create: Error response from daemon: Container c721b58 is not running",
		"run rabbitmq: generic container: create container: created hook: can't copy /tmp/rabbitmq-testcontainers.conf to container: Error response from daemon: RWLayer of container 6dabc93 is unexpectedly nil",
	} {
		tries := 0
		err := retryReaper(func() error {
			if tries++; tries == 1 {
				return errors.New(msg)
			}
			return nil
		})
		if err != nil || tries != 2 {
			t.Errorf("%q: %d tries, err %v; want a second, successful try", msg, tries, err)
		}
	}
	tries := 0
	if err := retryReaper(func() error { tries++; return errors.New("pull access denied") }); err == nil || tries != 1 {
		t.Errorf("an unrelated error: %d tries, err %v; want one try and the error", tries, err)
	}
}
