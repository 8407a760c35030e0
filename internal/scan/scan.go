// Package scan runs one analysis: it finds the source files under the scan
// root, hands them to the parsers, builds the graph, evaluates the policies
// on it and places each finding on the line to change.
package scan

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/acrlint/acrlint/internal/config"
	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/result"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/bicep"
	"github.com/acrlint/acrlint/parsers/terraform"
	"github.com/acrlint/acrlint/rego"
)

// Options configure a scan.
type Options struct {
	// Paths are the files and directories to scan; the root is the
	// directory when one is given, else the current directory.
	Paths     []string
	Terraform terraform.Options
	ARM       arm.Options
	Bicep     bicep.Options
	// Only and Disable select rules by id.
	Only, Disable []string
	// MaxFileSize bounds the size of a source file (0 means 8 MiB); a
	// larger file is reported and skipped.
	MaxFileSize int64
	// Sources overrides the source formats read (tests use it).
	Sources []Source
	// Exclude leaves out the files whose path relative to the root, or one
	// of whose directories, matches one of these patterns (path.Match).
	Exclude []string
	// Severity replaces the severity of a rule's findings, by rule id.
	Severity map[string]diag.Severity
	// Progress, when set, is told what the scan is doing as it moves from
	// one stage to the next ("reading 1200 files", ...).
	Progress func(stage string)
}

func (o Options) progress(format string, args ...any) {
	if o.Progress != nil {
		o.Progress(fmt.Sprintf(format, args...))
	}
}

// Source reads the files of one source format.
type Source struct {
	Name  string
	Match func(path string) bool
	Parse func(root string, files []string) ([]graph.Resource, diag.Diagnostics)
}

// sources are the formats acrlint reads, in the order their results are
// merged.
func (o Options) sources() []Source {
	if o.Sources != nil {
		return o.Sources
	}
	return []Source{
		{Name: "Terraform", Match: terraform.IsFile, Parse: func(root string, files []string) ([]graph.Resource, diag.Diagnostics) {
			return terraform.Parse(root, files, o.Terraform)
		}},
		{Name: "ARM", Match: arm.IsCandidate, Parse: func(root string, files []string) ([]graph.Resource, diag.Diagnostics) {
			return arm.Parse(root, files, o.ARM)
		}},
		{Name: "Bicep", Match: bicep.IsFile, Parse: func(root string, files []string) ([]graph.Resource, diag.Diagnostics) {
			bo := o.Bicep
			if bo.Parameters == nil {
				bo.Parameters = o.ARM.Parameters
			}
			if bo.MaxCopy == 0 {
				bo.MaxCopy = o.ARM.MaxCopy
			}
			if bo.MaxTotalResources == 0 {
				bo.MaxTotalResources = o.ARM.MaxTotalResources
			}
			return bicep.Parse(root, files, bo)
		}},
	}
}

// reading has the parsers read the files from read rather than from the
// disk, where no other reader is set.
func (o Options) reading(read contents) Options {
	if o.Terraform.ReadFile == nil {
		o.Terraform.ReadFile = read.readFile
	}
	if o.ARM.ReadFile == nil {
		o.ARM.ReadFile = read.readFile
	}
	if o.Bicep.ReadFile == nil {
		o.Bicep.ReadFile = read.readFile
	}
	return o
}

// parsed is what one source yielded.
type parsed struct {
	resources []graph.Resource
	diags     diag.Diagnostics
}

// parseGuarded runs a source's parser; a panic becomes an internal-error
// diagnostic and the other sources are unaffected.
func parseGuarded(src Source, root string, files []string) (out parsed) {
	defer func() {
		if r := recover(); r != nil {
			rel, _ := filepath.Rel(root, files[0])
			out = parsed{diags: diag.Diagnostics{diag.Errorf(diag.Range{File: filepath.ToSlash(rel)}, "Internal error",
				"acrlint failed while reading the %s files (%d, starting with this one): %v; the other files were scanned. Please report this with the files involved", src.Name, len(files), r).Incomplete()}}
		}
	}()
	rs, ds := src.Parse(root, files)
	return parsed{resources: rs, diags: ds}
}

// skipDirs are never walked into.
var skipDirs = map[string]bool{".git": true, ".terraform": true, "node_modules": true, ".terragrunt-cache": true}

// Root returns the absolute scan root for paths.
func Root(paths []string) (string, error) {
	if len(paths) == 1 {
		st, err := os.Stat(paths[0])
		if err != nil {
			return "", err
		}
		p := paths[0]
		if !st.IsDir() {
			p = filepath.Dir(p)
		}
		return filepath.Abs(p)
	}
	return os.Getwd()
}

// Files lists the source files under paths, sorted.
func Files(paths []string, match func(string) bool) ([]string, error) {
	var out []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			// A file names its directory: references across its files must
			// resolve.
			abs = filepath.Dir(abs)
		}
		err = filepath.WalkDir(abs, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != abs && skipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if match(path) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Result is a report together with the graph it was computed on.
type Result struct {
	Report *result.Report
	Graph  *graph.Graph
	// Raw are the findings as policies reported them, on graph nodes.
	Raw []rego.Finding
}

// Engine evaluates the policies: a *rego.Engine, or one still being
// prepared while the sources are read.
type Engine interface {
	Eval(ctx context.Context, input map[string]any) ([]rego.Finding, error)
	Rules() []result.Rule
}

// Run scans with an engine.
func Run(ctx context.Context, eng Engine, opts Options) (*Result, error) {
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	root, err := Root(opts.Paths)
	if err != nil {
		return nil, fmt.Errorf("find scan root: %w", err)
	}
	sources := opts.sources()
	files, err := Files(opts.Paths, func(p string) bool {
		return slices.ContainsFunc(sources, func(s Source) bool { return s.Match(p) })
	})
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		rel, err := filepath.Rel(root, f)
		return err == nil && config.Excluded(opts.Exclude, rel)
	})
	files, infos, ds := confine(root, files, lstatAll(files))
	files, sds := sizeLimit(root, files, infos, opts.MaxFileSize)
	ds = append(ds, sds...)
	opts.progress("reading %d files", len(files))
	read := readAll(files)
	sources = opts.reading(read).sources()
	// Each source format is read concurrently; results merge in order.
	results := make([]parsed, len(sources))
	var wg sync.WaitGroup
	for i, src := range sources {
		var mine []string
		for _, f := range files {
			if src.Match(f) {
				mine = append(mine, f)
			}
		}
		if len(mine) == 0 {
			continue
		}
		wg.Go(func() { results[i] = parseGuarded(src, root, mine) })
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, fmt.Errorf("scan stopped before the sources were read: %w", ctx.Err())
	}
	var resources []graph.Resource
	for _, r := range results {
		resources = append(resources, r.resources...)
		ds = append(ds, r.diags...)
	}
	// The suppression comments are read while the graph is built and the
	// policies evaluated.
	igc := make(chan *ignores, 1)
	go func() { igc <- readSuppressions(root, files, read, resources) }()
	opts.progress("building the graph of %d resources", len(resources))
	g := graph.Build(resources)
	g.Diagnostics = append(g.Diagnostics, ds...)
	g.Diagnostics.Sort()
	opts.progress("evaluating the rules on %d nodes", len(g.Nodes))
	raw, err := eng.Eval(ctx, g.Input())
	if err != nil {
		return nil, err
	}
	rules := slices.Clone(eng.Rules())
	for i, r := range rules {
		if sev, ok := opts.Severity[r.ID]; ok {
			rules[i].Severity = sev
		}
	}
	rep := &result.Report{Root: root, Rules: rules, Diagnostics: g.Diagnostics}
	for _, f := range raw {
		if !selected(f.RuleID, opts) {
			continue
		}
		if sev, ok := opts.Severity[f.RuleID]; ok {
			f.Severity = sev
		}
		rep.Findings = append(rep.Findings, Locate(g, f))
	}
	result.SortFindings(rep.Findings)
	rep.Findings = slices.CompactFunc(rep.Findings, func(a, b result.Finding) bool {
		return a.Fingerprint == b.Fingerprint && a.Line == b.Line
	})
	rep.Diagnostics = append(rep.Diagnostics, applySuppressions(<-igc, g, rep, func(id string) bool { return selected(id, opts) })...)
	rep.Diagnostics.Sort()
	rep.Summarize(len(files), len(g.Nodes))
	return &Result{Report: rep, Graph: g, Raw: raw}, nil
}

func selected(id string, opts Options) bool {
	match := func(l []string) bool {
		return slices.ContainsFunc(l, func(s string) bool { return strings.EqualFold(s, id) })
	}
	if len(opts.Only) > 0 && !match(opts.Only) {
		return false
	}
	return !match(opts.Disable)
}

// Locate places a policy finding on its file and line: the line of the
// attribute it names on its node, else the node's own line.
func Locate(g *graph.Graph, f rego.Finding) result.Finding {
	out := result.Finding{
		RuleID: f.RuleID, RuleName: f.RuleName, Severity: f.Severity, Message: f.Message,
		Resource: f.Resource, Related: []result.Related{},
	}
	if n, ok := g.Nodes[f.Resource]; ok {
		out.File = n.Source.File
		out.Line, out.Column = n.Pos(f.Attr)
		out.Address = n.Source.Address
	}
	for _, r := range f.Related {
		rel := result.Related{Resource: r.Resource, Message: r.Message}
		if n, ok := g.Nodes[r.Resource]; ok {
			rel.File = n.Source.File
			rel.Line, rel.Column = n.Pos(r.Attr)
		}
		out.Related = append(out.Related, rel)
	}
	out.Fingerprint = result.Fingerprint(out)
	return out
}

// sizeLimit leaves out the files larger than limit, with a diagnostic each;
// infos are the files' own information, as confine returns them.
func sizeLimit(root string, files []string, infos []fs.FileInfo, limit int64) ([]string, diag.Diagnostics) {
	if limit == 0 {
		limit = 8 << 20
	}
	var ds diag.Diagnostics
	out := files[:0:0]
	for i, f := range files {
		st := infos[i]
		if st == nil || st.Mode()&os.ModeSymlink != 0 {
			// A link within the root: the size is that of what it leads to.
			st, _ = os.Stat(f)
		}
		if st != nil && st.Size() > limit {
			rel, _ := filepath.Rel(root, f)
			ds = append(ds, diag.Errorf(diag.Range{File: filepath.ToSlash(rel)}, "File too large",
				"the file has %d bytes, more than the limit of %d; it is not read (raise the limit with --max-file-size)", st.Size(), limit).Incomplete())
			continue
		}
		out = append(out, f)
	}
	return out, ds
}
