package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/acrlint/acrlint/internal/ruledoc"
	"github.com/acrlint/acrlint/rego"
)

// runExplain prints a rule's page, or the rules behind an error message.
func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("acrlint explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	symptom := fs.String("symptom", "", "find the rules that explain this error message")
	var policies listFlag
	fs.Var(&policies, "policy", "also explain the rules of a Rego policy directory (repeatable)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: acrlint explain ID | --symptom \"error text\"\n\nFlags:\n")
		fs.PrintDefaults()
	}
	ids, err := parseInterleaved(fs, args)
	if err != nil {
		return flagError(stderr, err)
	}
	if (*symptom == "") == (len(ids) == 0) {
		fs.Usage()
		return ExitError
	}
	eng, _, err := engine(ctx, rego.Options{PolicyDirs: policies})
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	rules := eng.Rules()
	if *symptom != "" {
		matches := ruledoc.Search(rules, *symptom)
		if len(matches) == 0 {
			fmt.Fprintf(stdout, "No rule explains %q.\n", *symptom)
			return ExitFindings
		}
		fmt.Fprintf(stdout, "%d rule(s) explain this message, most specific first:\n\n", len(matches))
		for _, m := range matches {
			fmt.Fprintf(stdout, "%s %s (%s): %s\n    matches %q\n", m.Rule.ID, m.Rule.Name, m.Rule.Severity, m.Rule.Title, m.Symptom)
		}
		fmt.Fprintf(stdout, "\nRun 'acrlint explain %s' for how to fix it.\n", matches[0].Rule.ID)
		return ExitOK
	}
	code := ExitOK
	for i, id := range ids {
		found := false
		for _, r := range rules {
			if strings.EqualFold(r.ID, id) || strings.EqualFold(r.Name, id) {
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				fmt.Fprint(stdout, ruledoc.Text(r))
				found = true
			}
		}
		if !found {
			fmt.Fprintf(stderr, "acrlint: no rule %q; 'acrlint rules' lists them\n", id)
			code = ExitError
		}
	}
	return code
}
