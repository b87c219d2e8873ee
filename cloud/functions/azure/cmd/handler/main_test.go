package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"example.com/cloudgo/cloud/internal/cli"
)

func TestBadFlagValues(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-shutdown-timeout", "0s"}, "-shutdown-timeout"},

		{[]string{"-nope"}, "-nope"},
	} {
		var stderr strings.Builder
		err := run(context.Background(), tc.args, io.Discard, &stderr)
		if cli.Code(err) != 2 || !strings.Contains(err.Error()+stderr.String(), tc.want) {
			t.Errorf("%q: exit %d, %v (stderr %q); want exit 2 mentioning %q", tc.args, cli.Code(err), err, stderr.String(), tc.want)
		}
	}
	if err := run(context.Background(), []string{"-h"}, io.Discard, io.Discard); cli.Code(err) != 0 {
		t.Errorf("-h: exit %d, %v", cli.Code(err), err)
	}
}

// TestAddressInUse: a listen failure is one line naming the address, exit 1.
func TestAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = run(context.Background(), []string{"-addr", ln.Addr().String()}, io.Discard, io.Discard)
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), ln.Addr().String()) {
		t.Errorf("exit %d, %v", cli.Code(err), err)
	}
}

// TestRunServesAndStops: run answers invocations and returns when cancelled.
func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"-addr", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no first line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	url := strings.TrimSpace(strings.TrimPrefix(line, `custom handler for function "greet" on `))
	resp, err := http.Post(url+"/greet", "application/json",
		strings.NewReader(`{"Data": {"req": {"Url": "http://localhost:7071/hello", "Method": "GET"}}, "Metadata": {}}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"body":"{\"message\":\"Hello from Azure Functions!\"}"`) {
		t.Errorf("got %s", b)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("run did not stop")
	}
}
