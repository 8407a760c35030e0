package report

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/report/sariftest"
	"github.com/acrlint/acrlint/internal/result"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleReport has two rules, three findings (the first with related
// locations, one in a directory whose name holds a space) and one diagnostic.
func sampleReport() *result.Report {
	rules := []result.Rule{
		{
			ID:          "ACR009",
			Name:        "public-access-disables-service-endpoint",
			Title:       "Disabling public access disables service endpoints",
			Description: "Disabling public network access also disables access through service endpoints: virtual network rules on such a registry do nothing.",
			Severity:    diag.Warning,
			Symptoms:    []string{"403 Forbidden"},
			Remediation: "Use a private endpoint, or enable public network access with default action Deny.",
			Links:       []string{"https://learn.microsoft.com/azure/container-registry/container-registry-vnet"},
		},
		{
			ID:          "ACR001",
			Name:        "private-endpoint-dns-records",
			Title:       "Private endpoint needs DNS records for every registry endpoint",
			Description: "A registry reached through a private endpoint needs DNS for the registry FQDN and for every data endpoint.",
			Severity:    diag.Error,
			Symptoms: []string{
				"dial tcp: lookup myregistry.azurecr.io: no such host",
				"Client.Timeout exceeded while awaiting headers",
			},
			Remediation: "Add a private DNS zone group for privatelink.azurecr.io to the private endpoint, or A records for every name.",
			Links: []string{
				"https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access",
				"https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
			},
		},
	}
	findings := []result.Finding{
		{
			RuleID:   "ACR001",
			RuleName: "private-endpoint-dns-records",
			Severity: diag.Error,
			Message:  "no DNS record for myregistry.westeurope.data.azurecr.io",
			Resource: "azurerm_private_endpoint.acr",
			File:     "main.tf",
			Line:     12,
			Column:   3,
			Address:  "azurerm_private_endpoint.acr",
			Related: []result.Related{
				{Resource: "azurerm_container_registry.acr", File: "main.tf", Line: 1, Column: 1, Message: "the registry, in westeurope"},
				{Resource: "azurerm_private_dns_zone.acr", File: "modules/private dns/zone.tf", Line: 4, Message: "zone without a record for the data endpoint"},
			},
		},
		{
			RuleID:   "ACR009",
			RuleName: "public-access-disables-service-endpoint",
			Severity: diag.Warning,
			Message:  "network rule for subnet aks is ignored: public network access is disabled",
			Resource: "azurerm_container_registry.acr",
			File:     "main.tf",
			Line:     30,
			Column:   5,
			Address:  "azurerm_container_registry.acr",
		},
		{
			RuleID:   "ACR001",
			RuleName: "private-endpoint-dns-records",
			Severity: diag.Error,
			Message:  "no DNS record for myregistry.azurecr.io",
			Resource: "azurerm_private_endpoint.replica",
			File:     "network/endpoints.tf",
			Line:     8,
			Column:   1,
			Address:  "azurerm_private_endpoint.replica",
		},
	}
	for i := range findings {
		findings[i].Fingerprint = result.Fingerprint(findings[i])
	}
	r := &result.Report{
		Root:     "/src/infra",
		Rules:    rules,
		Findings: findings,
		Diagnostics: diag.Diagnostics{
			diag.Warnf(diag.Range{File: "variables.tf", Start: diag.Pos{Line: 3, Column: 1}, End: diag.Pos{Line: 3, Column: 20}},
				"Unresolved value", "var.location has no default; pass --var location=<region>"),
		},
	}
	r.Summarize(4, 9)
	return r
}

// edgeReport holds what the writers must escape or do without: a path with
// a comma and a colon, a message over two lines with a percent sign, markup
// and a control character, a rule missing from the catalog, a note, a
// finding without a line, one without a file, the same rule twice on one
// line, an external resource, a for_each key with a slash, and error
// diagnostics with and without a file.
func edgeReport() *result.Report {
	findings := []result.Finding{
		{
			RuleID: "ACR002", RuleName: "private-dns-zone-name", Severity: diag.Error,
			Message:  "zone \"azurecr.io\" is not privatelink.azurecr.io: 100% of lookups\nreturn the public <address> | *everything* \x1b[31m",
			Resource: `private_dns_zone/dns,v2/a:b.tf/azurerm_private_dns_zone.zone["a/b"]`,
			File:     "dns,v2/a:b.tf", Line: 7, Column: 2,
			Address: `azurerm_private_dns_zone.zone["a/b"]`,
			Related: []result.Related{
				{Resource: "external/vnet/subscriptions/0000/resourcegroups/net/providers/microsoft.network/virtualnetworks/hub", Message: "the hub VNet, defined elsewhere"},
				{Resource: "private_endpoint/pe.bicep/pe", File: "pe.bicep", Line: 3, Message: "uses the zone"},
			},
		},
		{
			RuleID: "ACR002", RuleName: "private-dns-zone-name", Severity: diag.Error,
			Message: "second zone on the same line", Resource: `private_dns_zone/dns,v2/a:b.tf/azurerm_private_dns_zone.zone["c"]`,
			File: "dns,v2/a:b.tf", Line: 7, Column: 40,
			Related: []result.Related{{Resource: "private_endpoint/pe.bicep/pe", File: "pe.bicep", Line: 3, Message: "uses the zone"}},
		},
		{
			RuleID: "ACR013", RuleName: "login-events-diagnostics", Severity: diag.Note,
			Message: "no diagnostic setting sends ContainerRegistryLoginEvents", Resource: "registry/acr.json/Microsoft.ContainerRegistry/registries/acr",
			File: "acr.json",
		},
		{
			RuleID: "X_CUSTOM1", RuleName: "my-rule", Severity: diag.Warning,
			Message: "custom policy message", Resource: "registry/acr.json/Microsoft.ContainerRegistry/registries/acr",
		},
	}
	for i := range findings {
		findings[i].Fingerprint = result.Fingerprint(findings[i])
	}
	r := &result.Report{
		Root: "/src/edge",
		Rules: []result.Rule{
			{ID: "ACR002", Name: "private-dns-zone-name", Title: "Zone name", Description: "The zone must be privatelink.azurecr.io.", Severity: diag.Error,
				Links: []string{"https://learn.microsoft.com/azure/container-registry/container-registry-private-link"}},
			{ID: "ACR013", Name: "login-events-diagnostics", Title: "Login events", Description: "Send ContainerRegistryLoginEvents somewhere.", Severity: diag.Note},
			{ID: "ACR014", Name: "premium-sku-required", Title: "Premium SKU", Description: "Private endpoints need the Premium SKU.", Severity: diag.Error},
		},
		Findings: findings,
		Diagnostics: diag.Diagnostics{
			{Severity: diag.Error, Summary: "No files to scan", Detail: "the path holds no Terraform, Bicep or ARM file"},
			diag.Errorf(diag.Range{File: "bad.tf", Start: diag.Pos{Line: 2, Column: 5}}, "Invalid expression", "expected \"}\" & got <EOF>"),
			diag.Notef(diag.Range{File: "mod.tf", Start: diag.Pos{Line: 1, Column: 1}}, "Module not available", "run terraform init"),
		},
	}
	r.Summarize(3, 4)
	return r
}

func emptyReport() *result.Report {
	r := &result.Report{}
	r.Summarize(2, 0)
	return r
}

func write(t *testing.T, format string, opts Options, r *result.Report) []byte {
	t.Helper()
	w, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		t.Fatalf("write %s: %v", format, err)
	}
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, diff)
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		golden string
		format string
		opts   Options
		report func() *result.Report
	}{
		{"sample.txt", "text", Options{}, sampleReport},
		{"sample_color.txt", "text", Options{Color: true}, sampleReport},
		{"sample.json", "json", Options{}, sampleReport},
		{"sample.sarif", "sarif", Options{ToolVersion: "1.2.3"}, sampleReport},
		{"empty.txt", "text", Options{}, emptyReport},
		{"empty.json", "json", Options{}, emptyReport},
		{"empty.sarif", "sarif", Options{ToolVersion: "0.1.0-dev"}, emptyReport},
		{"edge.sarif", "sarif", Options{ToolVersion: "v0.4.0-rc.1+build.7"}, edgeReport},
		{"sample.xml", "junit", Options{}, sampleReport},
		{"empty.xml", "junit", Options{}, emptyReport},
		{"edge.xml", "junit", Options{}, edgeReport},
		{"sample.github.txt", "github", Options{}, sampleReport},
		{"empty.github.txt", "github", Options{}, emptyReport},
		{"edge.github.txt", "github", Options{}, edgeReport},
		{"sample.md", "markdown", Options{}, sampleReport},
		{"empty.md", "markdown", Options{}, emptyReport},
		{"edge.md", "markdown", Options{}, edgeReport},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got := write(t, tt.format, tt.opts, tt.report())
			if again := write(t, tt.format, tt.opts, tt.report()); !bytes.Equal(got, again) {
				t.Errorf("two writes of the same report differ")
			}
			if !bytes.HasSuffix(got, []byte("\n")) {
				t.Errorf("output does not end in a newline")
			}
			if tt.format == "sarif" {
				sariftest.Validate(t, got)
			}
			golden(t, tt.golden, got)
		})
	}
}

func TestNew(t *testing.T) {
	if diff := cmp.Diff([]string{"github", "json", "junit", "markdown", "sarif", "text"}, Formats()); diff != "" {
		t.Errorf("Formats() (-want +got):\n%s", diff)
	}
	for _, f := range Formats() {
		t.Run(f, func(t *testing.T) {
			if w, err := New(f, Options{}); err != nil || w == nil {
				t.Errorf("New(%q) = %v, %v", f, w, err)
			}
		})
	}
	t.Run("unknown", func(t *testing.T) {
		_, err := New("yaml", Options{})
		if err == nil {
			t.Fatal("New(yaml) succeeded")
		}
		want := `unknown report format "yaml" (want one of github, json, junit, markdown, sarif, text)`
		if diff := cmp.Diff(want, err.Error()); diff != "" {
			t.Errorf("error (-want +got):\n%s", diff)
		}
	})
}

func TestColorFor(t *testing.T) {
	noEnv := func(string) string { return "" }
	tests := []struct {
		name   string
		w      io.Writer
		getenv func(string) string
	}{
		{"buffer", &bytes.Buffer{}, noEnv},
		{"regular file", tempFile(t), noEnv},
		{"NO_COLOR", tempFile(t), func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ColorFor(tt.w, tt.getenv) {
				t.Errorf("ColorFor = true, want false")
			}
		})
	}
}

func tempFile(t *testing.T) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}
