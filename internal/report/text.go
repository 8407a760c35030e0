package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// ANSI SGR sequences used by the text format.
const (
	sgrReset  = "\x1b[0m"
	sgrBold   = "\x1b[1m"
	sgrDim    = "\x1b[2m"
	sgrRed    = "\x1b[1;31m"
	sgrYellow = "\x1b[1;33m"
	sgrCyan   = "\x1b[1;36m"
)

// textWriter prints one line per finding, grouped by file, then the
// diagnostics, then a one-line summary:
//
//	main.tf:12:3 error ACR001 message
//	  related: dns.tf:4 azurerm_private_dns_zone.acr: message
//
//	net.tf:8:1 warning ACR009 message
//
//	vars.tf:2:1 warning message
//
//	2 findings (1 error, 1 warning, 0 notes) in 3 files
type textWriter struct {
	color bool
}

func (t *textWriter) Write(w io.Writer, r *result.Report) error {
	var b strings.Builder
	findings := r.Active()
	for i, f := range findings {
		if i > 0 && f.File != findings[i-1].File {
			b.WriteByte('\n')
		}
		b.WriteString(t.paint(sgrBold, position(f.File, f.Line, f.Column)))
		b.WriteByte(' ')
		b.WriteString(t.severity(f.Severity))
		b.WriteByte(' ')
		b.WriteString(t.paint(sgrBold, clean(f.RuleID)))
		b.WriteByte(' ')
		b.WriteString(clean(f.Message))
		b.WriteByte('\n')
		for _, rel := range f.Related {
			line := "  related: " + position(rel.File, rel.Line, 0) + " "
			if rel.Resource != "" {
				line += clean(rel.Resource) + ": "
			}
			line += clean(rel.Message)
			b.WriteString(t.paint(sgrDim, line))
			b.WriteByte('\n')
		}
	}
	if len(r.Diagnostics) > 0 {
		if len(findings) > 0 {
			b.WriteByte('\n')
		}
		for _, d := range r.Diagnostics {
			if loc := position(d.Subject.File, d.Subject.Start.Line, d.Subject.Start.Column); loc != "" {
				b.WriteString(t.paint(sgrBold, loc))
				b.WriteByte(' ')
			}
			b.WriteString(t.severity(d.Severity))
			b.WriteByte(' ')
			b.WriteString(clean(d.Message()))
			b.WriteByte('\n')
		}
	}
	if len(findings) > 0 || len(r.Diagnostics) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(t.paint(sgrBold, summaryLine(r.Summary)))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// summaryLine is "N findings (E errors, W warnings, N notes) in F files", or
// "no findings in F files", followed by ", S suppressed" when suppressions
// in the source covered some.
func summaryLine(s result.Summary) string {
	files := plural(s.Files, "file")
	var line string
	if s.Findings == 0 {
		line = "no findings in " + files
	} else {
		line = fmt.Sprintf("%s (%s, %s, %s) in %s",
			plural(s.Findings, "finding"), plural(s.Errors, "error"),
			plural(s.Warnings, "warning"), plural(s.Notes, "note"), files)
	}
	if s.Suppressed > 0 {
		line += fmt.Sprintf(", %d suppressed", s.Suppressed)
	}
	return line
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func (t *textWriter) severity(s diag.Severity) string {
	switch s {
	case diag.Error:
		return t.paint(sgrRed, s.String())
	case diag.Warning:
		return t.paint(sgrYellow, s.String())
	default:
		return t.paint(sgrCyan, s.String())
	}
}

// paint wraps s in an SGR sequence when colour is on.
func (t *textWriter) paint(sgr, s string) string {
	if !t.color || s == "" {
		return s
	}
	return sgr + s + sgrReset
}

// position renders file:line:col, leaving out the parts that are unknown
// (zero). It is empty when the file is.
func position(file string, line, col int) string {
	if file == "" {
		return ""
	}
	s := clean(slashPath(file))
	if line > 0 {
		s += ":" + strconv.Itoa(line)
		if col > 0 {
			s += ":" + strconv.Itoa(col)
		}
	}
	return s
}

// clean keeps one record on one line and keeps values read from the scanned
// files from sending control sequences to the terminal: line breaks and tabs
// become spaces, other control characters U+FFFD.
func clean(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return unicode.ReplacementChar
		}
		return r
	}, s)
}
