package cli

import (
	"context"
	"sync"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
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

// pendingEngine is an engine prepared in the background, while the scan
// reads the sources: a scan.Engine that waits for it.
type pendingEngine struct {
	done  chan struct{}
	eng   *rego.Engine
	diags diag.Diagnostics
	err   error
}

// startEngine prepares the engine for opts in the background.
func startEngine(ctx context.Context, opts rego.Options) *pendingEngine {
	pe := &pendingEngine{done: make(chan struct{})}
	go func() {
		defer close(pe.done)
		pe.eng, pe.diags, pe.err = engine(ctx, opts)
	}()
	return pe
}

// wait returns the engine, the diagnostics about user policies and the
// error that prevents the policies from running, once prepared.
func (pe *pendingEngine) wait() (*rego.Engine, diag.Diagnostics, error) {
	<-pe.done
	return pe.eng, pe.diags, pe.err
}

func (pe *pendingEngine) Eval(ctx context.Context, input map[string]any) ([]rego.Finding, error) {
	eng, _, err := pe.wait()
	if err != nil {
		return nil, err
	}
	return eng.Eval(ctx, input)
}

func (pe *pendingEngine) Rules() []result.Rule {
	eng, _, err := pe.wait()
	if err != nil {
		return nil
	}
	return eng.Rules()
}
