package cli

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// findingKey is what every format must agree on about a finding.
type findingKey struct {
	Rule, File string
	Line       int
}

func (k findingKey) String() string { return fmt.Sprintf("%s %s:%d", k.Rule, k.File, k.Line) }

// TestFormatsAgree scans the examples in every format and checks that each
// reports the same findings: the same rule ids on the same files and
// lines, as many times, as the JSON report.
func TestFormatsAgree(t *testing.T) {
	for _, dir := range []string{"../../examples", "../../testdata/rules"} {
		t.Run(dir, func(t *testing.T) {
			out := map[string]string{}
			for _, format := range []string{"json", "text", "sarif", "github", "junit", "markdown"} {
				code, stdout, stderr := run(t, "scan", "--format", format, "--no-color", dir)
				if code != ExitFindings {
					t.Fatalf("%s: exit %d\n%s", format, code, stderr)
				}
				out[format] = stdout
			}
			want := jsonKeys(t, out["json"])
			if len(want) < 3 {
				t.Fatalf("the scan should find several problems, got %v", want)
			}
			parsers := map[string]func(*testing.T, string) []findingKey{
				"text": textKeys, "sarif": sarifKeys, "github": githubKeys, "junit": junitKeys, "markdown": markdownKeys,
			}
			for _, format := range slices.Sorted(func(yield func(string) bool) {
				for f := range parsers {
					if !yield(f) {
						return
					}
				}
			}) {
				got := parsers[format](t, out[format])
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s reports other findings than json (-json +%s):\n%s", format, format, diff)
				}
			}
		})
	}
}

func sortKeys(ks []findingKey) []findingKey {
	slices.SortFunc(ks, func(a, b findingKey) int { return strings.Compare(a.String(), b.String()) })
	return ks
}

func jsonKeys(t *testing.T, s string) []findingKey {
	var ks []findingKey
	for _, f := range decode(t, s).Findings {
		ks = append(ks, findingKey{f.RuleID, f.File, f.Line})
	}
	return sortKeys(ks)
}

// textKeys reads "file:line:col severity RULE message" lines; diagnostics
// have no rule id after the severity.
func textKeys(_ *testing.T, s string) []findingKey {
	re := regexp.MustCompile(`^(\S+?):(\d+)(?::\d+)? (?:error|warning|note) ([A-Z][A-Z0-9_]*\d) `)
	var ks []findingKey
	for line := range strings.SplitSeq(s, "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			ks = append(ks, findingKey{m[3], m[1], n})
		}
	}
	return sortKeys(ks)
}

func sarifKeys(t *testing.T, s string) []findingKey {
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(s), &log); err != nil {
		t.Fatal(err)
	}
	var ks []findingKey
	for _, r := range log.Runs[0].Results {
		if len(r.Locations) != 1 {
			t.Fatalf("a result with %d locations", len(r.Locations))
		}
		pl := r.Locations[0].PhysicalLocation
		ks = append(ks, findingKey{r.RuleID, pl.ArtifactLocation.URI, pl.Region.StartLine})
	}
	return sortKeys(ks)
}

// githubKeys reads the workflow commands whose title is a rule (a
// diagnostic's title is "acrlint").
func githubKeys(_ *testing.T, s string) []findingKey {
	re := regexp.MustCompile(`^::(?:error|warning|notice) file=([^,]+),line=(\d+)(?:,col=\d+)?,title=([^ :,]+)[ :]`)
	var ks []findingKey
	for line := range strings.SplitSeq(s, "\n") {
		if m := re.FindStringSubmatch(line); m != nil && m[3] != githubTitle {
			n, _ := strconv.Atoi(m[2])
			ks = append(ks, findingKey{m[3], m[1], n})
		}
	}
	return sortKeys(ks)
}

const githubTitle = "acrlint"

// junitKeys reads the failing test cases: name "RULE file:line", file.
func junitKeys(t *testing.T, s string) []findingKey {
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name    string    `xml:"name,attr"`
				File    string    `xml:"file,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^(\S+) (\S+?):(\d+)(?: #\d+)?$`)
	var ks []findingKey
	for _, suite := range doc.Suites {
		for _, c := range suite.Cases {
			if c.Failure == nil {
				continue
			}
			m := re.FindStringSubmatch(c.Name)
			if m == nil || m[2] != c.File {
				t.Fatalf("test case %q (file %q) does not name its rule and location", c.Name, c.File)
			}
			n, _ := strconv.Atoi(m[3])
			ks = append(ks, findingKey{m[1], c.File, n})
		}
	}
	return sortKeys(ks)
}

// markdownKeys reads the findings table's rows:
// | severity | [RULE](<link>) name | `file:line` | message |.
func markdownKeys(_ *testing.T, s string) []findingKey {
	re := regexp.MustCompile("^\\| (?:error|warning|note) \\| \\[?([A-Z][A-Z0-9_]*\\d)\\]?[^|]*\\| `([^`]+?):(\\d+)` \\|")
	var ks []findingKey
	table := false
	for line := range strings.SplitSeq(s, "\n") {
		if strings.HasPrefix(line, "| Severity | Rule |") {
			table = true
			continue
		}
		if table && !strings.HasPrefix(line, "|") {
			table = false
		}
		if m := re.FindStringSubmatch(line); table && m != nil {
			n, _ := strconv.Atoi(m[3])
			ks = append(ks, findingKey{m[1], m[2], n})
		}
	}
	return sortKeys(ks)
}

// Suppressed findings do not change the exit code: the suppression
// fixtures' errors are all suppressed, their one note is not.
func TestSuppressedExitCode(t *testing.T) {
	for _, format := range []string{"terraform", "arm", "bicep"} {
		dir := "../../testdata/suppress/" + format
		if code, stdout, stderr := run(t, "scan", dir); code != ExitOK || !strings.Contains(stdout, "2 suppressed") {
			t.Errorf("%s: want exit 0 with 2 suppressed, got %d\n%s%s", format, code, stdout, stderr)
		}
		if code, _, stderr := run(t, "scan", "--fail-on", "note", dir); code != ExitFindings {
			t.Errorf("%s --fail-on note: want exit 1 for the note that is not suppressed, got %d\n%s", format, code, stderr)
		}
	}
}
