package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/testenv"
)

// End to end with the real server program: build it, run it, talk to it
// with this client, with and without a client certificate, then SIGINT it.
func TestClientAgainstServerProgram(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "tls-server")
	if out, err := exec.Command("go", "build", "-o", bin, "../server").CombinedOutput(); err != nil {
		t.Fatalf("build server: %v\n%s", err, out)
	}
	addr, dir := testenv.FreeAddr(t), filepath.Join(t.TempDir(), "certs")
	var logs bytes.Buffer
	srv := exec.Command(bin, "-addr", addr, "-dir", dir)
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()

	var out bytes.Buffer
	var err error
	for range 100 { // wait until the certificates exist and the port answers
		out.Reset()
		if err = run(context.Background(), []string{"-addr", addr, "-dir", dir}, &out); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		srv.Process.Kill()
		srv.Wait() // only then is logs safe to read
		t.Fatalf("client never succeeded: %v\nserver log:\n%s", err, logs.String())
	}
	for _, want := range []string{"version: TLS 1.3\n", `server:  "cloudgo demo server" issued by "cloudgo demo CA"`, "reply:   hello demo-client, you are verified by cloudgo demo CA\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if info, err := os.Stat(filepath.Join(dir, "client-key.pem")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("client key must be written 0600: %v %v", info.Mode(), err)
	}
	if err := run(context.Background(), []string{"-addr", addr, "-dir", dir, "-no-client-cert"}, &out); err == nil || !strings.Contains(err.Error(), "certificate required") {
		t.Errorf("without a client certificate: err = %v, want the server to demand one", err)
	}

	srv.Process.Signal(os.Interrupt)
	if err := srv.Wait(); err != nil {
		t.Errorf("server did not exit cleanly on SIGINT: %v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("server log lacks the clean stop:\n%s", logs.String())
	}
}
