package network_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every program answers a bad flag value with one clear line on stderr and
// exit status 2: never a panic (which also exits 2, with a stack trace), a
// hang, or a server that starts anyway (issue 13.15).
var badFlags = []struct {
	prog string // package path from the network folder
	args []string
	want string // the message names the flag
}{
	{"ipaddr/cmd/ipinfo", []string{"-split", "-1", "10.0.0.0/8"}, "-split"},
	{"ipaddr/cmd/ipinfo", []string{"-split", "129", "10.0.0.0/8"}, "-split"},
	{"tcp/echo/cmd/echoserver", []string{"-addr", "127.0.0.1:0", "-max-frame", "0"}, "-max-frame"},
	{"tcp/echo/cmd/echoserver", []string{"-addr", "127.0.0.1:0", "-max-frame", "-5"}, "-max-frame"},
	{"tcp/echo/cmd/echoserver", []string{"-addr", "127.0.0.1:0", "-read-timeout", "0s"}, "-read-timeout"},
	{"tcp/echo/cmd/echoserver", []string{"-addr", "127.0.0.1:0", "-read-timeout", "-1s"}, "-read-timeout"},
	{"tcp/echo/cmd/echoclient", []string{"-timeout", "0s", "x"}, "-timeout"},
	{"tcp/rawhttp", []string{"-timeout", "-1s"}, "-timeout"},
	{"tcp/rawhttp", []string{"-path", "/ HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET /"}, "-path"},
	{"tcp/rawhttp", []string{"-path", "/a\nb"}, "-path"},
	{"tcp/rawhttp", []string{"-path", "no-slash"}, "-path"},
	{"metrics/cmd/metricsserver", []string{"-addr", "127.0.0.1:0", "-metrics-addr", "127.0.0.1:0", "-handler-timeout", "0s"}, "-handler-timeout"},
	{"metrics/cmd/metricsserver", []string{"-addr", "127.0.0.1:0", "-metrics-addr", "9464"}, "-metrics-addr"},
	{"metrics/cmd/promquery", []string{"-window", "0s"}, "-window"},
	{"metrics/cmd/promquery", []string{"-prometheus", "127.0.0.1:9090"}, "-prometheus"},
	{"tcp/rawhttp", []string{"-addr", "127.0.0.1:8080\r\nX: y"}, "-addr"},
	{"tcp/throughput/cmd/throughput", []string{"-duration", "0s", "-iperf3", ""}, "-duration"},
	{"tcp/throughput/cmd/throughput", []string{"-frame", "0", "-iperf3", ""}, "-frame"},
	{"tcp/throughput/cmd/throughput", []string{"-frame", "-1", "-iperf3", ""}, "-frame"},
	{"udp/echo/cmd/udpserver", []string{"-addr", "127.0.0.1:0", "-max-payload", "-2"}, "-max-payload"},
	{"udp/echo/cmd/udpserver", []string{"-addr", "127.0.0.1:0", "-max-payload", "0"}, "-max-payload"},
	{"udp/echo/cmd/udpserver", []string{"-addr", "127.0.0.1:0", "-max-payload", "70000"}, "-max-payload"},
	{"udp/echo/cmd/udpclient", []string{"-attempts", "0", "x"}, "-attempts"},
	{"udp/echo/cmd/udpclient", []string{"-timeout", "0s", "x"}, "-timeout"},
	{"http/api/cmd/apiserver", []string{"-addr", "127.0.0.1:0", "-handler-timeout", "0s"}, "-handler-timeout"},
	{"http/api/cmd/apiserver", []string{"-addr", "127.0.0.1:0", "-grace", "-1s"}, "-grace"},
	{"http/api/cmd/apiclient", []string{"-timeout", "0s"}, "-timeout"},
	{"dns/authdns/cmd/dnslookup", []string{"-timeout", "0s"}, "-timeout"},
	{"dns/authdns/cmd/dnslookup", []string{"-timeout", "-2s"}, "-timeout"},
	{"tls/pki/cmd/mtlsserver", []string{"-addr", "no-port"}, "-addr"},
	{"tls/pki/cmd/mtlsclient", []string{"-timeout", "0s"}, "-timeout"},
	{"dns/authdns/cmd/authdns", []string{"-undefined-flag"}, "-undefined-flag"},
}

func TestBadFlagValuesExit2(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every program")
	}
	bin := t.TempDir()
	seen := map[string]bool{}
	pkgs := []string{"build", "-o", bin}
	for _, c := range badFlags {
		if !seen[c.prog] {
			seen[c.prog] = true
			pkgs = append(pkgs, "./"+c.prog)
		}
	}
	if out, err := exec.Command("go", pkgs...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range badFlags {
		t.Run(c.prog+" "+strings.Join(c.args, " "), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			cmd := exec.CommandContext(ctx, filepath.Join(bin, filepath.Base(c.prog)), c.args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if ctx.Err() != nil {
				t.Fatalf("still running after 10s (it should refuse at once)\nstderr: %s", stderr.String())
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 {
				t.Errorf("exit: %v, want status 2\nstderr: %s", err, stderr.String())
			}
			if s := stderr.String(); strings.Contains(s, "panic") || strings.Contains(s, "goroutine ") || !strings.Contains(s, c.want) {
				t.Errorf("stderr should name %s, without a panic:\n%s", c.want, s)
			}
		})
	}
}
