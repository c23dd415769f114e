package main

import (
	"context"
	"io"

	"persona/internal/demo"
)

func demoCmd(ctx context.Context, _ []string, stdout io.Writer) error {
	return demo.Run(ctx, stdout)
}
