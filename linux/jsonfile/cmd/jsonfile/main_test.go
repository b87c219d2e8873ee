package main

import (
	"bytes"
	"context"
	"testing"

	"example.com/cloudgo/linux/internal/cli"
)

func TestRunOutput(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	want := `person.json:
{
  "name": "Alice",
  "age": 25
}
Alice 25
load bad.json: bad.json:4:1: syntax error: invalid character '}' looking for beginning of object key string
load bad.json: bad.json:3:17: field "age" wants int, got JSON string: json: cannot unmarshal string into Go struct field person.age of type int
load bad.json: bad.json:1:17: json: unknown field "agee"
load bad.json: bad.json:1:27: unexpected data after the JSON value
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestBadArgumentsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}} {
		var out, errb bytes.Buffer
		if err := run(context.Background(), args, &out, &errb); cli.Code(err) != 2 {
			t.Errorf("run %q = %v (code %d), want exit 2", args, err, cli.Code(err))
		}
	}
}
