package main

import (
	"context"
	"io"

	"persona/demo"
)

func demoCmd(ctx context.Context, _ []string, stdout io.Writer) error {
	return demo.Run(ctx, stdout)
}
