// Package diag defines the one diagnostic type acrlint uses for every source
// format, shaped like hcl.Diagnostic: a severity, a short summary, a detail
// sentence and the range it is about.
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity orders diagnostics from the most to the least serious.
type Severity int

// The severities, most serious first.
const (
	Error Severity = iota
	Warning
	Note
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "note"
	}
}

// MarshalText renders the severity as its lowercase name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads "error", "warning" or "note".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "note", "info":
		return Note, nil
	}
	return Note, fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}

// Pos is a position in a source file; Line and Column start at 1.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is a span of a file. File is relative to the scan root.
type Range struct {
	File  string `json:"file"`
	Start Pos    `json:"start"`
	End   Pos    `json:"end"`
}

// Diagnostic is a problem found while reading or evaluating the sources.
type Diagnostic struct {
	Severity Severity
	Summary  string
	Detail   string
	Subject  Range
	// Code classifies the diagnostic for policies; see CodeIncomplete.
	Code string
}

// CodeIncomplete marks a diagnostic about resources left out of the graph:
// instances whose count, for_each, copy or condition is unknown, modules or
// linked templates not read, limits reached. A rule that would report
// something as missing stays silent when there is one.
const CodeIncomplete = "incomplete"

// Incomplete returns d with the CodeIncomplete code.
func (d Diagnostic) Incomplete() Diagnostic {
	d.Code = CodeIncomplete
	return d
}

// Message joins the summary and the detail into one line.
func (d Diagnostic) Message() string {
	if d.Detail == "" {
		return d.Summary
	}
	return d.Summary + ": " + d.Detail
}

func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", d.Subject.File, d.Subject.Start.Line, d.Subject.Start.Column, d.Message())
}

// Diagnostics is a list of diagnostics; functions return it beside a partial
// result and keep going.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	return slices.ContainsFunc(ds, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sort orders diagnostics by file, line, column, severity and message so that
// output does not depend on the order files were read in.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Subject.File, b.Subject.File),
			cmp.Compare(a.Subject.Start.Line, b.Subject.Start.Line),
			cmp.Compare(a.Subject.Start.Column, b.Subject.Start.Column),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message(), b.Message()),
		)
	})
}

// Errorf makes an error diagnostic at r.
func Errorf(r Range, summary, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Error, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: r}
}

// Warnf makes a warning diagnostic at r.
func Warnf(r Range, summary, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Warning, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: r}
}

// Notef makes a note diagnostic at r.
func Notef(r Range, summary, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Note, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: r}
}
