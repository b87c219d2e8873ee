package logstats

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// GenOptions describes a generated access log.
type GenOptions struct {
	Lines          int       // lines written, malformed ones included
	Seed           uint64    // same seed, same file
	Start          time.Time // time of the first request
	Span           time.Duration
	JSON           bool // log/slog JSON records instead of nginx combined lines
	MalformedEvery int  // every n-th line is malformed (0: none)
}

var (
	genPaths = []string{"/", "/index.html", "/api/items", "/api/items/{id}", "/api/login", "/static/app.js",
		"/static/app.css", "/favicon.ico", "/healthz", "/api/search", "/robots.txt", "/api/orders", "/admin"}
	genAgents = []string{"curl/7.88.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", "Go-http-client/1.1",
		"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "-"}
	genMalformed = []string{
		"garbage that is not a log line",
		`10.0.0.1 - - [05/Dec/2026:04:00:00 +0000] "GET / HTTP/1.1" 2x0 12 "-" "-"`,
		`10.0.0.1 - - 05/Dec/2026:04:00:00 +0000 "GET / HTTP/1.1" 200 12 "-" "-"`,
		`10.0.0.1 - - [05/Dez/2026:04:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "-"`,
		"",
		`10.0.0.1 - - [05/Dec/2026:04:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "trunc`,
		`{"time":"2026-12-05T04:00:00Z","status":200,"path":"/"`,
	}
)

// Generate writes a reproducible access log: skewed paths (a few hot, a long
// tail of /api/items/<id>), skewed clients (one crawler sends 4%), mostly 2xx
// with some 4xx, 5xx at about 2% with one bad minute at ~40%, and log-normal
// request times around 20 ms with a slow tail. Times are in UTC (+0000). It
// stops with ctx's error when ctx ends.
func Generate(ctx context.Context, w io.Writer, o GenOptions) error {
	r := rand.New(rand.NewPCG(o.Seed, 19))
	bw := bufio.NewWriterSize(w, 256<<10)
	badMinute := o.Start.Add(o.Span / 2).Truncate(time.Minute)
	for i := range o.Lines {
		if i%8192 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if o.MalformedEvery > 0 && i%o.MalformedEvery == o.MalformedEvery-1 {
			bw.WriteString(genMalformed[(i/o.MalformedEvery)%len(genMalformed)])
			bw.WriteByte('\n')
			continue
		}
		t := o.Start.Add(time.Duration(float64(o.Span) * float64(i) / float64(max(o.Lines, 1)))).UTC()
		path := genPaths[min(int(r.ExpFloat64()*2.5), len(genPaths)-1)]
		if path == "/api/items/{id}" {
			path = fmt.Sprintf("/api/items/%d", r.IntN(3000))
		}
		query := ""
		if r.IntN(10) == 0 {
			query = fmt.Sprintf("?page=%d", r.IntN(5))
		}
		client := fmt.Sprintf("10.%d.%d.%d", r.IntN(2), r.IntN(4), min(int(r.ExpFloat64()*40), 254))
		if r.IntN(25) == 0 {
			client = "203.0.113.7" // a crawler: 4% of all requests
		}
		status := 200
		switch p := r.Float64(); {
		case t.Truncate(time.Minute).Equal(badMinute) && p < 0.4, p < 0.02:
			status = []int{500, 502, 503, 504}[r.IntN(4)]
		case p < 0.07:
			status = []int{404, 400, 401, 499}[r.IntN(4)]
		case p < 0.10:
			status = []int{301, 304}[r.IntN(2)]
		}
		took := time.Duration(math.Exp(r.NormFloat64()*0.8+math.Log(20)) * float64(time.Millisecond))
		if r.IntN(100) == 0 {
			took *= 20 // the slow tail
		}
		method := "GET"
		if r.IntN(8) == 0 {
			method = "POST"
		}
		if o.JSON {
			fmt.Fprintf(bw, `{"time":%q,"level":"INFO","msg":"request","method":%q,"path":%q,"status":%d,"duration":%d,"remote":%q}`+"\n",
				t.Format(time.RFC3339Nano), method, path+query, status, took, client)
			continue
		}
		request := method + " " + path + query + " HTTP/1.1"
		if r.IntN(500) == 0 {
			request, status = "-", 400 // what nginx logs for a connection closed before a request
		}
		secs := took.Round(time.Millisecond).Seconds()
		fmt.Fprintf(bw, "%s - - [%s] %q %d %d %q %q %.3f\n", client, t.Format("02/Jan/2006:15:04:05 -0700"), request,
			status, r.IntN(20000), "-", genAgents[r.IntN(len(genAgents))], secs)
	}
	return bw.Flush()
}
