package kit

import (
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
