package logstats_test

import (
	"context"
	"strings"
	"testing"

	"example.com/cloudgo/linux/logstats"
)

// FuzzLine: no input line makes the analyser panic, and every line is counted
// exactly once, as a request, a malformed line or another record.
func FuzzLine(f *testing.F) {
	for _, s := range []string{
		`10.0.0.1 - - [05/Dec/2026:04:00:01 +0000] "GET /a?x=1 HTTP/1.1" 200 5 "-" "curl" 0.010`,
		`[05/Dec/2026:04:00:01 +0000] x`, `a [`, `a b [05/Dec/2026:04:00:01 +0000] "`,
		`{"time":"2026-12-05T04:00:00Z","status":200,"path":"/","duration":"1.5ms"}`,
		`{"status":1e400}`, "", "\r", `1 - - [99/Xyz/2026:99:99:99 -9999] "" 999 - "" ""`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n") {
			return
		}
		a := logstats.New(logstats.Auto)
		a.Line([]byte(line))
		if err := a.ReadFrom(context.Background(), strings.NewReader(line+"\n"+line+"\n")); err != nil {
			t.Fatal(err)
		}
		res := a.Result(5)
		if res.Lines != 3 || res.Requests+res.Malformed+res.Other != 3 {
			t.Fatalf("%q: %+v", line, res)
		}
	})
}
