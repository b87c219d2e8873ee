package logstats

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"time"
)

// Format is the kind of log lines to read.
type Format int

const (
	// Auto takes a line that starts with '{' as JSON, any other as combined.
	Auto Format = iota
	// Combined is nginx's (and Apache's) "combined" access log format,
	// optionally followed by $request_time (seconds, as nginx writes it):
	//
	//	$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" [$request_time]
	Combined
	// JSON is one object per line as log/slog's JSONHandler writes it. A request
	// record has "time" (RFC 3339), "status" (number) and "path"; "duration"
	// (a number of nanoseconds, slog's encoding of a time.Duration, or a string
	// such as "1.5ms") and "remote" (the client address) are optional. Records
	// without "status" (start-up messages …) are counted as other records.
	JSON
)

// ParseFormat maps "auto", "combined" and "json" to a Format.
func ParseFormat(s string) (Format, bool) {
	switch s {
	case "auto":
		return Auto, true
	case "combined":
		return Combined, true
	case "json":
		return JSON, true
	}
	return 0, false
}

// record is one request, its byte slices pointing into the line.
type record struct {
	minute      int64 // Unix time / 60
	status      int
	path        []byte
	client      []byte
	duration    time.Duration
	hasDuration bool
}

// errOther marks a well-formed record that is not a request.
var errOther = errors.New("not a request record")

var months = map[string]time.Month{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

// minuteCache remembers the last $time_local minute: consecutive lines almost
// always share it, and time.Date is the costliest step of a line.
type minuteCache struct {
	key    [26]byte // "10/Oct/2000:13:55:xx -0700" with the seconds blanked
	minute int64
	ok     bool
}

// parseCombined reads one line of the combined format. Field boundaries are
// found by scanning, not by a regexp: nginx escapes '"' inside fields as \x22,
// so a quote always ends a field.
func parseCombined(line []byte, r *record, mc *minuteCache) error {
	sp := bytes.IndexByte(line, ' ')
	if sp <= 0 {
		return errors.New("no client address")
	}
	r.client = line[:sp]
	open := bytes.IndexByte(line, '[')
	if open <= 0 || line[open-1] != ' ' {
		return errors.New("no [time]")
	}
	rest := line[open+1:]
	if len(rest) < 27 || rest[26] != ']' {
		return errors.New("time is not [dd/Mon/yyyy:hh:mm:ss +zzzz]")
	}
	m, err := mc.parse(rest[:26])
	if err != nil {
		return err
	}
	r.minute = m
	rest = rest[27:]
	if !bytes.HasPrefix(rest, []byte(` "`)) {
		return errors.New(`no "request" after the time`)
	}
	rest = rest[2:]
	q := bytes.IndexByte(rest, '"')
	if q < 0 {
		return errors.New("request has no closing quote")
	}
	r.path = requestPath(rest[:q])
	rest = rest[q+1:]
	// ` 200 1234 "referer" "agent"`
	if len(rest) < 5 || rest[0] != ' ' || rest[4] != ' ' {
		return errors.New("no 3-digit status after the request")
	}
	st, ok := digits(rest[1:4])
	if !ok || st < 100 {
		return errors.New("status is not a 3-digit number")
	}
	r.status = st
	rest = rest[5:]
	sp = bytes.IndexByte(rest, ' ')
	if sp < 0 {
		return errors.New("no referer after the body size")
	}
	if n := rest[:sp]; !(len(n) == 1 && n[0] == '-') {
		if _, ok := digits(n); !ok {
			return errors.New("body size is not a number")
		}
	}
	rest = rest[sp+1:]
	for _, what := range []string{"referer", "user agent"} {
		if len(rest) < 2 || rest[0] != '"' {
			return errors.New("no quoted " + what)
		}
		q = bytes.IndexByte(rest[1:], '"')
		if q < 0 {
			return errors.New(what + " has no closing quote")
		}
		rest = rest[q+2:]
		if what == "referer" {
			if len(rest) == 0 || rest[0] != ' ' {
				return errors.New("no user agent after the referer")
			}
			rest = rest[1:]
		}
	}
	// Optional: " 0.123" ($request_time), maybe followed by more fields.
	r.hasDuration = false
	if len(rest) > 1 && rest[0] == ' ' {
		f := rest[1:]
		if sp := bytes.IndexByte(f, ' '); sp >= 0 {
			f = f[:sp]
		}
		if d, ok := seconds(f); ok {
			r.duration, r.hasDuration = d, true
		}
	}
	return nil
}

// requestPath is the path of "GET /a/b?x=1 HTTP/1.1" without the query, or
// the whole field when it is not such a request line (nginx logs "-" or the raw
// bytes of a request it could not parse).
func requestPath(req []byte) []byte {
	sp := bytes.IndexByte(req, ' ')
	if sp < 0 {
		return req
	}
	p := req[sp+1:]
	if sp := bytes.IndexByte(p, ' '); sp >= 0 {
		p = p[:sp]
	}
	if q := bytes.IndexByte(p, '?'); q >= 0 {
		p = p[:q]
	}
	return p
}

// parse turns "10/Oct/2000:13:55:36 -0700" into Unix minutes (UTC).
func (mc *minuteCache) parse(t []byte) (int64, error) {
	var key [26]byte
	copy(key[:], t)
	key[18], key[19] = 0, 0 // seconds do not change the minute
	if mc.ok && key == mc.key {
		if _, ok := digits(t[18:20]); ok {
			return mc.minute, nil
		}
	}
	bad := errors.New("time is not dd/Mon/yyyy:hh:mm:ss +zzzz")
	day, ok1 := digits(t[0:2])
	mon, ok2 := months[string(t[3:6])]
	year, ok3 := digits(t[7:11])
	hour, ok4 := digits(t[12:14])
	min, ok5 := digits(t[15:17])
	_, ok6 := digits(t[18:20])
	zh, ok7 := digits(t[22:24])
	zm, ok8 := digits(t[24:26])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && ok8) ||
		t[2] != '/' || t[6] != '/' || t[11] != ':' || t[14] != ':' || t[17] != ':' || t[20] != ' ' ||
		(t[21] != '+' && t[21] != '-') || day < 1 || day > 31 || hour > 23 || min > 59 {
		return 0, bad
	}
	off := int64(zh*60 + zm)
	if t[21] == '-' {
		off = -off
	}
	m := time.Date(year, mon, day, hour, min, 0, 0, time.UTC).Unix()/60 - off
	mc.key, mc.minute, mc.ok = key, m, true
	return m, nil
}

// digits parses an unsigned decimal of at most 18 digits.
func digits(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// seconds parses nginx's $request_time ("0.123": seconds, millisecond resolution).
func seconds(b []byte) (time.Duration, bool) {
	whole, frac, _ := bytes.Cut(b, []byte("."))
	w, ok := digits(whole)
	if !ok || len(frac) > 9 {
		return 0, false
	}
	ns := int64(w) * int64(time.Second)
	scale := int64(time.Second)
	for _, c := range frac {
		if c < '0' || c > '9' {
			return 0, false
		}
		scale /= 10
		ns += int64(c-'0') * scale
	}
	return time.Duration(ns), true
}

// jsonRecord is what a JSON line may hold; other keys are ignored.
type jsonRecord struct {
	Time     string          `json:"time"`
	Status   *int            `json:"status"`
	Path     *string         `json:"path"`
	Duration json.RawMessage `json:"duration"`
	Remote   string          `json:"remote"`
}

// parseJSON reads one log/slog JSON record.
func parseJSON(line []byte, r *record) error {
	var j jsonRecord
	if err := json.Unmarshal(line, &j); err != nil {
		return errors.New("invalid JSON: " + err.Error())
	}
	if j.Status == nil || j.Path == nil {
		return errOther
	}
	t, err := time.Parse(time.RFC3339Nano, j.Time)
	if err != nil {
		return errors.New(`no RFC 3339 "time"`)
	}
	r.minute = t.Unix() / 60
	if t.Unix() < 0 && t.Unix()%60 != 0 {
		r.minute-- // floor, not truncation toward zero
	}
	r.status = *j.Status
	r.path = []byte(*j.Path)
	if q := bytes.IndexByte(r.path, '?'); q >= 0 {
		r.path = r.path[:q]
	}
	r.client = []byte(j.Remote)
	if len(r.client) == 0 {
		r.client = []byte("-")
	}
	r.hasDuration = false
	if len(j.Duration) > 0 {
		var ns int64
		var s string
		switch {
		case json.Unmarshal(j.Duration, &ns) == nil:
			r.duration, r.hasDuration = time.Duration(ns), true
		case json.Unmarshal(j.Duration, &s) == nil:
			d, err := time.ParseDuration(s)
			if err != nil {
				return errors.New(`"duration" is not a duration: ` + strconv.Quote(s))
			}
			r.duration, r.hasDuration = d, true
		default:
			return errors.New(`"duration" is neither nanoseconds nor a duration string`)
		}
	}
	return nil
}
