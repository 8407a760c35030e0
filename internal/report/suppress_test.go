package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/result"
)

// suppressedReport is the sample report with its first finding (an
// ACR001 error) suppressed by a comment.
func suppressedReport() (*result.Report, string) {
	r := sampleReport()
	r.Findings[0].Suppressions = []result.Suppression{{Kind: "inSource", Justification: "DNS is managed by the platform", File: "main.tf", Line: 11}}
	r.Summarize(4, 9)
	return r, r.Findings[0].Message
}

// A suppressed finding is no failure in the formats people and CI read:
// text, GitHub annotations, JUnit and Markdown leave it out of their
// failures and count it in the summary.
func TestSuppressedFindingIsNoFailure(t *testing.T) {
	r, msg := suppressedReport()
	if r.Summary.Suppressed != 1 || r.Summary.Findings != len(r.Findings)-1 {
		t.Fatalf("summary: %+v", r.Summary)
	}
	out := func(format string) string {
		w, err := New(format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := w.Write(&b, r); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for _, format := range []string{"text", "github", "markdown"} {
		got := out(format)
		if strings.Contains(got, msg) {
			t.Errorf("%s shows the suppressed finding:\n%s", format, got)
		}
		if !strings.Contains(got, "1 suppressed") {
			t.Errorf("%s does not count the suppressed finding:\n%s", format, got)
		}
	}
	junit := out("junit")
	if !strings.Contains(junit, `<skipped message="suppressed at main.tf:11: DNS is managed by the platform (`+msg) {
		t.Errorf("junit does not skip the suppressed finding:\n%s", junit)
	}
	if strings.Count(junit, "<failure") != len(r.Findings)-1 || !strings.Contains(junit, `skipped="1"`) {
		t.Errorf("junit counts the suppressed finding as a failure:\n%s", junit)
	}
	js := out("json")
	if !strings.Contains(js, `"justification": "DNS is managed by the platform"`) || !strings.Contains(js, `"suppressed": 1`) {
		t.Errorf("json lacks the suppression:\n%s", js)
	}
	sarif := out("sarif")
	if !strings.Contains(sarif, `"kind": "inSource"`) || !strings.Contains(sarif, `"justification": "DNS is managed by the platform"`) {
		t.Errorf("sarif lacks the suppression:\n%s", sarif)
	}
}
