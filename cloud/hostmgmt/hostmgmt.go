// Package hostmgmt manages cloud hosts through an API: describe them, filter by
// tag, start and stop them. The Python original's Alibaba ECS DescribeInstances call, as one
// small interface with two implementations:
//
//   - EC2 talks to Amazon EC2 with the AWS SDK for Go v2 (DescribeInstances with
//     tag filters and pagination, StartInstances, StopInstances).
//   - Docker talks to a local Docker Engine, treating containers as instances and
//     labels as tags, so the same program runs for real on a laptop or in CI.
package hostmgmt

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// Instance is a host, in EC2's vocabulary.
type Instance struct {
	ID    string
	Name  string
	State string // pending, running, stopping, stopped, shutting-down, terminated
	Type  string // EC2: the instance type; Docker: the image
	Tags  map[string]string
}

// Manager is what a host-management tool needs from a cloud.
type Manager interface {
	// Describe returns the instances carrying every tag in tags (all if empty).
	Describe(ctx context.Context, tags map[string]string) ([]Instance, error)
	Start(ctx context.Context, ids ...string) error
	Stop(ctx context.Context, ids ...string) error
}

// ParseTags turns ["env=prod", "role=web"] into a map, refusing malformed entries.
func ParseTags(args []string) (map[string]string, error) {
	tags := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("tag filter %q: want key=value", a)
		}
		tags[k] = v
	}
	return tags, nil
}

// Print writes instances as a table, sorted by name then ID, tags sorted by key.
func Print(w io.Writer, instances []Instance) error {
	slices.SortFunc(instances, func(a, b Instance) int {
		return cmpOr(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATE\tTYPE\tTAGS")
	for _, in := range instances {
		var tags []string
		for _, k := range slices.Sorted(maps.Keys(in.Tags)) {
			tags = append(tags, k+"="+in.Tags[k])
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.ID, in.Name, in.State, in.Type, strings.Join(tags, ","))
	}
	return tw.Flush()
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}
