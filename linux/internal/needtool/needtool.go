// Package needtool lets tests require a program from the base system: the
// test skips naming the Debian package to install, and fails instead when
// CLOUDGO_REQUIRE_SERVICES=1 (CI), where a skip would hide a gap.
package needtool

import (
	"os"
	"os/exec"
	"testing"
)

// debPackage names the Debian package of the tools these tests use.
var debPackage = map[string]string{"grep": "grep", "sh": "dash", "setpriv": "util-linux"}

// Need skips (or fails in CI) unless every tool is on $PATH.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			pkg := debPackage[tool]
			if pkg == "" {
				pkg = "coreutils"
			}
			SkipOrFail(t, tool+" not found (apt-get install "+pkg+"): "+err.Error())
		}
	}
}

// SkipOrFail skips with reason, or fails with it when CLOUDGO_REQUIRE_SERVICES=1.
func SkipOrFail(t testing.TB, reason string) {
	t.Helper()
	if os.Getenv("CLOUDGO_REQUIRE_SERVICES") == "1" {
		t.Fatal(reason + " (CLOUDGO_REQUIRE_SERVICES=1: must not skip)")
	}
	t.Skip(reason)
}
