// Package graph builds the normalized network graph that every policy reads:
// Azure resources from any source format become nodes of a few kinds with
// snake_case attributes, defaults applied, references resolved to node ids,
// and the line of every attribute kept so that findings point at it.
package graph

import (
	"maps"
	"slices"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/parallel"
)

// Node kinds.
const (
	KindRegistry        = "registry"
	KindPrivateEndpoint = "private_endpoint"
	KindPrivateDNSZone  = "private_dns_zone"
	KindVNet            = "vnet"
	KindSubnet          = "subnet"
)

// Kinds lists every node kind the graph defines.
var Kinds = []string{KindRegistry, KindPrivateEndpoint, KindPrivateDNSZone, KindVNet, KindSubnet}

// Source says where a node was declared.
type Source struct {
	Format  string `json:"format"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	EndLine int    `json:"end_line"`
	Address string `json:"address"`
}

// Node is one normalized resource.
type Node struct {
	ID            string         `json:"id"`
	Kind          string         `json:"kind"`
	Name          string         `json:"name,omitempty"`
	Location      string         `json:"location,omitempty"`
	Subscription  string         `json:"subscription,omitempty"`
	ResourceGroup string         `json:"resource_group,omitempty"`
	External      bool           `json:"external,omitempty"`
	Source        Source         `json:"source"`
	Attrs         map[string]any `json:"attrs"`
	AttrLines     map[string]int `json:"attr_lines"`
	Unknown       []string       `json:"unknown"`
	// attrCols holds the column of each attribute in AttrLines.
	attrCols map[string]int
	// scope is the Resource.Scope the node was declared in.
	scope string
}

// Graph is the whole scanned repository as nodes.
type Graph struct {
	Nodes       map[string]*Node
	Diagnostics diag.Diagnostics
}

// SortedIDs returns the node ids in order.
func (g *Graph) SortedIDs() []string {
	return slices.Sorted(maps.Keys(g.Nodes))
}

// Input returns the document policies read as `input`, built directly as
// Go values (no JSON round trip) on every CPU. Attribute values are already
// JSON-shaped; a node's attr_lines (a map[string]int) and unknown (a
// []string) are the node's own, shared with the graph: the document is
// only read.
func (g *Graph) Input() map[string]any {
	ids := make([]string, 0, len(g.Nodes))
	for id := range g.Nodes {
		ids = append(ids, id)
	}
	docs := make([]map[string]any, len(ids))
	parallel.For(len(ids), parallel.Workers(len(ids), 512), func(i int) {
		docs[i] = g.Nodes[ids[i]].document()
	})
	nodes := make(map[string]any, len(ids))
	for i, id := range ids {
		nodes[id] = docs[i]
	}
	ds := make([]any, 0, len(g.Diagnostics))
	for _, d := range g.Diagnostics {
		doc := map[string]any{
			"file":     d.Subject.File,
			"line":     d.Subject.Start.Line,
			"severity": d.Severity.String(),
			"message":  d.Message(),
		}
		if d.Code != "" {
			doc["code"] = d.Code
		}
		ds = append(ds, doc)
	}
	return map[string]any{"nodes": nodes, "diagnostics": ds}
}

func (n *Node) document() map[string]any {
	// attr_lines and unknown are the node's own map and slice, shared, not
	// copied: the input is only read.
	lines := n.AttrLines
	if lines == nil {
		lines = map[string]int{}
	}
	unknown := n.Unknown
	if unknown == nil {
		unknown = []string{}
	}
	attrs := n.Attrs
	if attrs == nil {
		attrs = map[string]any{}
	}
	doc := map[string]any{
		"id":   n.ID,
		"kind": n.Kind,
		"source": map[string]any{
			"format":   n.Source.Format,
			"file":     n.Source.File,
			"line":     n.Source.Line,
			"column":   n.Source.Column,
			"end_line": n.Source.EndLine,
			"address":  n.Source.Address,
		},
		"attrs":      attrs,
		"attr_lines": lines,
		"unknown":    unknown,
		"external":   n.External,
	}
	for k, v := range map[string]string{"name": n.Name, "location": n.Location, "subscription": n.Subscription, "resource_group": n.ResourceGroup} {
		if v != "" {
			doc[k] = v
		}
	}
	return doc
}

// Pos returns the line and column of attr on n, falling back to the node's
// own position.
func (n *Node) Pos(attr string) (line, column int) {
	if l, ok := n.AttrLines[attr]; ok && l > 0 {
		c := n.attrCols[attr]
		if c == 0 {
			c = 1
		}
		return l, c
	}
	return n.Source.Line, n.Source.Column
}
