package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Diagram is a picture of the network graph: its resources, the references
// between them, and the findings drawn on them. The graph command builds it
// from the normalized graph; WriteDOT and WriteMermaid draw it.
type Diagram struct {
	Nodes []DiagramNode
	Edges []DiagramEdge
}

// DiagramNode is one resource.
type DiagramNode struct {
	ID       string // the graph node id
	Kind     string
	Name     string // the resource's name, or its address when unnamed
	File     string
	Line     int
	External bool
	// Rules are the ids of the findings on this resource.
	Rules []string
}

// DiagramEdge is a reference from one resource to another (Label is the
// attribute holding it), or, when Rule is set, a link a finding found
// broken between the resource it is on and another one involved.
type DiagramEdge struct {
	From, To string
	Label    string
	Rule     string
}

// Sort puts nodes in id order and edges in (from, to, rule, label) order,
// so that a diagram is drawn the same way every time.
func (d *Diagram) Sort() {
	slices.SortFunc(d.Nodes, func(a, b DiagramNode) int { return cmp.Compare(a.ID, b.ID) })
	for i := range d.Nodes {
		slices.Sort(d.Nodes[i].Rules)
		d.Nodes[i].Rules = slices.Compact(d.Nodes[i].Rules)
	}
	slices.SortFunc(d.Edges, func(a, b DiagramEdge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Label, b.Label))
	})
	d.Edges = slices.Compact(d.Edges)
}

// diagramStyle is how a node kind is drawn: a Graphviz shape and a fill.
type diagramStyle struct{ shape, fill string }

var diagramStyles = map[string]diagramStyle{
	"registry":         {"cylinder", "#dbe9f6"},
	"private_endpoint": {"box", "#e6f4ea"},
	"private_dns_zone": {"folder", "#fff4d6"},
	"vnet":             {"box3d", "#eeeeee"},
	"subnet":           {"box", "#f5f5f5"},
	"firewall":         {"octagon", "#fde2e1"},
	"route_table":      {"note", "#f5f5f5"},
	"nsg":              {"hexagon", "#f5f5f5"},
	"aks_cluster":      {"component", "#ede7f6"},
	"web_app":          {"component", "#ede7f6"},
	"container_group":  {"component", "#ede7f6"},
}

// diagramLabel is a node's text: name, kind (and where it is declared),
// and the rules that found something on it.
func diagramLabel(n DiagramNode) []string {
	kind := n.Kind
	if n.External {
		kind += ", external"
	}
	lines := []string{n.Name, kind}
	if loc := position(n.File, n.Line, 0); loc != "" {
		lines = append(lines, loc)
	}
	if len(n.Rules) > 0 {
		lines = append(lines, strings.Join(n.Rules, " "))
	}
	return lines
}

// WriteDOT draws d in Graphviz's DOT language, left to right: each kind
// with its own shape, references as grey arrows labelled with their
// attribute, the resources findings are on outlined in red, and each link a
// finding found broken as a dashed red arrow labelled with the rule id.
func WriteDOT(w io.Writer, d Diagram) error {
	var b strings.Builder
	b.WriteString("digraph acrlint {\n")
	b.WriteString("  rankdir=LR;\n")
	b.WriteString("  graph [fontname=\"Helvetica\", nodesep=0.4, ranksep=0.8];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#f5f5f5\", color=\"#555555\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#888888\", fontcolor=\"#555555\"];\n")
	for _, n := range d.Nodes {
		st, ok := diagramStyles[n.Kind]
		if !ok {
			st = diagramStyle{"box", "#f5f5f5"}
		}
		lines := diagramLabel(n)
		for i, l := range lines {
			lines[i] = dotEscape(l)
		}
		attrs := []string{
			`label="` + strings.Join(lines, `\n`) + `"`,
			"shape=" + st.shape,
			`fillcolor="` + st.fill + `"`,
			`tooltip="` + dotEscape(n.ID) + `"`,
		}
		var style []string
		if n.External {
			style = append(style, "dashed")
		}
		if len(n.Rules) > 0 {
			attrs = append(attrs, "color=red", "penwidth=2", "fontcolor=\"#b00020\"")
		}
		if len(style) > 0 {
			attrs = append(attrs, `style="filled,`+strings.Join(style, ",")+`"`)
		}
		fmt.Fprintf(&b, "  \"%s\" [%s];\n", dotEscape(n.ID), strings.Join(attrs, ", "))
	}
	for _, e := range d.Edges {
		var attrs []string
		if e.Rule != "" {
			attrs = append(attrs, `label="`+dotEscape(e.Rule)+`"`, "color=red", "fontcolor=red", "style=dashed", "penwidth=2")
		} else if e.Label != "" {
			attrs = append(attrs, `label="`+dotEscape(e.Label)+`"`)
		}
		fmt.Fprintf(&b, "  \"%s\" -> \"%s\"", dotEscape(e.From), dotEscape(e.To))
		if len(attrs) > 0 {
			b.WriteString(" [" + strings.Join(attrs, ", ") + "]")
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotEscape makes s literal inside a double-quoted DOT string: backslashes
// and quotes are escaped (a backslash would otherwise start a Graphviz
// escape such as \n or \N), and line breaks become spaces.
func dotEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(clean(s))
}

// WriteMermaid draws d as a Mermaid flowchart, left to right, the same way
// WriteDOT does: references as plain arrows labelled with their attribute,
// broken links as dotted red arrows labelled with the rule id, resources
// with findings outlined in red and external ones dashed.
func WriteMermaid(w io.Writer, d Diagram) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	ids := make(map[string]string, len(d.Nodes))
	var findings, externals []string
	for i, n := range d.Nodes {
		id := "n" + strconv.Itoa(i+1)
		ids[n.ID] = id
		lines := diagramLabel(n)
		for j, l := range lines {
			lines[j] = mermaidEscape(l)
		}
		b.WriteString("  " + id + `["` + strings.Join(lines, "<br/>") + `"]` + "\n")
		if len(n.Rules) > 0 {
			findings = append(findings, id)
		}
		if n.External {
			externals = append(externals, id)
		}
	}
	var red []string
	link := 0
	for _, e := range d.Edges {
		from, to := ids[e.From], ids[e.To]
		if from == "" || to == "" {
			continue
		}
		switch {
		case e.Rule != "":
			b.WriteString("  " + from + ` -.->|"` + mermaidEscape(e.Rule) + `"| ` + to + "\n")
			red = append(red, strconv.Itoa(link))
		case e.Label != "":
			b.WriteString("  " + from + ` -->|"` + mermaidEscape(e.Label) + `"| ` + to + "\n")
		default:
			b.WriteString("  " + from + " --> " + to + "\n")
		}
		link++
	}
	if len(red) > 0 {
		b.WriteString("  linkStyle " + strings.Join(red, ",") + " stroke:red,stroke-width:2px,color:red\n")
	}
	mermaidClasses(&b, findings, externals)
	_, err := io.WriteString(w, b.String())
	return err
}
