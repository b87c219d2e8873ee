package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/internal/kit"
)

// TestProgramsRejectBadFlags builds every program of the topic and runs each with
// flag values it must refuse: exit status 2 and a message naming the flag, before
// any network call (the addresses in the environment would not answer), never a
// panic or a hang.
func TestProgramsRejectBadFlags(t *testing.T) {
	// Every program of the topic: a new one is covered without being listed.
	var pkgs, cassandra, redis, mongodb []string
	mains, err := filepath.Glob("../../*/*/main.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mains {
		dir := filepath.Dir(m)
		service, program := filepath.Base(filepath.Dir(dir)), filepath.Base(dir)
		pkgs = append(pkgs, "./"+service+"/"+program)
		switch service {
		case "cassandra":
			cassandra = append(cassandra, program)
		case "redis":
			redis = append(redis, program)
		case "mongodb":
			mongodb = append(mongodb, program)
		default:
			t.Errorf("%s: a program of an unknown service; give it its bad flag values here", m)
		}
	}
	if len(cassandra) < 7 || len(redis) < 9 || len(mongodb) < 8 {
		t.Fatalf("found only %v, %v and %v", cassandra, redis, mongodb)
	}
	bin := kit.Build(t, "../..", pkgs...)

	type badFlag struct {
		args []string
		want string // in the message on stderr
	}
	common := []badFlag{
		{[]string{"-timeout", "0s"}, "-timeout must be positive"},
		{[]string{"-timeout", "-1m"}, "-timeout must be positive"},
		{[]string{"-timeout", "10"}, "invalid value"}, // a duration needs a unit
		{[]string{"-nosuchflag"}, "not defined"},
	}
	cql := append([]badFlag{
		{[]string{"-keyspace", "x; DROP KEYSPACE system"}, "-keyspace"},
		{[]string{"-keyspace", "1abc"}, "-keyspace"},
		{[]string{"-keyspace", strings.Repeat("k", 49)}, "-keyspace"},
		{[]string{"-hosts", ""}, "-hosts"},
		{[]string{"-hosts", "127.0.0.1:9042,"}, "-hosts"},
	}, common...)
	red := append([]badFlag{
		{[]string{"-addr", "redis://host:notaport/0"}, "-addr"},
		{[]string{"-prefix", ""}, "-prefix must not be empty"},
	}, common...)
	mongo := append([]badFlag{
		{[]string{"-uri", "http://127.0.0.1:27017"}, "-uri"},
		{[]string{"-uri", "mongodb://127.0.0.1:27017/?connectTimeoutMS=soon"}, "-uri"},
		{[]string{"-db", ""}, "-db must not be empty"},
		{[]string{"-db", "a.b"}, "-db"},
		{[]string{"-db", "admin"}, "-db"},
	}, common...)
	count := func(flag string) []badFlag {
		return []badFlag{
			{[]string{flag, "0"}, flag + " must be"},
			{[]string{flag, "-5"}, flag + " must be"},
			{[]string{flag, "100000000"}, flag + " must be"},
			{[]string{flag, "many"}, "invalid value"},
		}
	}
	cases := map[string][]badFlag{
		"pipeline": append([]badFlag{
			{[]string{"-n", "0"}, "-n must be"},
			{[]string{"-n", "-5"}, "-n must be"},
			{[]string{"-n", "100000000"}, "-n must be"},
			{[]string{"-n", "many"}, "invalid value"},
		}, red...),
	}
	for _, p := range cassandra {
		cases[p] = cql
	}
	for _, p := range redis {
		if cases[p] == nil {
			cases[p] = red
		}
	}
	for _, p := range mongodb {
		cases[p] = mongo
	}
	for _, p := range []string{"indexes", "aggregate", "txn"} {
		cases[p] = append(count("-n"), mongo...)
	}
	cases["pagination"] = append(append(append(count("-n"), count("-batch")...), count("-page")...), mongo...)
	for program, bad := range cases {
		for _, c := range bad {
			t.Run(program+" "+strings.Join(c.args, " "), func(t *testing.T) {
				kit.UsageError(t, filepath.Join(bin, program), c.args,
					[]string{"REDIS_URL=127.0.0.1:1", "CASSANDRA_HOSTS=127.0.0.1:1", "MONGODB_URI=mongodb://127.0.0.1:1"}, c.want)
			})
		}
	}
}
