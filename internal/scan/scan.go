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

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/result"
	"github.com/acrlint/acrlint/parsers/arm"
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
	// Only and Disable select rules by id.
	Only, Disable []string
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
func Files(paths []string) ([]string, error) {
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
			if terraform.IsFile(path) || arm.IsCandidate(path) {
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

// Run scans with a prepared engine.
func Run(ctx context.Context, eng *rego.Engine, opts Options) (*Result, error) {
	if len(opts.Paths) == 0 {
		opts.Paths = []string{"."}
	}
	root, err := Root(opts.Paths)
	if err != nil {
		return nil, fmt.Errorf("find scan root: %w", err)
	}
	files, err := Files(opts.Paths)
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	var tfFiles, jsonFiles []string
	for _, f := range files {
		switch {
		case terraform.IsFile(f):
			tfFiles = append(tfFiles, f)
		case arm.IsCandidate(f):
			jsonFiles = append(jsonFiles, f)
		}
	}
	var ds diag.Diagnostics
	resources, tds := terraform.Parse(root, tfFiles, opts.Terraform)
	ds = append(ds, tds...)
	armResources, ads := arm.Parse(root, jsonFiles, opts.ARM)
	ds = append(ds, ads...)
	resources = append(resources, armResources...)
	g := graph.Build(resources)
	g.Diagnostics = append(g.Diagnostics, ds...)
	g.Diagnostics.Sort()
	raw, err := eng.Eval(ctx, g.Input())
	if err != nil {
		return nil, err
	}
	rep := &result.Report{Root: root, Rules: eng.Rules(), Diagnostics: g.Diagnostics}
	for _, f := range raw {
		if !selected(f.RuleID, opts) {
			continue
		}
		rep.Findings = append(rep.Findings, Locate(g, f))
	}
	result.SortFindings(rep.Findings)
	rep.Findings = slices.CompactFunc(rep.Findings, func(a, b result.Finding) bool {
		return a.Fingerprint == b.Fingerprint && a.Line == b.Line
	})
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
