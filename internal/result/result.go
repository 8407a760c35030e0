// Package result holds what a scan produces and every report writer reads:
// the rule catalog entries, the findings and the summary.
package result

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
)

// Rule is one entry of the catalog, read from a policy's METADATA.
type Rule struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Severity    diag.Severity `json:"severity"`
	Symptoms    []string      `json:"symptoms,omitempty"`
	Remediation string        `json:"remediation,omitempty"`
	Links       []string      `json:"links,omitempty"`
	// Fix holds how to fix a finding in each source format (terraform,
	// bicep, arm), from METADATA custom.fix.
	Fix map[string]string `json:"fix,omitempty"`
	// Custom is true for rules loaded with --policy.
	Custom bool `json:"custom,omitempty"`
}

// Related is another resource involved in a finding.
type Related struct {
	Resource string `json:"resource"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column,omitempty"`
	Message  string `json:"message"`
}

// Finding is one rule violation, located on the line to change.
type Finding struct {
	RuleID      string        `json:"rule_id"`
	RuleName    string        `json:"rule_name"`
	Severity    diag.Severity `json:"severity"`
	Message     string        `json:"message"`
	Resource    string        `json:"resource"`
	File        string        `json:"file"`
	Line        int           `json:"line"`
	Column      int           `json:"column"`
	Related     []Related     `json:"related"`
	Fingerprint string        `json:"fingerprint"`
	// Suppressions are the suppressions written in the source that accept
	// this finding; a suppressed finding is reported but fails nothing.
	Suppressions []Suppression `json:"suppressions,omitempty"`
	// Address is the resource's address in its source (for fingerprints and
	// display); it is not part of the JSON contract.
	Address string `json:"-"`
}

// Suppression is an acrlint:ignore comment, or an ARM resource's acrlint
// metadata, that covers a finding.
type Suppression struct {
	// Kind is "inSource", as SARIF names a suppression in the source.
	Kind string `json:"kind"`
	// Justification is the reason written after the rule ids.
	Justification string `json:"justification"`
	File          string `json:"file"`
	Line          int    `json:"line"`
}

// Suppressed reports whether a suppression in the source covers f.
func (f *Finding) Suppressed() bool { return len(f.Suppressions) > 0 }

// Fingerprint identifies a finding independently of where in its file it
// sits, so that it survives reformatting and lines moving: the rule, the
// resource address, the file and the message.
func Fingerprint(f Finding) string {
	h := sha256.New()
	for _, s := range []string{f.RuleID, f.File, f.Address, f.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// SortFindings orders findings by file, line, column, rule and message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Resource, b.Resource),
		)
	})
}

// Summary counts the findings that are not suppressed by severity, and the
// suppressed ones apart.
type Summary struct {
	Files       int `json:"files"`
	Resources   int `json:"resources"`
	Findings    int `json:"findings"`
	Errors      int `json:"errors"`
	Warnings    int `json:"warnings"`
	Notes       int `json:"notes"`
	Diagnostics int `json:"diagnostics"`
	Suppressed  int `json:"suppressed,omitempty"`
}

// Report is the outcome of one scan.
type Report struct {
	// Root is the absolute scan root; every File is relative to it.
	Root        string
	Rules       []Rule
	Findings    []Finding
	Diagnostics diag.Diagnostics
	Summary     Summary
}

// RuleByID returns the catalog entry for id.
func (r *Report) RuleByID(id string) (Rule, bool) {
	i := slices.IndexFunc(r.Rules, func(x Rule) bool { return strings.EqualFold(x.ID, id) })
	if i < 0 {
		return Rule{}, false
	}
	return r.Rules[i], true
}

// Active returns the findings that no suppression covers, in order.
func (r *Report) Active() []Finding {
	if !slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Suppressed() }) {
		return r.Findings
	}
	out := make([]Finding, 0, len(r.Findings))
	for _, f := range r.Findings {
		if !f.Suppressed() {
			out = append(out, f)
		}
	}
	return out
}

// Summarize fills Summary from the findings and diagnostics.
func (r *Report) Summarize(files, resources int) {
	s := Summary{Files: files, Resources: resources, Diagnostics: len(r.Diagnostics)}
	for _, f := range r.Findings {
		if f.Suppressed() {
			s.Suppressed++
			continue
		}
		s.Findings++
		switch f.Severity {
		case diag.Error:
			s.Errors++
		case diag.Warning:
			s.Warnings++
		default:
			s.Notes++
		}
	}
	r.Summary = s
}
