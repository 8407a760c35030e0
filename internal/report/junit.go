package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// junitWriter prints JUnit XML in the layout Jenkins, GitLab and Azure
// DevOps all read: one <testsuite> per catalog rule (sorted by id, named
// "ID rule-name"), one failing <testcase> per finding of that rule, and one
// passing <testcase> for a rule without findings, so that the report lists
// what was checked. Diagnostics go to a last suite, "acrlint diagnostics":
// errors as test cases with an <error>, warnings and notes in its
// <system-out>.
//
//	<testsuite name="ACR001 private-endpoint-dns-records" tests="1" failures="1" errors="0">
//	  <testcase classname="main.tf" name="ACR001 main.tf:12" file="main.tf">
//	    <failure message="no DNS record for …" type="error">main.tf:12:3: no DNS record for …
//	rule: ACR001 private-endpoint-dns-records (error)
//	…</failure>
//	  </testcase>
//	</testsuite>
//
// Every finding is a failure whatever its severity, which the failure's type
// names; whether the build fails is --fail-on's decision, not the report's.
// The output has no time stamps, so the same report gives the same bytes.
type junitWriter struct{}

// junitDiagnosticsSuite names the suite that holds the diagnostics.
const junitDiagnosticsSuite = "acrlint diagnostics"

type junitTestsuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Skipped  int              `xml:"skipped,attr,omitempty"`
	Suites   []junitTestsuite `xml:"testsuite"`
}

type junitTestsuite struct {
	Name      string          `xml:"name,attr"`
	Tests     int             `xml:"tests,attr"`
	Failures  int             `xml:"failures,attr"`
	Errors    int             `xml:"errors,attr"`
	Skipped   int             `xml:"skipped,attr,omitempty"`
	Cases     []junitTestcase `xml:"testcase"`
	SystemOut *junitText      `xml:"system-out,omitempty"`
}

type junitTestcase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

// junitSkipped marks the test case of a suppressed finding.
type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// junitProblem is a <failure> or an <error>: a one-line message, a type and
// a multi-line body.
type junitProblem struct {
	Message string
	Type    string
	Body    string
}

// MarshalXML writes the body as character data with its line breaks as they
// are; encoding/xml's default would write each one as "&#xA;".
func (p junitProblem) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{
		{Name: xml.Name{Local: "message"}, Value: p.Message},
		{Name: xml.Name{Local: "type"}, Value: p.Type},
	}
	return encodeText(e, start, p.Body)
}

// junitText is an element holding only text, written like junitProblem's body.
type junitText string

// MarshalXML writes the text with its line breaks as they are.
func (t junitText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return encodeText(e, start, string(t))
}

func encodeText(e *xml.Encoder, start xml.StartElement, text string) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(text)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

func (junitWriter) Write(w io.Writer, r *result.Report) error {
	doc := junitTestsuites{Name: "acrlint"}
	rules := sarifRules(r)
	byRule := make(map[string][]result.Finding, len(rules))
	for _, f := range r.Findings {
		byRule[f.RuleID] = append(byRule[f.RuleID], f)
	}
	for _, rule := range rules {
		suite := junitTestsuite{Name: ruleTitle(rule.ID, rule.Name)}
		seen := map[string]int{}
		for _, f := range byRule[rule.ID] {
			file := slashPath(f.File)
			name := f.RuleID
			if loc := position(file, f.Line, 0); loc != "" {
				name += " " + loc
			}
			tc := junitTestcase{
				Classname: cmp.Or(file, "acrlint"),
				Name:      uniqueName(seen, name),
				File:      file,
			}
			if f.Suppressed() {
				tc.Skipped = &junitSkipped{Message: suppressedText(f)}
				suite.Skipped++
			} else {
				tc.Failure = &junitProblem{Message: f.Message, Type: f.Severity.String(), Body: junitFindingBody(f, rule)}
				suite.Failures++
			}
			suite.Cases = append(suite.Cases, tc)
		}
		if len(suite.Cases) == 0 {
			suite.Cases = append(suite.Cases, junitTestcase{Classname: "acrlint", Name: suite.Name})
		}
		suite.Tests = len(suite.Cases)
		doc.Suites = append(doc.Suites, suite)
	}
	if len(r.Diagnostics) > 0 {
		doc.Suites = append(doc.Suites, junitDiagnostics(r.Diagnostics))
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	if doc.Tests == 0 {
		// Jenkins fails a build whose reports hold no test case at all; a
		// scan without a catalog still passed one.
		doc.Suites = append([]junitTestsuite{{
			Name: "acrlint", Tests: 1,
			Cases: []junitTestcase{{Classname: "acrlint", Name: "scan"}},
		}}, doc.Suites...)
		doc.Tests = 1
	}

	var b strings.Builder
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode JUnit XML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("encode JUnit XML: %w", err)
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// junitFindingBody is a failure's text: where, what, which rule, the
// resource, the related locations and the rule's help link.
func junitFindingBody(f result.Finding, rule result.Rule) string {
	var b strings.Builder
	if loc := position(slashPath(f.File), f.Line, f.Column); loc != "" {
		b.WriteString(loc + ": ")
	}
	b.WriteString(f.Message + "\n")
	b.WriteString("rule: " + ruleTitle(f.RuleID, cmp.Or(f.RuleName, rule.Name)) + " (" + f.Severity.String() + ")\n")
	if f.Resource != "" {
		b.WriteString("resource: " + f.Resource + "\n")
	}
	if len(f.Related) > 0 {
		b.WriteString("related:\n")
		for _, rel := range f.Related {
			b.WriteString("  " + relatedText(rel, "") + "\n")
		}
	}
	if link, ok := firstURL(rule.Links); ok {
		b.WriteString("help: " + link + "\n")
	}
	return b.String()
}

// junitDiagnostics is the suite of the diagnostics: one test case with an
// <error> for each error, the others listed in <system-out>.
func junitDiagnostics(ds diag.Diagnostics) junitTestsuite {
	suite := junitTestsuite{Name: junitDiagnosticsSuite}
	seen := map[string]int{}
	var others []string
	for _, d := range ds {
		file := slashPath(d.Subject.File)
		loc := position(file, d.Subject.Start.Line, d.Subject.Start.Column)
		if d.Severity != diag.Error {
			line := d.Severity.String() + " "
			if loc != "" {
				line += loc + ": "
			}
			others = append(others, line+d.Message())
			continue
		}
		name := d.Summary
		if loc := position(file, d.Subject.Start.Line, 0); loc != "" {
			name = loc + ": " + name
		}
		body := d.Message() + "\n"
		if loc != "" {
			body = loc + ": " + body
		}
		suite.Cases = append(suite.Cases, junitTestcase{
			Classname: cmp.Or(file, "acrlint"),
			Name:      uniqueName(seen, name),
			File:      file,
			Error:     &junitProblem{Message: d.Message(), Type: d.Severity.String(), Body: body},
		})
		suite.Errors++
	}
	suite.Tests = len(suite.Cases)
	if len(others) > 0 {
		out := junitText(strings.Join(others, "\n") + "\n")
		suite.SystemOut = &out
	}
	return suite
}

// suppressedText says why a finding is suppressed: "suppressed at
// main.tf:12: reason".
func suppressedText(f result.Finding) string {
	var parts []string
	for _, s := range f.Suppressions {
		t := "suppressed at " + position(slashPath(s.File), s.Line, 0)
		if s.Justification != "" {
			t += ": " + s.Justification
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, "; ") + " (" + f.Message + ")"
}

// ruleTitle is "ID name", or the id alone when the name is unknown.
func ruleTitle(id, name string) string {
	if name == "" {
		return id
	}
	return id + " " + name
}

// uniqueName returns name, or name with " #n" appended when it was already
// used in the suite, so that no two test cases of a suite share a name.
func uniqueName(seen map[string]int, name string) string {
	seen[name]++
	if n := seen[name]; n > 1 {
		return name + " #" + strconv.Itoa(n)
	}
	return name
}
