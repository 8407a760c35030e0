package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// jsonWriter prints the document described in DESIGN.md's JSON contract. The
// types below pin its shape independently of how the result package tags
// its own structs.
type jsonWriter struct{}

type jsonReport struct {
	Findings    []jsonFinding    `json:"findings"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     result.Summary   `json:"summary"`
}

type jsonFinding struct {
	RuleID      string        `json:"rule_id"`
	RuleName    string        `json:"rule_name"`
	Severity    diag.Severity `json:"severity"`
	Message     string        `json:"message"`
	Resource    string        `json:"resource"`
	File        string        `json:"file"`
	Line        int           `json:"line"`
	Column      int           `json:"column"`
	Related     []jsonRelated `json:"related"`
	Fingerprint string        `json:"fingerprint"`
	// Suppressions is present only on a suppressed finding.
	Suppressions []jsonSuppression `json:"suppressions,omitempty"`
}

type jsonSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
	File          string `json:"file"`
	Line          int    `json:"line"`
}

type jsonRelated struct {
	Resource string `json:"resource"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

type jsonDiagnostic struct {
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Severity diag.Severity `json:"severity"`
	Message  string        `json:"message"`
}

func (jsonWriter) Write(w io.Writer, r *result.Report) error {
	doc := jsonReport{
		Findings:    make([]jsonFinding, 0, len(r.Findings)),
		Diagnostics: make([]jsonDiagnostic, 0, len(r.Diagnostics)),
		Summary:     r.Summary,
	}
	for _, f := range r.Findings {
		jf := jsonFinding{
			RuleID:      f.RuleID,
			RuleName:    f.RuleName,
			Severity:    f.Severity,
			Message:     f.Message,
			Resource:    f.Resource,
			File:        slashPath(f.File),
			Line:        f.Line,
			Column:      f.Column,
			Related:     make([]jsonRelated, 0, len(f.Related)),
			Fingerprint: f.Fingerprint,
		}
		for _, rel := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{
				Resource: rel.Resource,
				File:     slashPath(rel.File),
				Line:     rel.Line,
				Message:  rel.Message,
			})
		}
		for _, s := range f.Suppressions {
			jf.Suppressions = append(jf.Suppressions, jsonSuppression{
				Kind: s.Kind, Justification: s.Justification, File: slashPath(s.File), Line: s.Line,
			})
		}
		doc.Findings = append(doc.Findings, jf)
	}
	for _, d := range r.Diagnostics {
		doc.Diagnostics = append(doc.Diagnostics, jsonDiagnostic{
			File:     slashPath(d.Subject.File),
			Line:     d.Subject.Start.Line,
			Column:   d.Subject.Start.Column,
			Severity: d.Severity,
			Message:  d.Message(),
		})
	}
	return encodeJSON(w, doc)
}

// encodeJSON writes v indented by two spaces with a trailing newline, leaving
// <, > and & as they are.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	return nil
}
