// Command acrlint checks Terraform, Bicep and ARM templates for the network
// mistakes that make an Azure container registry unreachable.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/acrlint/acrlint/internal/cli"
	"github.com/acrlint/acrlint/internal/gctune"
)

// heapTarget is the heap size the collector is tuned for; see gctune.
const heapTarget = 360 << 20

func main() {
	gctune.Start(heapTarget)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
