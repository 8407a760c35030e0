// Package cli implements acrlint's command line: subcommands, flags and exit
// codes. It holds no analysis logic; internal/scan does the work.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// Exit codes.
const (
	ExitOK       = 0 // no finding at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitError    = 2 // usage error, unreadable input or a parse error
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "0.1.0-dev"
}

const usage = `acrlint finds the network mistakes that make an Azure container registry
unreachable, in Terraform, Bicep and ARM templates, before deployment.

Usage:
  acrlint scan [PATH ...] [flags]   scan files and directories (default ".")
  acrlint graph [PATH ...]          the normalized graph: --format json (default), dot or mermaid
  acrlint rules                     list the rule catalog
  acrlint explain ID                what a rule checks, the errors it explains, how to fix it
  acrlint explain --symptom "msg"   the rules behind an error message
  acrlint test [DIR ...]            run the tests (*_test.rego) of your own policies
  acrlint version                   print the version

Run 'acrlint scan -h' for the scan flags.
Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or parse error.
`

// Run executes the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitError
	}
	switch args[0] {
	case "scan":
		return runScan(ctx, args[1:], stdout, stderr)
	case "graph":
		return runGraph(ctx, args[1:], stdout, stderr)
	case "rules":
		return runRules(ctx, args[1:], stdout, stderr)
	case "explain":
		return runExplain(ctx, args[1:], stdout, stderr)
	case "test":
		return runTest(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "acrlint %s\n", version())
		return ExitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "acrlint: unknown command %q\n\n%s", args[0], usage)
	return ExitError
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// flagError reports a usage error and returns the exit code.
func flagError(stderr io.Writer, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	fmt.Fprintf(stderr, "acrlint: %v\n", err)
	return ExitError
}
