package report

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// TestGitHubEscape follows @actions/core's escapeData and escapeProperty.
func TestGitHubEscape(t *testing.T) {
	tests := []struct {
		in, data, property string
	}{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"%0A", "%250A", "%250A"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"file:line, col", "file:line, col", "file%3Aline%2C col"},
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
		{"tab\tbell\a", "tab\tbell\uFFFD", "tab\tbell\uFFFD"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.property {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.property)
		}
	}
}

func TestGitHubCommands(t *testing.T) {
	tests := []struct {
		name   string
		report *result.Report
		want   string
	}{
		{
			name: "severities",
			report: &result.Report{
				Findings: []result.Finding{
					{RuleID: "ACR014", RuleName: "premium-sku-required", Severity: diag.Error, Message: "m1", File: "a.tf", Line: 3, Column: 1},
					{RuleID: "ACR009", Severity: diag.Warning, Message: "m2", File: "a.tf", Line: 4},
					{RuleID: "ACR013", Severity: diag.Note, Message: "m3", File: "b.tf"},
				},
				Summary: result.Summary{Files: 2, Findings: 3, Errors: 1, Warnings: 1, Notes: 1},
			},
			want: "::error file=a.tf,line=3,col=1,title=ACR014 premium-sku-required::m1\n" +
				"::warning file=a.tf,line=4,title=ACR009::m2\n" +
				"::notice file=b.tf,title=ACR013::m3\n" +
				"3 findings (1 error, 1 warning, 1 note) in 2 files\n",
		},
		{
			name: "column without line, related without file",
			report: &result.Report{
				Findings: []result.Finding{{
					RuleID: "ACR012", Severity: diag.Warning, Message: "m", File: "pe.tf", Column: 4,
					Related: []result.Related{{Resource: "external/subnet/x"}, {File: "net.tf", Line: 2, Message: "the subnet"}},
				}},
				Summary: result.Summary{Files: 1, Findings: 1, Warnings: 1},
			},
			want: "::warning file=pe.tf,title=ACR012::m%0Arelated: external/subnet/x%0Arelated: net.tf:2 the subnet\n" +
				"1 finding (0 errors, 1 warning, 0 notes) in 1 file\n",
		},
		{
			name: "diagnostics",
			report: &result.Report{
				Diagnostics: diag.Diagnostics{
					{Severity: diag.Error, Summary: "No files to scan"},
					{Severity: diag.Note, Summary: "Module not available", Detail: "run terraform init", Subject: diag.Range{File: "m.tf", Start: diag.Pos{Line: 1, Column: 1}}},
				},
			},
			want: "::error title=acrlint::No files to scan\n" +
				"::notice file=m.tf,line=1,col=1,title=acrlint::Module not available: run terraform init\n" +
				"no findings in 0 files\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(write(t, "github", Options{}, tt.report))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("github (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGitHubOneCommandPerLine checks that nothing read from the sources can
// break a command over two lines or start a command of its own.
func TestGitHubOneCommandPerLine(t *testing.T) {
	r := edgeReport()
	out := write(t, "github", Options{}, r)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if want := len(r.Findings) + len(r.Diagnostics) + 1; len(lines) != want {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), want, out)
	}
	for _, line := range lines[:len(lines)-1] {
		cmd, rest, ok := strings.Cut(line, " ")
		if !ok || !strings.HasPrefix(cmd, "::") {
			t.Errorf("not a command: %q", line)
			continue
		}
		props, _, ok := strings.Cut(rest, "::")
		if !ok {
			t.Errorf("no message: %q", line)
		}
		for p := range strings.SplitSeq(props, ",") {
			if k, _, ok := strings.Cut(p, "="); !ok || !slices.Contains([]string{"file", "line", "col", "title"}, k) {
				t.Errorf("bad property %q in %q", p, line)
			}
		}
	}
	if bytes.ContainsAny(out, "\r\x1b") {
		t.Errorf("raw control characters in output:\n%q", out)
	}
}

func TestGitHubPathPrefix(t *testing.T) {
	finding := []result.Finding{{
		RuleID: "ACR014", Severity: diag.Error, Message: "m", File: "main.tf", Line: 1,
		Related: []result.Related{{File: "sub/x.tf", Line: 2, Message: "r"}},
	}}
	wd := func(dir string) func() (string, error) {
		return func() (string, error) { return dir, nil }
	}
	tests := []struct {
		name  string
		root  string
		getwd func() (string, error)
		want  string
	}{
		{"root below the working directory", "/repo/infra/prod", wd("/repo"), "::error file=infra/prod/main.tf,line=1,title=ACR014::m%0Arelated: infra/prod/sub/x.tf:2 r\n"},
		{"root is the working directory", "/repo", wd("/repo"), "::error file=main.tf,line=1,title=ACR014::m%0Arelated: sub/x.tf:2 r\n"},
		{"root outside the working directory", "/other", wd("/repo"), "::error file=main.tf,line=1,title=ACR014::m%0Arelated: sub/x.tf:2 r\n"},
		{"root beside with a common prefix", "/repository", wd("/repo"), "::error file=main.tf,line=1,title=ACR014::m%0Arelated: sub/x.tf:2 r\n"},
		{"relative root", "infra", wd("/repo"), "::error file=main.tf,line=1,title=ACR014::m%0Arelated: sub/x.tf:2 r\n"},
		{"no working directory", "/repo/infra", func() (string, error) { return "", errors.New("gone") }, "::error file=main.tf,line=1,title=ACR014::m%0Arelated: sub/x.tf:2 r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &result.Report{Root: tt.root, Findings: finding}
			var b bytes.Buffer
			if err := (githubWriter{getwd: tt.getwd}).Write(&b, r); err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(b.String(), "\n")
			if diff := cmp.Diff(tt.want, first+"\n"); diff != "" {
				t.Errorf("first line (-want +got):\n%s", diff)
			}
		})
	}
}
