package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// junitDoc is the JUnit document as a consumer reads it.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name      string `xml:"name,attr"`
		Tests     int    `xml:"tests,attr"`
		Failures  int    `xml:"failures,attr"`
		Errors    int    `xml:"errors,attr"`
		SystemOut string `xml:"system-out"`
		Cases     []struct {
			Classname string           `xml:"classname,attr"`
			Name      string           `xml:"name,attr"`
			File      string           `xml:"file,attr"`
			Failure   *junitProblemDoc `xml:"failure"`
			Error     *junitProblemDoc `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

type junitProblemDoc struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func decodeJUnit(t *testing.T, out []byte) junitDoc {
	t.Helper()
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n")) {
		t.Errorf("no XML declaration:\n%s", out)
	}
	// Well-formed from start to end, not only up to the first element.
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, out)
		}
	}
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestJUnitCounts checks that every count is the sum of what it counts, and
// that findings, passing rules and error diagnostics are all there.
func TestJUnitCounts(t *testing.T) {
	tests := []struct {
		name                  string
		report                *result.Report
		suites                []string
		tests, failures, errs int
	}{
		{"sample", sampleReport(), []string{"ACR001 private-endpoint-dns-records", "ACR009 public-access-disables-service-endpoint", "acrlint diagnostics"}, 3, 3, 0},
		{"edge", edgeReport(), []string{"ACR002 private-dns-zone-name", "ACR013 login-events-diagnostics", "ACR014 premium-sku-required", "X_CUSTOM1 my-rule", "acrlint diagnostics"}, 7, 4, 2},
		{"empty", emptyReport(), []string{"acrlint"}, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := decodeJUnit(t, write(t, "junit", Options{}, tt.report))
			var names []string
			tests, failures, errs := 0, 0, 0
			for _, s := range doc.Suites {
				names = append(names, s.Name)
				f, e := 0, 0
				seen := map[string]bool{}
				for _, c := range s.Cases {
					if seen[c.Name] {
						t.Errorf("suite %q: two test cases named %q", s.Name, c.Name)
					}
					seen[c.Name] = true
					if c.Failure != nil {
						f++
					}
					if c.Error != nil {
						e++
					}
				}
				if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e {
					t.Errorf("suite %q: tests=%d failures=%d errors=%d, holds %d cases, %d failures, %d errors",
						s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), f, e)
				}
				tests, failures, errs = tests+s.Tests, failures+s.Failures, errs+s.Errors
			}
			if diff := cmp.Diff(tt.suites, names); diff != "" {
				t.Errorf("suites (-want +got):\n%s", diff)
			}
			if doc.Name != "acrlint" || doc.Tests != tests || doc.Failures != failures || doc.Errors != errs {
				t.Errorf("testsuites %q tests=%d failures=%d errors=%d, suites add up to %d, %d, %d",
					doc.Name, doc.Tests, doc.Failures, doc.Errors, tests, failures, errs)
			}
			if tests != tt.tests || failures != tt.failures || errs != tt.errs {
				t.Errorf("tests=%d failures=%d errors=%d, want %d, %d, %d", tests, failures, errs, tt.tests, tt.failures, tt.errs)
			}
		})
	}
}

func TestJUnitFinding(t *testing.T) {
	r := edgeReport()
	out := write(t, "junit", Options{}, r)
	doc := decodeJUnit(t, out)
	c := doc.Suites[0].Cases[0]
	if c.Classname != "dns,v2/a:b.tf" || c.Name != "ACR002 dns,v2/a:b.tf:7" || c.File != "dns,v2/a:b.tf" {
		t.Errorf("test case %q %q %q", c.Classname, c.Name, c.File)
	}
	if c.Failure == nil || c.Failure.Type != "error" {
		t.Fatalf("failure %+v", c.Failure)
	}
	// The message round-trips, but for the control character XML cannot hold.
	want := strings.ReplaceAll(r.Findings[0].Message, "\x1b", "\uFFFD")
	if c.Failure.Message != want {
		t.Errorf("message %q, want %q", c.Failure.Message, want)
	}
	for _, part := range []string{
		"dns,v2/a:b.tf:7:2: zone",
		"\nrule: ACR002 private-dns-zone-name (error)\n",
		"\nrelated:\n  external/vnet/",
		"\n  pe.bicep:3 private_endpoint/pe.bicep/pe: uses the zone\n",
		"\nhelp: https://learn.microsoft.com/",
	} {
		if !strings.Contains(c.Failure.Body, part) {
			t.Errorf("failure body lacks %q:\n%s", part, c.Failure.Body)
		}
	}
	if second := doc.Suites[0].Cases[1].Name; second != "ACR002 dns,v2/a:b.tf:7 #2" {
		t.Errorf("second test case on the same line named %q", second)
	}
	if pass := doc.Suites[2].Cases[0]; pass.Name != "ACR014 premium-sku-required" || pass.Failure != nil || pass.Error != nil {
		t.Errorf("rule without findings: %+v", pass)
	}
	diags := doc.Suites[len(doc.Suites)-1]
	if diags.Cases[1].Error == nil || diags.Cases[1].Error.Message != `Invalid expression: expected "}" & got <EOF>` {
		t.Errorf("error diagnostic %+v", diags.Cases[1])
	}
	if diags.SystemOut != "note mod.tf:1:1: Module not available: run terraform init\n" {
		t.Errorf("system-out %q", diags.SystemOut)
	}
	// Bodies keep their line breaks as text rather than as character references.
	if bytes.Contains(out, []byte("(error)&#xA;")) {
		t.Errorf("line breaks in a body written as character references")
	}
}

func TestJUnitDiagnosticsOnlyWarnings(t *testing.T) {
	r := &result.Report{Diagnostics: diag.Diagnostics{{Severity: diag.Warning, Summary: "w"}}}
	doc := decodeJUnit(t, write(t, "junit", Options{}, r))
	if doc.Tests != 1 || len(doc.Suites) != 2 || doc.Suites[0].Cases[0].Name != "scan" ||
		doc.Suites[1].Tests != 0 || doc.Suites[1].SystemOut != "warning w\n" {
		t.Errorf("document %+v", doc)
	}
}
