package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/acrlint/acrlint/rego"
)

func runTest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("acrlint test", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		verbose  bool
		coverage bool
		format   string
		run      string
		timeout  time.Duration
	)
	fs.BoolVar(&verbose, "verbose", false, "print every test with PASS or FAIL, and the trace of each failure")
	fs.BoolVar(&verbose, "v", false, "short for --verbose")
	fs.BoolVar(&coverage, "coverage", false, "report which lines of the policy and test files the tests evaluate, per file")
	fs.StringVar(&format, "format", "text", "output format: text, or json (the test results, or with --coverage the coverage report)")
	fs.StringVar(&run, "run", "", "run only the tests whose package-qualified name matches this regular expression")
	fs.DurationVar(&timeout, "timeout", 5*time.Second, "stop a test that runs longer than this")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: acrlint test [DIR ...] [flags]\n\n"+
			"Runs the tests (rules named test_*) of the Rego files in DIR (default \".\"),\n"+
			"with the shipped library and rules available to import.\n"+
			"Exit codes: 0 every test passed, 1 a test failed or could not be evaluated,\n"+
			"2 a usage error, a policy that does not load, or no test found.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return flagError(stderr, err)
	}
	if format != "text" && format != "json" {
		return flagError(stderr, fmt.Errorf("--format %q: want text or json", format))
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	rep, ds, err := rego.Test(ctx, rego.TestOptions{
		Paths:    paths,
		Run:      run,
		Coverage: coverage,
		Trace:    verbose,
		Timeout:  timeout,
	})
	for _, d := range ds {
		fmt.Fprintf(stderr, "%s\n", d.Error())
	}
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	if ds.HasErrors() {
		return ExitError
	}
	if len(rep.Results) == 0 {
		fmt.Fprintf(stderr, "acrlint: no test found in %s (a test is a rule named test_* in a .rego file)\n", strings.Join(paths, ", "))
		return ExitError
	}
	switch {
	case format == "json" && coverage:
		if rep.Failed() {
			// Standard output holds the coverage report alone.
			err = reportTests(tester.PrettyReporter{Output: stderr, Verbose: verbose}, rep.Results)
		}
		if err == nil {
			err = writeJSON(stdout, rep.Coverage)
		}
	case format == "json":
		err = reportTests(tester.JSONReporter{Output: stdout}, rep.Results)
	default:
		err = reportTests(tester.PrettyReporter{Output: stdout, Verbose: verbose}, rep.Results)
		if err == nil && coverage {
			err = writeCoverage(stdout, rep.Coverage)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	if rep.Failed() {
		return ExitFindings
	}
	return ExitOK
}

// reportTests hands the results, in order, to one of OPA's test reporters.
func reportTests(r tester.Reporter, results []*tester.Result) error {
	ch := make(chan *tester.Result, len(results))
	for _, x := range results {
		ch <- x
	}
	close(ch)
	return r.Report(ch)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeCoverage prints the coverage of each file and the lines no test
// evaluated.
func writeCoverage(w io.Writer, c *cover.Report) error {
	fmt.Fprintln(w, strings.Repeat("-", 80))
	fmt.Fprintf(w, "COVERAGE: %.1f%% (%d/%d lines)\n", c.Coverage, c.CoveredLines, c.CoveredLines+c.NotCoveredLines)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, name := range slices.Sorted(maps.Keys(c.Files)) {
		fr := c.Files[name]
		total := fr.CoveredLines + fr.NotCoveredLines
		if total == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%5.1f%%\t%d/%d\t%s\n", name, 100*float64(fr.CoveredLines)/float64(total), fr.CoveredLines, total, notCovered(fr.NotCovered))
	}
	return tw.Flush()
}

// notCovered lists the lines no test evaluated: "not covered: 12, 20-22".
func notCovered(rs []cover.Range) string {
	var rows []int
	for _, r := range rs {
		for row := r.Start.Row; row <= max(r.Start.Row, r.End.Row); row++ {
			rows = append(rows, row)
		}
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", rows[i], rows[j]))
		} else {
			parts = append(parts, fmt.Sprint(rows[i]))
		}
		i = j + 1
	}
	if len(parts) == 0 {
		return ""
	}
	return "not covered: " + strings.Join(parts, ", ")
}
