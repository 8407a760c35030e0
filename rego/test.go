package rego

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/lineage"

	"github.com/acrlint/acrlint/internal/diag"
)

// TestOptions configure Test.
type TestOptions struct {
	// Paths are the directories (walked) and .rego files holding the user's
	// policies and their _test.rego files.
	Paths []string
	// Run, when not empty, is a regular expression: only the tests whose
	// package-qualified name it matches run.
	Run string
	// Coverage records which lines of the user's files the tests evaluate.
	Coverage bool
	// Trace keeps the notes and failing expressions of each test's
	// evaluation, printed for failures.
	Trace bool
	// Timeout bounds each test; 0 means 5 seconds.
	Timeout time.Duration
}

// TestReport is what a test run found.
type TestReport struct {
	// Results are the tests run, ordered by file and line.
	Results []*tester.Result
	// Files are the user's .rego files, test files included, sorted.
	Files []string
	// Coverage is the coverage of the user's files; nil unless asked for.
	Coverage *cover.Report
}

// Failed reports whether a test failed or could not be evaluated.
func (r *TestReport) Failed() bool {
	return slices.ContainsFunc(r.Results, func(x *tester.Result) bool { return x.Fail || x.Error != nil })
}

// Test runs the tests (rules named test_*) of the user's policies, with
// the shipped library and rules loaded beside them, compiled with the same
// capabilities and checks as a scan: a rule package without METADATA id and
// severity, a rule id that is already taken and a compile error are
// diagnostics at the policy's file and line, and then no test runs. An
// error means the tests could not be run at all.
func Test(ctx context.Context, opts TestOptions) (*TestReport, diag.Diagnostics, error) {
	if opts.Run != "" {
		if _, err := regexp.Compile(opts.Run); err != nil {
			return nil, nil, fmt.Errorf("--run: %w", err)
		}
	}
	user, ds := loadTests(opts.Paths)
	if ds.HasErrors() {
		return nil, ds, nil
	}
	base, err := shipped()
	if err != nil {
		return nil, nil, fmt.Errorf("load shipped policies: %w", err)
	}
	var policies []module
	for _, m := range user {
		if isPolicy(m.name) {
			policies = append(policies, m)
		}
	}
	_, _, cds := catalog(append(slices.Clone(base), policies...))
	if len(cds) > 0 {
		return nil, append(ds, cds...), nil
	}

	mods := make(map[string]*ast.Module, len(base)+len(user))
	files := make(map[string]*ast.Module, len(user))
	for _, m := range base {
		mods[m.name] = m.mod
	}
	for _, m := range user {
		mods[m.name] = m.mod
		files[m.name] = m.mod
	}
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer store.Abort(ctx, txn)
	compiler := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(true).
		WithStrict(true)
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		SetModules(mods).
		CapturePrintOutput(true).
		EnableTracing(opts.Trace).
		StackTraces(true).
		// A builtin error fails an evaluation in a scan; so it does here.
		RaiseBuiltinErrors(true).
		SetTimeout(cmp.Or(opts.Timeout, 5*time.Second)).
		Filter(opts.Run)
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		var errs ast.Errors
		if e, ok := err.(ast.Errors); ok { //nolint:errorlint // ast.Errors is returned unwrapped
			errs = e
		}
		if len(errs) == 0 {
			return nil, ds, fmt.Errorf("run tests: %w", err)
		}
		return nil, append(ds, compileDiags(errs)...), nil
	}
	rep := &TestReport{Files: slices.Sorted(maps.Keys(files))}
	for r := range ch {
		// Keep the notes and the failing expressions, as opa test -v does.
		r.Trace = lineage.Filter(r.Trace, func(e *topdown.Event) bool { return e.Op == topdown.NoteOp || e.Op == topdown.FailOp })
		rep.Results = append(rep.Results, r)
	}
	slices.SortFunc(rep.Results, compareResults)
	if cov != nil {
		rep.Coverage = userCoverage(cov.Report(files), files)
	}
	return rep, ds, nil
}

func compareResults(a, b *tester.Result) int {
	if a.Location != nil && b.Location != nil {
		if c := cmp.Or(strings.Compare(a.Location.File, b.Location.File), cmp.Compare(a.Location.Row, b.Location.Row)); c != 0 {
			return c
		}
	}
	return cmp.Or(strings.Compare(a.Package, b.Package), strings.Compare(a.Name, b.Name))
}

// userCoverage keeps the user's files of a coverage report, leaving out the
// shipped library their tests also evaluate, and totals them again.
func userCoverage(r cover.Report, files map[string]*ast.Module) *cover.Report {
	out := cover.Report{Files: map[string]*cover.FileReport{}}
	for name, fr := range r.Files {
		if _, ok := files[name]; !ok {
			continue
		}
		out.Files[name] = fr
		out.CoveredLines += fr.CoveredLines
		out.NotCoveredLines += fr.NotCoveredLines
	}
	if total := out.CoveredLines + out.NotCoveredLines; total > 0 {
		out.Coverage = 100 * float64(out.CoveredLines) / float64(total)
	}
	return &out
}

// loadTests parses every .rego file, _test.rego included, of the paths: a
// directory is walked, a file is read as given. A file that does not parse
// is a diagnostic at its line.
func loadTests(paths []string) ([]module, diag.Diagnostics) {
	var mods []module
	var ds diag.Diagnostics
	seen := map[string]bool{}
	add := func(p string) {
		p = filepath.Clean(p)
		if seen[p] {
			return
		}
		seen[p] = true
		src, err := os.ReadFile(p)
		if err != nil {
			ds = append(ds, diag.Errorf(diag.Range{File: p}, "Cannot read policy", "%v", err))
			return
		}
		mod, err := parse(p, src)
		if err != nil {
			ds = append(ds, parseDiags(p, err)...)
			return
		}
		mods = append(mods, module{name: p, mod: mod, custom: true})
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			ds = append(ds, diag.Errorf(diag.Range{File: root}, "Cannot read policy directory", "%v", err))
			continue
		}
		if !info.IsDir() {
			if !strings.HasSuffix(root, ".rego") {
				ds = append(ds, diag.Errorf(diag.Range{File: root}, "Not a policy", "%s is neither a directory nor a .rego file", root))
				continue
			}
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".rego") {
				add(p)
			}
			return nil
		})
		if err != nil {
			ds = append(ds, diag.Errorf(diag.Range{File: root}, "Cannot read policy directory", "%v", err))
		}
	}
	return mods, ds
}
