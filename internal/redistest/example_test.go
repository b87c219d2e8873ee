package redistest_test

import (
	"context"
	"fmt"

	"example.com/cloudgo/internal/redistest"
	"github.com/testcontainers/testcontainers-go"
)

func ExampleRun() {
	ctx := context.Background()
	c, err := redistest.Run(ctx)
	defer testcontainers.TerminateContainer(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	url, _ := c.ConnectionString(ctx)
	fmt.Println(url)
}
