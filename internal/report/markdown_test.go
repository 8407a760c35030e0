package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

func TestSplitResource(t *testing.T) {
	tests := []struct {
		id, kind, address string
		external          bool
	}{
		{"registry/main.tf/azurerm_container_registry.acr", "registry", "azurerm_container_registry.acr", false},
		{"subnet/modules/net/main.tf/module.net.azurerm_subnet.aks", "subnet", "module.net.azurerm_subnet.aks", false},
		{`private_endpoint/pe.tf/azurerm_private_endpoint.pe["a/b"]`, "private_endpoint", `azurerm_private_endpoint.pe["a/b"]`, false},
		{`private_endpoint/pe.tf/azurerm_private_endpoint.pe["a\"]/b"]`, "private_endpoint", `azurerm_private_endpoint.pe["a\"]/b"]`, false},
		{"registry/acr.json/Microsoft.ContainerRegistry/registries/acr", "registry", "acr", false},
		{"external/subnet/subscriptions/s/resourcegroups/rg/providers/microsoft.network/virtualnetworks/v/subnets/aks", "subnet", "aks", true},
		{"azurerm_private_endpoint.acr", "", "azurerm_private_endpoint.acr", false},
		{"registry/", "registry", "registry/", false},
	}
	for _, tt := range tests {
		kind, address, external := splitResource(tt.id)
		if kind != tt.kind || address != tt.address || external != tt.external {
			t.Errorf("splitResource(%q) = %q, %q, %v, want %q, %q, %v", tt.id, kind, address, external, tt.kind, tt.address, tt.external)
		}
	}
}

func TestMermaidID(t *testing.T) {
	used := map[string]bool{}
	var got []string
	for _, a := range []string{"azurerm_container_registry.acr", "azurerm_container_registry.acr", "end", `pe["é/x"]`, strings.Repeat("a", 100)} {
		got = append(got, mermaidID(a, used))
	}
	want := []string{
		"n_azurerm_container_registry_acr", "n_azurerm_container_registry_acr_2", "n_end", "n_pe____x__",
		"n_" + strings.Repeat("a", mermaidIDMax-2),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

func TestMermaidEscape(t *testing.T) {
	in := "a \"b\" <c> & #d `e` |f|\nnext"
	want := "a #quot;b#quot; #60;c#62; #38; #35;d #96;e#96; #124;f#124; next"
	if got := mermaidEscape(in); got != want {
		t.Errorf("mermaidEscape = %q, want %q", got, want)
	}
}

func TestMarkdownText(t *testing.T) {
	in := "a|b *c* _d_ `e` [f](g) <h> &amp; \\ ~i~\nj"
	want := `a\|b \*c\* \_d\_ ` + "\\`e\\`" + ` \[f\](g) &lt;h&gt; &amp;amp; \\ \~i\~ j`
	if got := markdownText(in); got != want {
		t.Errorf("markdownText = %q, want %q", got, want)
	}
	if got := markdownLocation("a|b.tf", 3); got != "`a\\|b.tf:3`" {
		t.Errorf("markdownLocation = %q", got)
	}
}

var (
	mermaidNodeLine = regexp.MustCompile(`^  (n_[A-Za-z0-9_]+)\["[^"]*"\]$`)
	mermaidLinkLine = regexp.MustCompile(`^  (n_[A-Za-z0-9_]+) -\.->\|"[^"]*"\| (n_[A-Za-z0-9_]+)$`)
	mermaidStyle    = regexp.MustCompile(`^  linkStyle (\d+) stroke:(red|orange|gray)$`)
)

// mermaidBlock returns the lines of the Markdown's Mermaid block.
func mermaidBlock(t *testing.T, md string) []string {
	t.Helper()
	_, rest, ok := strings.Cut(md, "```mermaid\nflowchart LR\n")
	if !ok {
		return nil
	}
	block, _, ok := strings.Cut(rest, "```\n")
	if !ok {
		t.Fatalf("unterminated Mermaid block:\n%s", md)
	}
	return strings.Split(strings.TrimSuffix(block, "\n"), "\n")
}

// TestMermaidSyntax checks every line of the diagrams against the few forms
// the writer uses, and that each link has its style and refers to nodes.
func TestMermaidSyntax(t *testing.T) {
	for name, r := range map[string]*result.Report{"sample": sampleReport(), "edge": edgeReport()} {
		t.Run(name, func(t *testing.T) {
			lines := mermaidBlock(t, string(write(t, "markdown", Options{}, r)))
			if len(lines) == 0 {
				t.Fatal("no diagram")
			}
			nodes := map[string]bool{}
			links, styles := 0, 0
			for _, line := range lines {
				switch {
				case mermaidNodeLine.MatchString(line):
					id := mermaidNodeLine.FindStringSubmatch(line)[1]
					if nodes[id] {
						t.Errorf("node %s declared twice", id)
					}
					nodes[id] = true
				case mermaidLinkLine.MatchString(line):
					m := mermaidLinkLine.FindStringSubmatch(line)
					if !nodes[m[1]] || !nodes[m[2]] {
						t.Errorf("link between undeclared nodes: %q", line)
					}
					links++
				case mermaidStyle.MatchString(line):
					if n := mermaidStyle.FindStringSubmatch(line)[1]; n != fmt.Sprint(styles) {
						t.Errorf("linkStyle %s out of order", n)
					}
					styles++
				case strings.HasPrefix(line, "  classDef "), strings.HasPrefix(line, "  class "):
				default:
					t.Errorf("unexpected line %q", line)
				}
			}
			if links == 0 || links != styles {
				t.Errorf("%d links, %d link styles", links, styles)
			}
		})
	}
}

func TestMarkdownEmpty(t *testing.T) {
	r := emptyReport()
	r.Diagnostics = diag.Diagnostics{{Severity: diag.Warning, Summary: "Unresolved value", Subject: diag.Range{File: "v.tf", Start: diag.Pos{Line: 1}}}}
	got := string(write(t, "markdown", Options{}, r))
	want := "<!-- acrlint -->\n## acrlint\n\nNo findings in 2 files.\n\n<details>\n<summary>1 diagnostic</summary>\n\n" +
		"| Severity | Location | Message |\n| --- | --- | --- |\n| warning | `v.tf:1` | Unresolved value |\n\n</details>\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("markdown (-want +got):\n%s", diff)
	}
}

func TestMarkdownFindingWithoutResource(t *testing.T) {
	r := &result.Report{
		Findings: []result.Finding{{RuleID: "ACR014", Severity: diag.Error, Message: "m", File: "a.tf", Line: 1}},
		Summary:  result.Summary{Files: 1, Findings: 1, Errors: 1},
	}
	got := string(write(t, "markdown", Options{}, r))
	if strings.Contains(got, "mermaid") || !strings.Contains(got, "| error | ACR014 | `a.tf:1` | m |\n") {
		t.Errorf("markdown:\n%s", got)
	}
}

// bigReport has n findings on n distinct resources, each with a long
// message and two related resources.
func bigReport(n, messageLen int) *result.Report {
	r := &result.Report{}
	for i := range n {
		r.Findings = append(r.Findings, result.Finding{
			RuleID: "ACR001", RuleName: "private-endpoint-dns-records", Severity: diag.Error,
			Message:  fmt.Sprintf("finding %d: %s", i, strings.Repeat("x", messageLen)),
			Resource: fmt.Sprintf("private_endpoint/main.tf/azurerm_private_endpoint.pe%d", i),
			File:     "main.tf", Line: i + 1, Column: 1,
			Related: []result.Related{
				{Resource: "registry/main.tf/azurerm_container_registry.acr", File: "main.tf", Line: 1},
				{Resource: fmt.Sprintf("private_dns_zone/dns.tf/azurerm_private_dns_zone.z%d", i), File: "dns.tf", Line: i + 1},
			},
		})
	}
	for i := range 500 {
		r.Diagnostics = append(r.Diagnostics, diag.Warnf(diag.Range{File: "v.tf", Start: diag.Pos{Line: i + 1}}, "Unresolved value", "%s", strings.Repeat("y", 200)))
	}
	r.Summarize(2, 2*n+1)
	return r
}

func TestMarkdownLimits(t *testing.T) {
	tests := []struct {
		name        string
		report      *result.Report
		wantRows    int // -1: fewer than all, at least one
		wantDiagram bool
	}{
		{"small", bigReport(20, 50), 20, true},
		{"diagram too large", bigReport(200, 10), 200, false},
		{"table too long", bigReport(400, 2000), -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(write(t, "markdown", Options{}, tt.report))
			if len(out) > markdownLimit {
				t.Errorf("%d bytes, over GitHub's limit of %d", len(out), markdownLimit)
			}
			rows := strings.Count(out, "\n| error | ")
			switch {
			case tt.wantRows >= 0 && rows != tt.wantRows:
				t.Errorf("%d rows, want %d", rows, tt.wantRows)
			case tt.wantRows < 0 && (rows == 0 || rows >= len(tt.report.Findings)):
				t.Errorf("%d rows of %d findings, want the table cut short", rows, len(tt.report.Findings))
			}
			if cut := strings.Contains(out, fmt.Sprintf("The table shows %d of %d findings", rows, len(tt.report.Findings))); cut != (rows < len(tt.report.Findings)) {
				t.Errorf("truncation note present %v with %d of %d rows", cut, rows, len(tt.report.Findings))
			}
			if got := strings.Contains(out, "```mermaid"); got != tt.wantDiagram {
				t.Errorf("diagram present %v, want %v", got, tt.wantDiagram)
			}
			if !tt.wantDiagram && !strings.Contains(out, "left out") {
				t.Errorf("no note says the diagram was left out")
			}
			if !strings.Contains(out, "more diagnostics are not shown") {
				t.Errorf("diagnostics not capped")
			}
			if !strings.HasSuffix(strings.TrimRight(out, "\n"), "</details>") && !strings.Contains(out, "</details>\n") {
				t.Errorf("details block not closed")
			}
		})
	}
}

func TestTruncateRunes(t *testing.T) {
	if got := truncateRunes("héllo wörld", 5); got != "héll…" {
		t.Errorf("truncateRunes = %q", got)
	}
	if got := truncateRunes("short", 5); got != "short" {
		t.Errorf("truncateRunes = %q", got)
	}
}
