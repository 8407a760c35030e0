package report

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/result"
)

// githubDiagnosticTitle is the title of a diagnostic's annotation.
const githubDiagnosticTitle = "acrlint"

// githubWriter prints GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request's diff: one command per finding
// and per diagnostic, then a plain summary line.
//
//	::error file=main.tf,line=12,col=3,title=ACR001 private-endpoint-dns-records::message%0Arelated: …
//	::warning file=variables.tf,line=3,col=1,title=acrlint::Unresolved value: …
//	3 findings (2 errors, 1 warning, 0 notes) in 4 files
//
// GitHub resolves an annotation's file against the repository root, which is
// the working directory of a workflow step unless the step changes it. So run
// the scan from the repository root: paths are written relative to the scan
// root, prefixed with where that root lies below the working directory
// (`acrlint scan infra` run from the root writes infra/main.tf). A scan root
// outside the working directory keeps paths relative to the root alone.
//
// GitHub shows at most 10 error and 10 warning annotations per step (50 per
// job) on the diff; the rest stay in the log.
type githubWriter struct {
	// getwd returns the working directory; nil leaves paths relative to the
	// scan root.
	getwd func() (string, error)
}

func (g githubWriter) Write(w io.Writer, r *result.Report) error {
	prefix := g.pathPrefix(r.Root)
	var b strings.Builder
	for _, f := range r.Active() {
		title := ruleTitle(f.RuleID, f.RuleName)
		lines := []string{f.Message}
		for _, rel := range f.Related {
			lines = append(lines, "related: "+relatedText(rel, prefix))
		}
		writeCommand(&b, githubCommand(f.Severity), prefix, f.File, f.Line, f.Column, title, strings.Join(lines, "\n"))
	}
	for _, d := range r.Diagnostics {
		writeCommand(&b, githubCommand(d.Severity), prefix, d.Subject.File, d.Subject.Start.Line, d.Subject.Start.Column, githubDiagnosticTitle, d.Message())
	}
	b.WriteString(summaryLine(r.Summary))
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// pathPrefix is the scan root relative to the working directory, with a
// trailing slash, or "" when the root is the working directory, lies outside
// it, or either is unknown.
func (g githubWriter) pathPrefix(root string) string {
	if g.getwd == nil || root == "" || !filepath.IsAbs(root) {
		return ""
	}
	wd, err := g.getwd()
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(wd, root)
	if err != nil {
		return ""
	}
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return ""
	}
	return rel + "/"
}

// relatedText is one related location as the annotation's message shows it:
// "path:line resource: message".
func relatedText(rel result.Related, prefix string) string {
	var parts []string
	if rel.File != "" {
		parts = append(parts, position(prefix+slashPath(rel.File), rel.Line, 0))
	}
	text := rel.Message
	if rel.Resource != "" {
		text = rel.Resource + ": " + rel.Message
		if rel.Message == "" {
			text = rel.Resource
		}
	}
	if text != "" {
		parts = append(parts, text)
	}
	return strings.Join(parts, " ")
}

func githubCommand(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	default:
		return "notice"
	}
}

// writeCommand writes "::cmd file=…,line=…,col=…,title=…::message", leaving
// out the properties that are unknown. The column is written only with a
// line, which is how GitHub reads it.
func writeCommand(b *strings.Builder, cmd, prefix, file string, line, col int, title, msg string) {
	var props []string
	if file != "" {
		props = append(props, "file="+escapeProperty(prefix+slashPath(file)))
		if line > 0 {
			props = append(props, "line="+strconv.Itoa(line))
			if col > 0 {
				props = append(props, "col="+strconv.Itoa(col))
			}
		}
	}
	if title != "" {
		props = append(props, "title="+escapeProperty(title))
	}
	b.WriteString("::")
	b.WriteString(cmd)
	if len(props) > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Join(props, ","))
	}
	b.WriteString("::")
	b.WriteString(escapeData(msg))
	b.WriteByte('\n')
}

// escapeData escapes a workflow command's message the way @actions/core
// does: % as %25, CR as %0D, LF as %0A. Other control characters, which the
// runner would pass to the log viewer, become U+FFFD.
func escapeData(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return unicode.ReplacementChar
		}
		return r
	}, s)
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value the way
// @actions/core does: escapeData, then : as %3A and , as %2C.
func escapeProperty(s string) string {
	return strings.NewReplacer(":", "%3A", ",", "%2C").Replace(escapeData(s))
}
