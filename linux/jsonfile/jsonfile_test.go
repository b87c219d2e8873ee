package jsonfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/linux/atomicfile"
)

// Person is the value these tests save and load.
type Person struct {
	Name  string   `json:"name"`
	Age   int      `json:"age"`
	Email string   `json:"email,omitempty"`
	Tags  []string `json:"tags,omitempty"`
}

func TestRoundTripAndPythonFormat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "person.json")
	// The file the Python original's json.dump writes must load too.
	os.WriteFile(p, []byte(`{"name": "Alice", "age": 25}`), 0o644)
	var got Person
	if err := Load(p, &got); err != nil || got.Name != "Alice" || got.Age != 25 {
		t.Fatalf("load Python file: %+v %v", got, err)
	}
	in := Person{Name: "Zoë \"Z\"", Age: 41, Email: "z@example.com", Tags: []string{"a", "b"}}
	if err := Save(p, in); err != nil {
		t.Fatal(err)
	}
	var back Person
	if err := Load(p, &back); err != nil || back.Name != in.Name || back.Age != in.Age || strings.Join(back.Tags, ",") != "a,b" {
		t.Errorf("round trip: %+v %v", back, err)
	}
}

func TestMalformedFilesAreClearErrors(t *testing.T) {
	dir := t.TempDir()
	for content, wantSub := range map[string]string{
		"":                               "1:1: unexpected end of file",
		"{\"name\": \"A\"":               "1:13: unexpected end of file",
		"{\"name\": \"A\"}\n{}":          "2:1: unexpected data after",
		"[1,2]":                          "wants jsonfile.Person, got JSON array",
		"{\n\n   \"age\": 1e400}":        "3:",
		"{\"name\":\"A\",\n \"age\": x}": "2:9: syntax error: invalid character 'x'",
		// Issue 13.11: a stray closing bracket after the value is trailing data too.
		"{\"name\":\"a\",\"age\":1}}": "1:21: unexpected data after",
		"{\"name\":\"a\",\"age\":1}]": "1:21: unexpected data after",
		"{\"name\":\"a\"} \n ]":       "2:2: unexpected data after",
	} {
		p := filepath.Join(dir, "f.json")
		os.WriteFile(p, []byte(content), 0o644)
		var v Person
		err := Load(p, &v)
		if err == nil || !strings.Contains(err.Error(), wantSub) || !strings.Contains(err.Error(), p) {
			t.Errorf("Load(%q) = %v, want it to name the file and contain %q", content, err, wantSub)
		}
	}
}

func TestUnencodableValueTouchesNothing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "person.json")
	os.WriteFile(p, []byte("old\n"), 0o644)
	if err := Save(p, map[string]any{"f": func() {}}); err == nil {
		t.Fatal("want an encode error")
	}
	if b, _ := os.ReadFile(p); string(b) != "old\n" {
		t.Errorf("file changed: %q", b)
	}
}

// slowWriter dribbles bytes out and says when it has started, so the
// parent can kill the process in the middle of a save.
type slowWriter struct {
	w       io.Writer
	started bool
}

func (s *slowWriter) Write(p []byte) (int, error) {
	for i := range p {
		if _, err := s.w.Write(p[i : i+1]); err != nil {
			return i, err
		}
		if !s.started {
			s.started = true
			os.Stdout.WriteString("writing\n")
		}
		time.Sleep(time.Millisecond)
	}
	return len(p), nil
}

// TestKillDuringSaveKeepsOldFile re-runs this test binary as a child that
// saves a large Person slowly, SIGKILLs it mid-write, and checks that
// person.json still holds the complete old value.
func TestKillDuringSaveKeepsOldFile(t *testing.T) {
	if path := os.Getenv("JSONFILE_SLOW_SAVE"); path != "" {
		big := Person{Name: strings.Repeat("N", 100000), Age: 99}
		err := save(path, big, func(w io.Writer) io.Writer { return &slowWriter{w: w} })
		t.Fatalf("child should have been killed, save returned %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "person.json")
	if err := Save(path, Person{Name: "Alice", Age: 25}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringSaveKeepsOldFile$", "-test.count=1")
	cmd.Env = append(os.Environ(), "JSONFILE_SLOW_SAVE="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	started := false
	for sc.Scan() {
		if sc.Text() == "writing" {
			started = true
			break
		}
	}
	// Let it get well into the file: wait until the temp file holds 1000 bytes.
	for deadline := time.Now().Add(20 * time.Second); ; {
		if left, _ := atomicfile.Leftovers(path); len(left) == 1 {
			if fi, err := os.Stat(left[0]); err == nil && fi.Size() >= 1000 {
				break
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the child's temp file never reached 1000 bytes")
		}
		time.Sleep(5 * time.Millisecond) // polling with a deadline
	}
	cmd.Process.Kill() // SIGKILL: no defer, no cleanup runs
	cmd.Wait()
	if !started {
		t.Fatal("child never started writing")
	}

	after, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(before, after) {
		t.Fatalf("person.json changed by a killed save: %q (err %v)", after, err)
	}
	var p Person
	if err := json.Unmarshal(after, &p); err != nil || p.Name != "Alice" {
		t.Fatalf("old file no longer valid: %+v %v", p, err)
	}
	// The kill leaves a half-written temp file beside it: proof the write
	// really was interrupted, and safe to delete.
	left, _ := atomicfile.Leftovers(path)
	if len(left) != 1 {
		t.Fatalf("want exactly one leftover temp file, got %v", left)
	}
	if fi, _ := os.Stat(left[0]); fi.Size() == 0 || fi.Size() > 100000 {
		t.Errorf("leftover has %d bytes; want a partial write", fi.Size())
	}
}
