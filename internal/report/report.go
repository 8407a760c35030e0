// Package report writes a scan's result in one output format: text for
// people, Markdown for a pull-request comment, GitHub Actions annotations,
// and JSON, SARIF and JUnit XML for machines. Each format lives in its own
// file and implements Writer; New picks one by name.
package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/term"

	"github.com/acrlint/acrlint/internal/result"
)

// Options changes how a Writer renders a report.
type Options struct {
	// Color turns on ANSI colour in the text format. Set it only when the
	// output is a terminal (see ColorFor); no other format uses it.
	Color bool
	// ToolVersion is acrlint's version, recorded in SARIF's tool.driver.
	ToolVersion string
}

// Writer renders a report to w. Findings and diagnostics are written in the
// order the report holds them, which is expected to be sorted already
// (result.SortFindings, diag.Diagnostics.Sort).
type Writer interface {
	Write(w io.Writer, r *result.Report) error
}

var constructors = map[string]func(Options) Writer{
	"text":     func(o Options) Writer { return &textWriter{color: o.Color} },
	"json":     func(Options) Writer { return jsonWriter{} },
	"sarif":    func(o Options) Writer { return sarifWriter{version: o.ToolVersion} },
	"junit":    func(Options) Writer { return junitWriter{} },
	"github":   func(Options) Writer { return githubWriter{getwd: os.Getwd} },
	"markdown": func(Options) Writer { return markdownWriter{} },
}

// Formats returns the names New accepts, sorted.
func Formats() []string {
	names := make([]string, 0, len(constructors))
	for name := range constructors {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// New returns the Writer for format, one of Formats().
func New(format string, opts Options) (Writer, error) {
	mk, ok := constructors[format]
	if !ok {
		return nil, fmt.Errorf("unknown report format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return mk(opts), nil
}

// ColorFor reports whether text written to w should be coloured: w is a
// terminal, NO_COLOR (https://no-color.org) is unset or empty, and TERM is not
// "dumb". getenv is usually os.Getenv.
func ColorFor(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// slashPath writes a scan-root-relative path with forward slashes, whatever
// the operating system.
func slashPath(p string) string {
	return filepath.ToSlash(p)
}
