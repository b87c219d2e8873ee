package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"
)

// TestProgramsRejectBadFlags builds every program of the topic and runs each with
// flag values it must refuse: exit status 2 and a message naming the flag, before
// any network call (the addresses given would not answer), never a panic or a hang.
func TestProgramsRejectBadFlags(t *testing.T) {
	bin := kit.Build(t, "../..", "./memcached/cmd/memcached", "./memcached/cmd/expiry", "./memcached/cmd/badkeys", "./rediscache", "./cacheaside/cmd/cacheaside", "./varnish/cmd/origin", "./varnish/cmd/client")
	cases := []struct {
		program string
		args    []string
		want    string // in the one-line message on stderr
	}{
		{"memcached", []string{"-timeout", "0s"}, "-timeout must be positive"},
		{"memcached", []string{"-timeout", "-1s"}, "-timeout must be positive"},
		{"memcached", []string{"-timeout", "soon"}, "invalid value"},
		{"memcached", []string{"-prefix", "has space:"}, "-prefix"},
		{"memcached", []string{"-prefix", strings.Repeat("p", 245)}, "-prefix"},
		{"expiry", []string{"-ttl", "0"}, "-ttl must be 1..60"},
		{"expiry", []string{"-ttl", "-1"}, "-ttl must be 1..60"},
		{"expiry", []string{"-ttl", "2592001"}, "-ttl must be 1..60"},
		{"expiry", []string{"-ttl", "1.5"}, "invalid value"},
		{"expiry", []string{"-timeout", "0s"}, "-timeout must be positive"},
		{"expiry", []string{"-key", "bad key"}, "-key"},
		{"badkeys", []string{"-timeout", "0s"}, "-timeout must be positive"},
		{"badkeys", []string{"-timeout", "-2s"}, "-timeout must be positive"},
		{"rediscache", []string{"-ttl", "0s"}, "-ttl must be"},
		{"rediscache", []string{"-ttl", "-5s"}, "-ttl must be"},
		{"rediscache", []string{"-ttl", "1500us"}, "-ttl must be"},
		{"rediscache", []string{"-addr", "redis://host:notaport/0"}, "-addr"},
		{"cacheaside", []string{"-readers", "0"}, "-readers must be"},
		{"cacheaside", []string{"-readers", "-3"}, "-readers must be"},
		{"cacheaside", []string{"-readers", "99999999"}, "-readers must be"},
		{"cacheaside", []string{"-latency", "-1ms"}, "-latency must be"},
		{"cacheaside", []string{"-addr", "redis://host:notaport/0"}, "-addr"},
		{"origin", []string{"-addr", "8080"}, "-addr"},
		{"origin", []string{"-shutdown-timeout", "0s"}, "-shutdown-timeout must be"},
		{"client", []string{"-url", "127.0.0.1:6081"}, "-url"},
		{"client", []string{"-url", "ftp://127.0.0.1:6081"}, "-url"},
		{"client", []string{"-nosuchflag"}, "not defined"},
	}
	for _, c := range cases {
		t.Run(c.program+" "+strings.Join(c.args, " "), func(t *testing.T) {
			kit.UsageError(t, filepath.Join(bin, c.program), c.args,
				[]string{"REDIS_URL=127.0.0.1:1", "MEMCACHED_ADDR=127.0.0.1:1", "VARNISH_URL=http://127.0.0.1:1"}, c.want)
		})
	}
}
