package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/acrlint/acrlint/rego"
)

func runRules(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("acrlint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var policies listFlag
	fs.Var(&policies, "policy", "also list the rules of a Rego policy directory (repeatable)")
	if _, err := parseInterleaved(fs, args); err != nil {
		return flagError(stderr, err)
	}
	eng, ds, err := engine(ctx, rego.Options{PolicyDirs: policies})
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	for _, d := range ds {
		fmt.Fprintf(stderr, "%s\n", d.Error())
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tTITLE")
	for _, r := range eng.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Name, r.Title)
	}
	if err := tw.Flush(); err != nil {
		return ExitError
	}
	if ds.HasErrors() {
		return ExitError
	}
	return ExitOK
}
