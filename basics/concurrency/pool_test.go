package main

import (
	"slices"
	"testing"
)

// The pool's answer must not depend on how many workers share the jobs or
// on scheduling: run it repeatedly with different pool sizes.
func TestWorkerPoolResultIndependentOfWorkers(t *testing.T) {
	jobs := make([]int, 50)
	for i := range jobs {
		jobs[i] = i
	}
	want := workerPool(jobs, 1)
	if len(want) != len(jobs) || want[7] != "7²=49" {
		t.Fatalf("workerPool(jobs, 1) = %v", want)
	}
	for _, workers := range []int{2, 3, 8, 50} {
		for range 5 {
			if got := workerPool(jobs, workers); !slices.Equal(got, want) {
				t.Fatalf("workerPool(jobs, %d) = %v, want %v", workers, got, want)
			}
		}
	}
}

func TestWorkerPoolNoJobs(t *testing.T) {
	if got := workerPool(nil, 4); len(got) != 0 {
		t.Errorf("workerPool(nil, 4) = %v, want empty", got)
	}
}
