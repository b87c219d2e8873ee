package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/cloudgo/compute/internal/cli"
)

// TestEnginesPrintTheSame runs the program three ways on one small dataset:
// SQL over Parquet, SQL over CSV, and the rdd engine print the same bytes.
func TestEnginesPrintTheSame(t *testing.T) {
	dir := t.TempDir()
	var outputs []string
	for _, args := range [][]string{
		{"-format", "parquet", "-stats"}, {"-format", "csv", "-threads", "1"}, {"-engine", "rdd", "-partitions", "3"},
	} {
		var stdout, stderr bytes.Buffer
		args = append(args, "-orders", "3000", "-dir", dir)
		if err := run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("run %q: %v\nstderr: %s", args, err, stderr.String())
		}
		if args[0] == "-format" && args[1] == "parquet" && !strings.Contains(stderr.String(), "MB read") {
			t.Errorf("-stats: stderr %q, want time and bytes per query", stderr.String())
		}
		outputs = append(outputs, stdout.String())
	}
	if !strings.Contains(outputs[0], "running total") || !strings.Contains(outputs[0], "Europe") {
		t.Errorf("report:\n%s", outputs[0])
	}
	for i, o := range outputs[1:] {
		if o != outputs[0] {
			t.Errorf("output %d differs:\n%s\nwant:\n%s", i+1, o, outputs[0])
		}
	}
	for _, f := range []string{"sales.csv", "sales.parquet", "customers.parquet", "products.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("-dir: %v", err)
		}
	}
}

func TestExplain(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"-explain", "-orders", "100"}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
	}
	for _, want := range []string{"PARQUET", "Filters:", "Projections:"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("plan lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-orders", "0"}, {"-orders", "-5"}, {"-orders", "1000000000"}, {"-seed", "-1"}, {"-engine", "spark"},
		{"-format", "json"}, {"-threads", "-1"}, {"-partitions", "0"}, {"-explain", "-engine", "rdd"}, {"stray"},
	} {
		var stderr bytes.Buffer
		if err := run(context.Background(), args, &bytes.Buffer{}, &stderr); cli.Code(err) != 2 {
			t.Errorf("run(%q) = %v (exit %d), want exit 2", args, err, cli.Code(err))
		}
	}
}

// TestUnwritableDir: a -dir that cannot be created is one error naming it.
func TestUnwritableDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), []string{"-dir", filepath.Join(file, "sub")}, &bytes.Buffer{}, &bytes.Buffer{})
	if cli.Code(err) != 1 || !strings.Contains(err.Error(), file) {
		t.Errorf("err = %v (exit %d), want exit 1 naming %s", err, cli.Code(err), file)
	}
}
