package pins_test

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"example.com/cloudgo/internal/pins"
)

// root is the repository root: go test runs in internal/pins.
const root = "../.."

// TestPinsAgree holds the one-source rule: every image compose.yaml runs, every
// FROM of a Dockerfile and every reference .ci/images maps to a stand-in is pinned
// in package pins, and every pin is mapped in .ci/images.
func TestPinsAgree(t *testing.T) {
	pinned := map[string]bool{}
	for _, ref := range pins.All {
		pinned[ref] = true
	}
	check := func(where, ref string) {
		if !pinned[ref] {
			t.Errorf("%s uses %s, which internal/pins does not pin (pins: %s)", where, ref, strings.Join(pins.All, ", "))
		}
	}

	compose := matches(t, filepath.Join(root, "compose.yaml"), regexp.MustCompile(`^\s*image:\s*"?([^"\s#]+)`))
	if len(compose) == 0 {
		t.Fatal("compose.yaml: no image lines found")
	}
	for _, ref := range compose {
		check("compose.yaml", ref)
	}

	ci := matches(t, filepath.Join(root, ".ci", "images"), regexp.MustCompile(`^\s*([^#\s]+)\s+\S+`))
	for _, ref := range ci {
		check(".ci/images", ref)
	}
	for _, ref := range pins.All {
		if !slices.Contains(ci, ref) {
			t.Errorf(".ci/images does not map %s: CI would have no image for it", ref)
		}
	}

	from := regexp.MustCompile(`(?i)^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && (d.Name() == "Dockerfile" || strings.HasSuffix(d.Name(), ".Dockerfile")) {
			for _, ref := range matches(t, path, from) {
				if !strings.HasPrefix(ref, "$") { // FROM $BASE is an argument, pinned where it is set
					check(path, ref)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// matches returns the first submatch of re on each line of the file at path.
func matches(t *testing.T, path string, re *regexp.Regexp) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if m := re.FindStringSubmatch(s.Text()); m != nil {
			out = append(out, m[1])
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
