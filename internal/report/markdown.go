package report

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// Limits that keep a Markdown report postable and renderable.
const (
	// markdownLimit is GitHub's limit on the body of a pull-request
	// comment, in characters. The writer counts bytes, which are never
	// fewer than characters.
	markdownLimit = 65536
	// markdownReserve is kept free under the limit for the notes that say
	// what was left out.
	markdownReserve = 512
	// markdownDiagnosticsLimit caps the diagnostics section, so that they
	// never crowd out the findings.
	markdownDiagnosticsLimit = 16 << 10
	// markdownMessageMax caps one table cell's message, in characters.
	markdownMessageMax = 1000
	// mermaidMaxBytes and mermaidMaxLinks keep the diagram below what
	// Mermaid renders by default (50,000 characters, 500 links).
	mermaidMaxBytes = 40000
	mermaidMaxLinks = 300
	// mermaidLabelMax caps a node label's address, in characters.
	mermaidLabelMax = 80
	// mermaidIDMax caps a node id's length before its collision suffix.
	mermaidIDMax = 48
)

// mermaidHeading starts the diagram's section.
const mermaidHeading = "### Affected resources\n\n"

// markdownMarker starts every Markdown report, so that a CI job can find the
// comment it posted before and update it instead of adding another.
const markdownMarker = "<!-- acrlint -->"

// markdownWriter prints a pull-request comment: a heading, the summary, a
// table of the findings, the diagnostics folded in a <details> block and a
// Mermaid diagram of the resources the findings involve, with a dotted
// arrow, labelled with the rule, from each finding's resource to each
// resource related to it. A report without findings is a short comment
// without table or diagram. The comment stays under GitHub's 65,536
// characters: the table is cut short with a note when it must be, after the
// diagram has been left out.
type markdownWriter struct{}

func (markdownWriter) Write(w io.Writer, r *result.Report) error {
	var b strings.Builder
	b.WriteString(markdownMarker + "\n## acrlint\n\n")
	diagnostics := markdownDiagnostics(r.Diagnostics)
	if len(r.Active()) == 0 {
		s := summaryLine(r.Summary)
		b.WriteString(strings.ToUpper(s[:1]) + s[1:] + ".\n")
		if diagnostics != "" {
			b.WriteString("\n" + diagnostics)
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString(summaryLine(r.Summary) + ".\n\n")

	rows := markdownFindingRows(r)
	diagram := mermaidSection(r)
	table, shown := markdownTable(rows, markdownLimit-markdownReserve-b.Len()-len(diagnostics)-len(diagram))
	if shown < len(rows) && diagram != "" {
		diagram = mermaidHeading + "_The diagram is left out to keep the findings within the comment's size limit._\n"
		table, shown = markdownTable(rows, markdownLimit-markdownReserve-b.Len()-len(diagnostics)-len(diagram))
	}
	b.WriteString(table)
	if shown < len(rows) {
		fmt.Fprintf(&b, "\n_The table shows %d of %d findings: a comment holds at most %d characters. "+
			"The text, JSON and SARIF formats list them all._\n", shown, len(rows), markdownLimit)
	}
	if diagnostics != "" {
		b.WriteString("\n" + diagnostics)
	}
	if diagram != "" {
		b.WriteString("\n" + diagram)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownFindingRows renders each finding as a table row:
// | Severity | Rule | Location | Message |.
func markdownFindingRows(r *result.Report) []string {
	links := make(map[string]string, len(r.Rules))
	for _, rule := range r.Rules {
		if link, ok := firstURL(rule.Links); ok {
			links[rule.ID] = link
		}
	}
	findings := r.Active()
	rows := make([]string, len(findings))
	for i, f := range findings {
		rule := markdownText(f.RuleID)
		if link := links[f.RuleID]; link != "" && !strings.ContainsAny(link, "<> \t\r\n") {
			rule = "[" + rule + "](<" + strings.ReplaceAll(link, "|", "%7C") + ">)"
		}
		if f.RuleName != "" {
			rule += " " + markdownText(f.RuleName)
		}
		rows[i] = "| " + f.Severity.String() + " | " + rule + " | " +
			markdownLocation(f.File, f.Line) + " | " + markdownText(truncateRunes(f.Message, markdownMessageMax)) + " |\n"
	}
	return rows
}

// markdownTable is the findings table with as many rows as fit in limit
// bytes, and the number of rows it holds.
func markdownTable(rows []string, limit int) (string, int) {
	var b strings.Builder
	b.WriteString("| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n")
	shown := 0
	for _, row := range rows {
		if b.Len()+len(row) > limit {
			break
		}
		b.WriteString(row)
		shown++
	}
	return b.String(), shown
}

// markdownDiagnostics is the <details> block listing the diagnostics, or ""
// when there are none.
func markdownDiagnostics(ds diag.Diagnostics) string {
	if len(ds) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<details>\n<summary>" + plural(len(ds), "diagnostic") + "</summary>\n\n")
	b.WriteString("| Severity | Location | Message |\n| --- | --- | --- |\n")
	for i, d := range ds {
		row := "| " + d.Severity.String() + " | " + markdownLocation(d.Subject.File, d.Subject.Start.Line) + " | " +
			markdownText(truncateRunes(d.Message(), markdownMessageMax)) + " |\n"
		if b.Len()+len(row) > markdownDiagnosticsLimit {
			if n := len(ds) - i; n == 1 {
				b.WriteString("\n_1 more diagnostic is not shown._\n")
			} else {
				fmt.Fprintf(&b, "\n_%d more diagnostics are not shown._\n", n)
			}
			break
		}
		b.WriteString(row)
	}
	b.WriteString("\n</details>\n")
	return b.String()
}

// markdownLocation is path:line as a code span fit for a table cell, or ""
// when the file is unknown.
func markdownLocation(file string, line int) string {
	loc := position(file, line, 0)
	if loc == "" {
		return ""
	}
	return strings.ReplaceAll(codeSpan(loc), "|", `\|`)
}

// markdownEscaper makes text read from the scanned files literal in a
// GitHub-flavoured Markdown table cell: no emphasis, links, code, HTML or
// cell breaks.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`, "|", `\|`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
)

func markdownText(s string) string {
	return markdownEscaper.Replace(clean(s))
}

// truncateRunes cuts s to at most n characters, ending it with "…" when cut.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}

// mermaidNode is a resource in the diagram.
type mermaidNode struct {
	id, label string
	finding   bool // a finding is on this resource
	external  bool // defined outside the scanned files
}

// mermaidLink is a dotted arrow from a finding's resource to a related one.
type mermaidLink struct {
	from, to, rule string
	severity       diag.Severity
}

// mermaidSection is the heading and the fenced Mermaid flowchart of the
// resources the findings involve, a note when the diagram would be too
// large to render, or "" when no finding names a resource.
func mermaidSection(r *result.Report) string {
	nodes, links := mermaidGraph(r)
	if len(nodes) == 0 {
		return ""
	}
	if len(links) > mermaidMaxLinks {
		return mermaidHeading + mermaidTooLarge(len(nodes), len(links))
	}
	var b strings.Builder
	b.WriteString(mermaidHeading)
	b.WriteString("Each dotted arrow goes from the resource a finding is on to another resource involved in it, labelled with the rule.\n\n")
	b.WriteString("```mermaid\nflowchart LR\n")
	var findings, externals []string
	for _, n := range nodes {
		b.WriteString("  " + n.id + `["` + n.label + `"]` + "\n")
		if n.finding {
			findings = append(findings, n.id)
		}
		if n.external {
			externals = append(externals, n.id)
		}
	}
	for _, l := range links {
		b.WriteString("  " + l.from + ` -.->|"` + mermaidEscape(l.rule) + `"| ` + l.to + "\n")
	}
	for i, l := range links {
		b.WriteString("  linkStyle " + strconv.Itoa(i) + " stroke:" + mermaidColor(l.severity) + "\n")
	}
	mermaidClasses(&b, findings, externals)
	b.WriteString("```\n")
	if b.Len() > mermaidMaxBytes {
		return mermaidHeading + mermaidTooLarge(len(nodes), len(links))
	}
	return b.String()
}

// mermaidClasses styles the nodes with findings (red) and the external
// ones (dashed) of a Mermaid flowchart.
func mermaidClasses(b *strings.Builder, findings, externals []string) {
	if len(findings) > 0 {
		b.WriteString("  classDef finding stroke:red,stroke-width:2px\n")
		b.WriteString("  class " + strings.Join(findings, ",") + " finding\n")
	}
	if len(externals) > 0 {
		b.WriteString("  classDef external stroke-dasharray:4 4\n")
		b.WriteString("  class " + strings.Join(externals, ",") + " external\n")
	}
}

func mermaidTooLarge(nodes, links int) string {
	return fmt.Sprintf("_The diagram is left out: %s and %s are more than Mermaid renders._\n",
		plural(nodes, "resource"), plural(links, "link"))
}

// mermaidColor is a link's colour by the severity of its finding.
func mermaidColor(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "red"
	case diag.Warning:
		return "orange"
	default:
		return "gray"
	}
}

// mermaidGraph collects the resources the findings involve, in the order
// they first appear, and the links between them, each (from, to, rule)
// once with the most severe of its findings' severities.
func mermaidGraph(r *result.Report) ([]*mermaidNode, []mermaidLink) {
	var nodes []*mermaidNode
	byResource := map[string]*mermaidNode{}
	usedIDs := map[string]bool{}
	addresses := map[string]string{}
	findings := r.Active()
	for _, f := range findings {
		if f.Address != "" && strings.HasSuffix(f.Resource, "/"+f.Address) {
			addresses[f.Resource] = f.Address
		}
	}
	node := func(resource string) *mermaidNode {
		if n, ok := byResource[resource]; ok {
			return n
		}
		kind, address, external := splitResource(resource)
		if a, ok := addresses[resource]; ok {
			address = a
		}
		label := mermaidEscape(truncateRunes(address, mermaidLabelMax))
		if kind != "" {
			k := kind
			if external {
				k += ", external"
			}
			label += "<br/>" + mermaidEscape(k)
		}
		n := &mermaidNode{id: mermaidID(address, usedIDs), label: label, external: external}
		byResource[resource] = n
		nodes = append(nodes, n)
		return n
	}

	var links []mermaidLink
	linkAt := map[[3]string]int{}
	for _, f := range findings {
		if f.Resource == "" {
			continue
		}
		from := node(f.Resource)
		from.finding = true
		for _, rel := range f.Related {
			if rel.Resource == "" {
				continue
			}
			to := node(rel.Resource)
			key := [3]string{from.id, to.id, f.RuleID}
			if i, ok := linkAt[key]; ok {
				links[i].severity = min(links[i].severity, f.Severity)
				continue
			}
			linkAt[key] = len(links)
			links = append(links, mermaidLink{from: from.id, to: to.id, rule: f.RuleID, severity: f.Severity})
		}
	}
	return nodes, links
}

// splitResource reads a graph node id, "kind/file/address" or, for a
// resource outside the scanned files, "external/kind/resource-id": the kind
// is what precedes the first slash (or the second, for external ones) and
// the address the last path segment. A slash inside brackets or quotes, as
// in a for_each key, does not split.
func splitResource(id string) (kind, address string, external bool) {
	kind, rest, ok := strings.Cut(id, "/")
	if !ok {
		return "", id, false
	}
	if kind == "external" {
		external = true
		kind, _, _ = strings.Cut(rest, "/")
	}
	last, depth, quoted := -1, 0, false
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case quoted && c == '\\':
			i++
		case quoted:
			quoted = c != '"'
		case c == '"':
			quoted = true
		case c == '[':
			depth++
		case c == ']':
			depth = max(depth-1, 0)
		case c == '/' && depth == 0:
			last = i
		}
	}
	return kind, cmp.Or(id[last+1:], id), external
}

// mermaidID turns a resource's address into a node id of letters, digits
// and underscores only, unique among used. The "n_" prefix keeps ids clear
// of Mermaid's keywords (end, graph, …).
func mermaidID(address string, used map[string]bool) string {
	var b strings.Builder
	b.WriteString("n_")
	for _, r := range address {
		if b.Len() >= mermaidIDMax {
			break
		}
		if r < utf8.RuneSelf && (r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	id := b.String()
	for i := 2; used[id]; i++ {
		id = b.String() + "_" + strconv.Itoa(i)
	}
	used[id] = true
	return id
}

// mermaidEscaper turns the characters that Mermaid, or the HTML its labels
// become, would read as syntax into Mermaid entity codes.
var mermaidEscaper = strings.NewReplacer(
	"#", "#35;", `"`, "#quot;", "&", "#38;", "<", "#60;", ">", "#62;", "`", "#96;", "|", "#124;",
)

// mermaidEscape makes s literal inside a double-quoted Mermaid label or link
// text; line breaks become spaces.
func mermaidEscape(s string) string {
	return mermaidEscaper.Replace(clean(s))
}
