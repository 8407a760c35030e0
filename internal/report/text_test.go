package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

var sgrPattern = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestTextColor(t *testing.T) {
	tests := []struct {
		name   string
		report func() *result.Report
	}{
		{"sample", sampleReport},
		{"empty", emptyReport},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain := string(write(t, "text", Options{}, tt.report()))
			if strings.Contains(plain, "\x1b") {
				t.Errorf("output without Color holds an escape sequence:\n%q", plain)
			}
			colored := string(write(t, "text", Options{Color: true}, tt.report()))
			if !sgrPattern.MatchString(colored) {
				t.Errorf("output with Color holds no colour:\n%q", colored)
			}
			if diff := cmp.Diff(plain, sgrPattern.ReplaceAllString(colored, "")); diff != "" {
				t.Errorf("coloured output differs from plain beyond its colour (-plain +stripped):\n%s", diff)
			}
		})
	}
}

func TestTextLines(t *testing.T) {
	tests := []struct {
		name   string
		report *result.Report
		want   string
	}{
		{
			name: "one finding",
			report: &result.Report{
				Findings: []result.Finding{{RuleID: "ACR014", Severity: diag.Error, Message: "Premium SKU required", File: "acr.bicep", Line: 3, Column: 1}},
				Summary:  result.Summary{Files: 1, Findings: 1, Errors: 1},
			},
			want: "acr.bicep:3:1 error ACR014 Premium SKU required\n\n1 finding (1 error, 0 warnings, 0 notes) in 1 file\n",
		},
		{
			name: "unknown column and line",
			report: &result.Report{
				Findings: []result.Finding{
					{RuleID: "ACR013", Severity: diag.Note, Message: "m1", File: "a.tf", Line: 3},
					{RuleID: "ACR013", Severity: diag.Note, Message: "m2", File: "b.tf"},
				},
				Summary: result.Summary{Files: 2, Findings: 2, Notes: 2},
			},
			want: "a.tf:3 note ACR013 m1\n\nb.tf note ACR013 m2\n\n2 findings (0 errors, 0 warnings, 2 notes) in 2 files\n",
		},
		{
			name: "related without resource",
			report: &result.Report{
				Findings: []result.Finding{{
					RuleID: "ACR002", Severity: diag.Error, Message: "wrong zone", File: "dns.tf", Line: 1, Column: 1,
					Related: []result.Related{{File: "pe.tf", Line: 9, Column: 4, Message: "endpoint"}},
				}},
				Summary: result.Summary{Files: 2, Findings: 1, Errors: 1},
			},
			want: "dns.tf:1:1 error ACR002 wrong zone\n  related: pe.tf:9 endpoint\n\n1 finding (1 error, 0 warnings, 0 notes) in 2 files\n",
		},
		{
			name: "diagnostics only, one without a file",
			report: &result.Report{
				Diagnostics: diag.Diagnostics{
					{Severity: diag.Warning, Summary: "Module not available", Detail: "run terraform init", Subject: diag.Range{File: "main.tf", Start: diag.Pos{Line: 5, Column: 2}}},
					{Severity: diag.Error, Summary: "No files to scan"},
				},
				Summary: result.Summary{Files: 1, Diagnostics: 2},
			},
			want: "main.tf:5:2 warning Module not available: run terraform init\nerror No files to scan\n\nno findings in 1 file\n",
		},
		{
			name: "control characters from the sources",
			report: &result.Report{
				Findings: []result.Finding{{RuleID: "ACR002", Severity: diag.Error, Message: "zone \"a\x1b[31m\"\nnext", File: "z.tf", Line: 1, Column: 1}},
				Summary:  result.Summary{Files: 1, Findings: 1, Errors: 1},
			},
			want: "z.tf:1:1 error ACR002 zone \"a\uFFFD[31m\" next\n\n1 finding (1 error, 0 warnings, 0 notes) in 1 file\n",
		},
		{
			name:   "nothing",
			report: &result.Report{},
			want:   "no findings in 0 files\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(write(t, "text", Options{}, tt.report))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
		})
	}
}
