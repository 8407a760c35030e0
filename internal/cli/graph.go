package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/rego"
)

// runGraph prints the normalized graph: with --format json exactly the
// document policies read as input.
func runGraph(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("acrlint graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output format: json")
	var vars, varFiles, params listFlag
	fs.Var(&vars, "var", "set a Terraform variable, name=value (repeatable)")
	fs.Var(&varFiles, "var-file", "read Terraform variables from a .tfvars file (repeatable)")
	fs.Var(&params, "parameters", "read ARM template parameters from a file (repeatable)")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return flagError(stderr, err)
	}
	if *format != "json" {
		return flagError(stderr, fmt.Errorf("--format %q: the graph is printed as json", *format))
	}
	tf, err := terraformOptions(vars, varFiles)
	if err != nil {
		return flagError(stderr, err)
	}
	eng, _, err := engine(ctx, rego.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	res, err := scan.Run(ctx, eng, scan.Options{Paths: paths, Terraform: tf, ARM: arm.Options{Parameters: params}})
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res.Graph.Input()); err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	if res.Report.Diagnostics.HasErrors() {
		return ExitError
	}
	return ExitOK
}
