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
	want := `umask 022: create 0666 -> 0644 -rw-r--r--
umask 077: create 0666 -> 0600 -rw-------
/tmp: octal 1777, Go dtrwxrwxrwx, sticky=true
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestBadArgumentsExit2(t *testing.T) {
	for _, args := range [][]string{{"-x"}, {"extra"}} {
		var out, errb bytes.Buffer
		if err := run(context.Background(), args, &out, &errb); cli.Code(err) != 2 {
			t.Errorf("run %q = %v, want exit 2", args, err)
		}
	}
}
