package report

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/result"
)

// The JSON contract's keys, from DESIGN.md.
var (
	topKeys        = []string{"diagnostics", "findings", "summary"}
	findingKeys    = []string{"column", "file", "fingerprint", "line", "message", "related", "resource", "rule_id", "rule_name", "severity"}
	relatedKeys    = []string{"file", "line", "message", "resource"}
	diagnosticKeys = []string{"column", "file", "line", "message", "severity"}
	summaryKeys    = []string{"diagnostics", "errors", "files", "findings", "notes", "resources", "warnings"}
)

func keys(t *testing.T, what string, v any) []string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is %T, want an object", what, v)
	}
	return slices.Sorted(maps.Keys(m))
}

func array(t *testing.T, what string, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("%s is %T (%v), want an array", what, v, v)
	}
	return a
}

func TestJSONShape(t *testing.T) {
	tests := []struct {
		name                          string
		report                        *result.Report
		findings, related, diagnostic int
	}{
		{"sample", sampleReport(), 3, 2, 1},
		{"empty", emptyReport(), 0, 0, 0},
		{"nil related", &result.Report{Findings: []result.Finding{{RuleID: "ACR014", File: "a.tf", Line: 1}}}, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc any
			if err := json.Unmarshal(write(t, "json", Options{}, tt.report), &doc); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(topKeys, keys(t, "document", doc)); diff != "" {
				t.Errorf("document keys (-want +got):\n%s", diff)
			}
			top := doc.(map[string]any)
			if diff := cmp.Diff(summaryKeys, keys(t, "summary", top["summary"])); diff != "" {
				t.Errorf("summary keys (-want +got):\n%s", diff)
			}
			findings := array(t, "findings", top["findings"])
			if len(findings) != tt.findings {
				t.Errorf("%d findings, want %d", len(findings), tt.findings)
			}
			related := 0
			for _, f := range findings {
				if diff := cmp.Diff(findingKeys, keys(t, "finding", f)); diff != "" {
					t.Errorf("finding keys (-want +got):\n%s", diff)
				}
				for _, r := range array(t, "related", f.(map[string]any)["related"]) {
					related++
					if diff := cmp.Diff(relatedKeys, keys(t, "related", r)); diff != "" {
						t.Errorf("related keys (-want +got):\n%s", diff)
					}
				}
			}
			if related != tt.related {
				t.Errorf("%d related locations, want %d", related, tt.related)
			}
			diags := array(t, "diagnostics", top["diagnostics"])
			if len(diags) != tt.diagnostic {
				t.Errorf("%d diagnostics, want %d", len(diags), tt.diagnostic)
			}
			for _, d := range diags {
				if diff := cmp.Diff(diagnosticKeys, keys(t, "diagnostic", d)); diff != "" {
					t.Errorf("diagnostic keys (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestJSONValues(t *testing.T) {
	type related struct {
		Resource, File, Message string
		Line                    int
	}
	type finding struct {
		RuleID      string `json:"rule_id"`
		RuleName    string `json:"rule_name"`
		Severity    string
		Message     string
		Resource    string
		File        string
		Line        int
		Column      int
		Related     []related
		Fingerprint string
	}
	type diagnostic struct {
		File     string
		Line     int
		Column   int
		Severity string
		Message  string
	}
	var got struct {
		Findings    []finding
		Diagnostics []diagnostic
		Summary     result.Summary
	}
	r := sampleReport()
	out := write(t, "json", Options{}, r)
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	f := r.Findings[0]
	wantFirst := finding{
		RuleID: "ACR001", RuleName: "private-endpoint-dns-records", Severity: "error",
		Message: f.Message, Resource: f.Resource, File: "main.tf", Line: 12, Column: 3,
		Related: []related{
			{Resource: "azurerm_container_registry.acr", File: "main.tf", Line: 1, Message: "the registry, in westeurope"},
			{Resource: "azurerm_private_dns_zone.acr", File: "modules/private dns/zone.tf", Line: 4, Message: "zone without a record for the data endpoint"},
		},
		Fingerprint: f.Fingerprint,
	}
	if diff := cmp.Diff(wantFirst, got.Findings[0]); diff != "" {
		t.Errorf("first finding (-want +got):\n%s", diff)
	}
	wantDiag := []diagnostic{{File: "variables.tf", Line: 3, Column: 1, Severity: "warning", Message: "Unresolved value: var.location has no default; pass --var location=<region>"}}
	if diff := cmp.Diff(wantDiag, got.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(r.Summary, got.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if !bytes.Contains(out, []byte("\n  \"findings\": [\n    {\n      \"rule_id\"")) {
		t.Errorf("output is not indented by two spaces:\n%s", out)
	}
	if !bytes.Contains(out, []byte("<region>")) {
		t.Errorf("output escapes HTML characters")
	}
}
