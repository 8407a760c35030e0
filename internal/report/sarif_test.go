package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/report/sariftest"
	"github.com/acrlint/acrlint/internal/result"
)

// sarifLog is the part of a SARIF log these tests look at.
type sarifLog struct {
	Version string
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string
				InformationURI  string `json:"informationUri"`
				Version         *string
				SemanticVersion *string
				Rules           []struct {
					ID                   string
					Name                 string
					ShortDescription     struct{ Text string }
					FullDescription      *struct{ Text string }
					Help                 struct{ Text, Markdown string }
					HelpURI              *string `json:"helpUri"`
					DefaultConfiguration struct{ Level string }
					Properties           map[string]any
				}
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Results            []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			Message             struct{ Text string }
			Locations           []sarifLocationJSON
			RelatedLocations    []sarifLocationJSON
			PartialFingerprints map[string]string
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level     string
				Message   struct{ Text string }
				Locations []sarifLocationJSON
			}
		}
	}
}

type sarifLocationJSON struct {
	ID               *int
	Message          *struct{ Text string }
	PhysicalLocation *struct {
		ArtifactLocation struct {
			URI       string
			URIBaseID string `json:"uriBaseId"`
		}
		Region *struct {
			StartLine   int
			StartColumn *int
		}
	}
}

func decodeSARIF(t *testing.T, out []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return log
}

// TestSARIFGoldensValid validates every golden SARIF file, including ones
// other tests may add later.
func TestSARIFGoldensValid(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden SARIF files in testdata")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sariftest.Validate(t, data)
		})
	}
}

func TestSARIFSample(t *testing.T) {
	r := sampleReport()
	out := write(t, "sarif", Options{ToolVersion: "v1.2.3"}, r)
	sariftest.Validate(t, out)
	log := decodeSARIF(t, out)
	if log.Version != "2.1.0" {
		t.Errorf("version %q, want 2.1.0", log.Version)
	}
	run := log.Runs[0]
	driver := run.Tool.Driver
	if driver.Name != "acrlint" || driver.InformationURI != "https://github.com/acrlint/acrlint" {
		t.Errorf("driver %q %q", driver.Name, driver.InformationURI)
	}
	if driver.Version == nil || *driver.Version != "1.2.3" || driver.SemanticVersion == nil || *driver.SemanticVersion != "1.2.3" {
		t.Errorf("driver version %v, semanticVersion %v", driver.Version, driver.SemanticVersion)
	}

	var ids []string
	for _, rule := range driver.Rules {
		ids = append(ids, rule.ID)
	}
	if diff := cmp.Diff([]string{"ACR001", "ACR009"}, ids); diff != "" {
		t.Errorf("rules not every catalog rule sorted by id (-want +got):\n%s", diff)
	}
	acr001 := driver.Rules[0]
	if acr001.Name != "private-endpoint-dns-records" || acr001.DefaultConfiguration.Level != "error" ||
		acr001.FullDescription == nil || acr001.HelpURI == nil ||
		*acr001.HelpURI != "https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access" {
		t.Errorf("ACR001 descriptor: %+v", acr001)
	}
	wantProps := map[string]any{
		"tags":              []any{"security", "networking", "azure-container-registry"},
		"security-severity": "8.0",
	}
	if diff := cmp.Diff(wantProps, acr001.Properties); diff != "" {
		t.Errorf("ACR001 properties (-want +got):\n%s", diff)
	}
	if got := driver.Rules[1].Properties["security-severity"]; got != "5.0" {
		t.Errorf("ACR009 security-severity %v, want 5.0", got)
	}

	if diff := cmp.Diff(map[string]struct{ URI string }{"%SRCROOT%": {URI: "file:///src/infra/"}}, run.OriginalURIBaseIDs); diff != "" {
		t.Errorf("originalUriBaseIds (-want +got):\n%s", diff)
	}

	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results, want %d", len(run.Results), len(r.Findings))
	}
	for i, res := range run.Results {
		f := r.Findings[i]
		if res.RuleID != f.RuleID || driver.Rules[res.RuleIndex].ID != f.RuleID {
			t.Errorf("result %d: ruleId %s, ruleIndex %d, want %s", i, res.RuleID, res.RuleIndex, f.RuleID)
		}
		if res.Level != f.Severity.String() || res.Message.Text != f.Message {
			t.Errorf("result %d: level %q message %q", i, res.Level, res.Message.Text)
		}
		if diff := cmp.Diff(map[string]string{"acrlint/v1": f.Fingerprint}, res.PartialFingerprints); diff != "" {
			t.Errorf("result %d partialFingerprints (-want +got):\n%s", i, diff)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations, want 1", i, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URI != f.File || pl.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
			pl.Region.StartLine != f.Line || *pl.Region.StartColumn != f.Column {
			t.Errorf("result %d location %+v", i, pl)
		}
		if len(res.RelatedLocations) != len(f.Related) {
			t.Errorf("result %d: %d related locations, want %d", i, len(res.RelatedLocations), len(f.Related))
		}
	}

	related := run.Results[0].RelatedLocations
	type rel struct {
		ID          int
		Message     string
		URI         string
		Line        int
		StartColumn *int
	}
	var got []rel
	for _, l := range related {
		got = append(got, rel{*l.ID, l.Message.Text, l.PhysicalLocation.ArtifactLocation.URI, l.PhysicalLocation.Region.StartLine, l.PhysicalLocation.Region.StartColumn})
	}
	one := 1
	want := []rel{
		{1, "azurerm_container_registry.acr: the registry, in westeurope", "main.tf", 1, &one},
		{2, "azurerm_private_dns_zone.acr: zone without a record for the data endpoint", "modules/private%20dns/zone.tf", 4, nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("related locations (-want +got):\n%s", diff)
	}

	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Fatalf("invocations %+v, want one that succeeded", run.Invocations)
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || notes[0].Level != "warning" ||
		notes[0].Message.Text != r.Diagnostics[0].Message() ||
		notes[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "variables.tf" ||
		notes[0].Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("notifications %+v", notes)
	}
}

func TestSARIFVersions(t *testing.T) {
	tests := []struct {
		version  string
		want     string // "" for none
		semantic string
	}{
		{"", "", ""},
		{"dev", "dev", ""},
		{"1.2.3", "1.2.3", "1.2.3"},
		{"0.1.0-dev", "0.1.0-dev", "0.1.0-dev"},
		{"v0.4.0-rc.1+build.7", "0.4.0-rc.1+build.7", "0.4.0-rc.1+build.7"},
		{"1.2", "1.2", ""},
		{"v1.02.3", "1.02.3", ""},
		{"v", "v", ""},
		{"vnext", "vnext", ""},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			out := write(t, "sarif", Options{ToolVersion: tt.version}, emptyReport())
			sariftest.Validate(t, out)
			d := decodeSARIF(t, out).Runs[0].Tool.Driver
			got := ""
			if d.Version != nil {
				got = *d.Version
			}
			if got != tt.want {
				t.Errorf("version %q, want %q", got, tt.want)
			}
			got = ""
			if d.SemanticVersion != nil {
				got = *d.SemanticVersion
			}
			if got != tt.semantic {
				t.Errorf("semanticVersion %q, want %q", got, tt.semantic)
			}
		})
	}
}

func TestSARIFEdgeCases(t *testing.T) {
	tests := []struct {
		name   string
		report *result.Report
		check  func(t *testing.T, log sarifLog)
	}{
		{
			name:   "relative root has no originalUriBaseIds",
			report: &result.Report{Root: "infra"},
			check: func(t *testing.T, log sarifLog) {
				if log.Runs[0].OriginalURIBaseIDs != nil {
					t.Errorf("originalUriBaseIds %v", log.Runs[0].OriginalURIBaseIDs)
				}
			},
		},
		{
			name:   "root with a space",
			report: &result.Report{Root: "/home/me/my infra"},
			check: func(t *testing.T, log sarifLog) {
				if got := log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///home/me/my%20infra/" {
					t.Errorf("root URI %q", got)
				}
			},
		},
		{
			name: "finding for a rule missing from the catalog",
			report: &result.Report{
				Rules: []result.Rule{{ID: "ACR002", Name: "private-dns-zone-name", Title: "t", Severity: diag.Error}},
				Findings: []result.Finding{
					{RuleID: "ACR002", Severity: diag.Error, Message: "m", File: "a.tf", Line: 1},
					{RuleID: "CUSTOM1", RuleName: "my-rule", Severity: diag.Note, Message: "m", File: "a.tf", Line: 2},
				},
			},
			check: func(t *testing.T, log sarifLog) {
				run := log.Runs[0]
				for _, res := range run.Results {
					if got := run.Tool.Driver.Rules[res.RuleIndex].ID; got != res.RuleID {
						t.Errorf("ruleIndex %d is %s, want %s", res.RuleIndex, got, res.RuleID)
					}
				}
				if res := run.Results[0]; res.Locations[0].PhysicalLocation.Region.StartColumn != nil {
					t.Errorf("startColumn written for column 0")
				}
			},
		},
		{
			name: "finding without line or fingerprint, diagnostic without file",
			report: &result.Report{
				Findings:    []result.Finding{{RuleID: "ACR018", Severity: diag.Warning, Message: "m", File: "main.bicep"}},
				Diagnostics: diag.Diagnostics{{Severity: diag.Error, Summary: "no files"}},
			},
			check: func(t *testing.T, log sarifLog) {
				res := log.Runs[0].Results[0]
				if r := res.Locations[0].PhysicalLocation.Region; r == nil || r.StartLine != 1 || r.StartColumn != nil {
					t.Errorf("region %+v, want line 1 without a column", r)
				}
				if res.PartialFingerprints != nil {
					t.Errorf("partialFingerprints %v", res.PartialFingerprints)
				}
				if n := log.Runs[0].Invocations[0].ToolExecutionNotifications[0]; n.Level != "error" || len(n.Locations) != 0 {
					t.Errorf("notification %+v", n)
				}
			},
		},
		{
			name: "resource without a file, related without a message",
			report: &result.Report{
				Findings: []result.Finding{{
					RuleID: "ACR012", Severity: diag.Warning, Message: "m", Resource: "azurerm_subnet.remote",
					Related: []result.Related{{Resource: "azurerm_container_registry.acr"}},
				}},
			},
			check: func(t *testing.T, log sarifLog) {
				res := log.Runs[0].Results[0]
				if len(res.Locations) != 1 || res.Locations[0].PhysicalLocation != nil {
					t.Errorf("locations %+v, want one logical location only", res.Locations)
				}
				if got := res.RelatedLocations[0].Message.Text; got != "azurerm_container_registry.acr" {
					t.Errorf("related message %q", got)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := write(t, "sarif", Options{}, tt.report)
			sariftest.Validate(t, out)
			tt.check(t, decodeSARIF(t, out))
		})
	}
}

func TestCodeSpan(t *testing.T) {
	tests := map[string]string{
		"403 Forbidden":   "`403 Forbidden`",
		"use `az acr`":    "`` use `az acr` ``",
		"a `` b":          "``` a `` b ```",
		" leading space":  "`  leading space `",
		"dial tcp: a.io ": "` dial tcp: a.io  `",
	}
	for in, want := range tests {
		if got := codeSpan(in); got != want {
			t.Errorf("codeSpan(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFGitHubRequirements checks what GitHub code scanning's ingestion
// rules (the SARIF multitool's "Gh" rule kind) require beyond the schema.
func TestSARIFGitHubRequirements(t *testing.T) {
	t.Run("rules array without a catalog", func(t *testing.T) {
		out := write(t, "sarif", Options{}, emptyReport())
		var doc struct {
			Runs []struct {
				Results *[]any
				Tool    struct{ Driver struct{ Rules *[]any } }
			}
		}
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		if run := doc.Runs[0]; run.Tool.Driver.Rules == nil || run.Results == nil {
			t.Errorf("tool.driver.rules or results missing:\n%s", out)
		}
	})
	t.Run("every rule has both descriptions and help", func(t *testing.T) {
		for _, rule := range decodeSARIF(t, write(t, "sarif", Options{}, edgeReport())).Runs[0].Tool.Driver.Rules {
			if rule.ShortDescription.Text == "" || rule.FullDescription == nil || rule.FullDescription.Text == "" || rule.Help.Text == "" {
				t.Errorf("rule %s: short %q, full %v, help %q", rule.ID, rule.ShortDescription.Text, rule.FullDescription, rule.Help.Text)
			}
		}
	})
	t.Run("every result with a file has a start line", func(t *testing.T) {
		for i, res := range decodeSARIF(t, write(t, "sarif", Options{}, edgeReport())).Runs[0].Results {
			for _, loc := range res.Locations {
				if pl := loc.PhysicalLocation; pl != nil && (pl.Region == nil || pl.Region.StartLine < 1) {
					t.Errorf("result %d: physical location without a start line: %+v", i, pl)
				}
			}
		}
	})
}
