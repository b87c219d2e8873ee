package hostmgmt

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// EC2API is the part of *ec2.Client this package uses.
type EC2API interface {
	ec2.DescribeInstancesAPIClient
	StartInstances(ctx context.Context, in *ec2.StartInstancesInput, optFns ...func(*ec2.Options)) (*ec2.StartInstancesOutput, error)
	StopInstances(ctx context.Context, in *ec2.StopInstancesInput, optFns ...func(*ec2.Options)) (*ec2.StopInstancesOutput, error)
}

// EC2 manages Amazon EC2 instances.
type EC2 struct{ API EC2API }

func (e EC2) Describe(ctx context.Context, tags map[string]string) ([]Instance, error) {
	in := &ec2.DescribeInstancesInput{MaxResults: aws.Int32(100)}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		// Filtering happens on the server: "tag:<key>" matches the tag's value.
		in.Filters = append(in.Filters, types.Filter{Name: aws.String("tag:" + k), Values: []string{tags[k]}})
	}
	var out []Instance
	// The Python original asked for page 1 of 10 and stopped there; the paginator follows
	// NextToken until every instance has been seen.
	p := ec2.NewDescribeInstancesPaginator(e.API, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("describe instances: %w", err)
		}
		for _, r := range page.Reservations {
			for _, i := range r.Instances {
				inst := Instance{ID: aws.ToString(i.InstanceId), Type: string(i.InstanceType), Tags: map[string]string{}}
				if i.State != nil {
					inst.State = string(i.State.Name)
				}
				for _, t := range i.Tags {
					inst.Tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
				}
				inst.Name = inst.Tags["Name"]
				out = append(out, inst)
			}
		}
	}
	return out, nil
}

func (e EC2) Start(ctx context.Context, ids ...string) error {
	if _, err := e.API.StartInstances(ctx, &ec2.StartInstancesInput{InstanceIds: ids}); err != nil {
		return fmt.Errorf("start %v: %w", ids, err)
	}
	return nil
}

func (e EC2) Stop(ctx context.Context, ids ...string) error {
	if _, err := e.API.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids}); err != nil {
		return fmt.Errorf("stop %v: %w", ids, err)
	}
	return nil
}
