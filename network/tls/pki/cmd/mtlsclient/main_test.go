package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/network/internal/cli"
	"example.com/cloudgo/network/internal/nettest"
)

// End to end with the real server program: build it, run it, wait for its
// "listening" log line, talk to it with this client, with and without a
// client certificate, then SIGINT it.
func TestClientAgainstServerProgram(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "mtlsserver")
	if out, err := exec.Command("go", "build", "-o", bin, "../mtlsserver").CombinedOutput(); err != nil {
		t.Fatalf("build server: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "certs")
	srv := exec.Command(bin, "-addr", "127.0.0.1:0", "-dir", dir)
	stderr, err := srv.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	var logs nettest.Buffer
	addrCh := make(chan string, 1)
	logDone := make(chan struct{})
	go func() {
		defer close(logDone)
		sc := bufio.NewScanner(stderr)
		listening := regexp.MustCompile(`addr=https://(\S+)`)
		for sc.Scan() {
			logs.Write(append(sc.Bytes(), '\n'))
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				addrCh <- m[1]
			}
		}
	}()
	var addr string
	select {
	case addr = <-addrCh:
	case <-time.After(10 * time.Second):
		t.Fatalf("server did not log its address:\n%s", logs.String())
	}

	var out bytes.Buffer
	if err := run(context.Background(), []string{"-addr", addr, "-dir", dir}, &out, io.Discard); err != nil {
		t.Fatalf("client: %v\nserver log:\n%s", err, logs.String())
	}
	for _, want := range []string{"version: TLS 1.3\n", `server:  "cloudgo demo server" issued by "cloudgo demo CA"`, "reply:   hello demo-client, you are verified by cloudgo demo CA\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if info, err := os.Stat(filepath.Join(dir, "client-key.pem")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("client key must be written 0600: %v %v", info.Mode(), err)
	}
	err = run(context.Background(), []string{"-addr", addr, "-dir", dir, "-no-client-cert"}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "certificate required") || !strings.Contains(err.Error(), addr) {
		t.Errorf("without a client certificate: err = %v, want the server at %s to demand one", err, addr)
	}

	srv.Process.Signal(os.Interrupt)
	<-logDone
	if err := srv.Wait(); err != nil {
		t.Errorf("server did not exit cleanly on SIGINT: %v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("server log lacks the clean stop:\n%s", logs.String())
	}
}

func TestMissingCertsAndBadFlags(t *testing.T) {
	dir := t.TempDir()
	err := run(context.Background(), []string{"-addr", "127.0.0.1:1", "-dir", dir}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), dir) {
		t.Errorf("no ca.pem: err = %v, want exit 1 naming %s", err, dir)
	}
	if err := run(context.Background(), []string{"-timeout", "0s"}, io.Discard, io.Discard); cli.Code(err) != 2 {
		t.Errorf("-timeout 0s: err = %v, want exit 2", err)
	}
}
