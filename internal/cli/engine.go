package cli

import (
	"context"
	"sync"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/rego"
)

// shipped is the engine of the shipped policies alone, compiled once per
// process: a prepared engine is safe to share.
var shipped struct {
	once sync.Once
	eng  *rego.Engine
	err  error
}

// engine returns an engine for opts, reusing the shipped one when opts add
// nothing to it.
func engine(ctx context.Context, opts rego.Options) (*rego.Engine, diag.Diagnostics, error) {
	if len(opts.PolicyDirs) > 0 || opts.Debug {
		return rego.New(ctx, opts)
	}
	shipped.once.Do(func() {
		shipped.eng, _, shipped.err = rego.New(context.WithoutCancel(ctx), opts)
	})
	return shipped.eng, nil, shipped.err
}
