package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/report"
	"github.com/acrlint/acrlint/internal/result"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/rego"
)

// graphFormats are the formats of `acrlint graph`.
var graphFormats = []string{"dot", "json", "mermaid"}

// runGraph prints the normalized graph: with --format json exactly the
// document policies read as input; with dot or mermaid a picture of it with
// the findings of the shipped rules drawn on it.
func runGraph(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("acrlint graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output format: json (the policy input), dot (Graphviz) or mermaid")
	var vars, varFiles, params, only, disable listFlag
	fs.Var(&vars, "var", "set a Terraform variable, name=value (repeatable)")
	fs.Var(&varFiles, "var-file", "read Terraform variables from a .tfvars file (repeatable)")
	fs.Var(&params, "parameters", "read ARM template parameters from a file (repeatable)")
	fs.Var(&only, "only", "draw only the findings of this rule id (repeatable)")
	fs.Var(&disable, "disable", "do not draw the findings of this rule id (repeatable)")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return flagError(stderr, err)
	}
	if !slices.Contains(graphFormats, *format) {
		return flagError(stderr, fmt.Errorf("--format %q: want dot, json or mermaid", *format))
	}
	tf, err := terraformOptions(vars, varFiles)
	if err != nil {
		return flagError(stderr, err)
	}
	eng, _, err := engine(ctx, rego.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	res, err := scan.Run(ctx, eng, scan.Options{Paths: paths, Terraform: tf, ARM: arm.Options{Parameters: params}, Only: only, Disable: disable})
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(res.Graph.Input())
	case "dot":
		err = report.WriteDOT(stdout, diagram(res.Graph, res.Report.Active()))
	case "mermaid":
		err = report.WriteMermaid(stdout, diagram(res.Graph, res.Report.Active()))
	}
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	if res.Report.Diagnostics.HasErrors() {
		return ExitError
	}
	return ExitOK
}

// diagram turns the graph into a picture: every node; an arrow for each
// attribute that names another node (a private endpoint's subnet and
// registry, a subnet's VNet, NSG and route table, a zone's linked VNets, a
// cluster's subnets and registries, ...), labelled with the attribute; and
// for each finding a red arrow, labelled with its rule, from the resource
// it is on to each resource involved in it.
func diagram(g *graph.Graph, findings []result.Finding) report.Diagram {
	var d report.Diagram
	rules := map[string][]string{}
	for _, f := range findings {
		if _, ok := g.Nodes[f.Resource]; !ok {
			continue
		}
		rules[f.Resource] = append(rules[f.Resource], f.RuleID)
		for _, r := range f.Related {
			if _, ok := g.Nodes[r.Resource]; ok && r.Resource != f.Resource {
				d.Edges = append(d.Edges, report.DiagramEdge{From: f.Resource, To: r.Resource, Rule: f.RuleID})
			}
		}
	}
	for _, id := range g.SortedIDs() {
		n := g.Nodes[id]
		d.Nodes = append(d.Nodes, report.DiagramNode{
			ID: id, Kind: n.Kind, Name: cmp.Or(n.Name, n.Source.Address, id),
			File: n.Source.File, Line: n.Source.Line, External: n.External,
			Rules: rules[id],
		})
		for _, attr := range slices.Sorted(maps.Keys(n.Attrs)) {
			references(n.Attrs[attr], func(to string) {
				if _, ok := g.Nodes[to]; ok && to != id {
					d.Edges = append(d.Edges, report.DiagramEdge{From: id, To: to, Label: attr})
				}
			})
		}
	}
	d.Sort()
	return d
}

// references calls fn with every string inside v, which may be a node id.
func references(v any, fn func(string)) {
	switch v := v.(type) {
	case string:
		fn(v)
	case []any:
		for _, x := range v {
			references(x, fn)
		}
	case []string:
		for _, x := range v {
			fn(x)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			references(v[k], fn)
		}
	}
}
