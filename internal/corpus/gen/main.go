// Command gen writes a synthetic corpus of hub-and-spoke stacks for
// acrlint's benchmarks and scale scripts:
//
//	go run ./internal/corpus/gen -out DIR -stacks N [-seed S] [-formats terraform,arm]
//	go run ./internal/corpus/gen -out DIR -resources 20000 -formats terraform
//
// It prints what it wrote and the findings each rule must report; -json
// prints the manifest as JSON instead.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/acrlint/acrlint/internal/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) //nolint:forbidigo // a command's main exits with the status run returns
}

func run(args []string, stdout, stderr io.Writer) int {
	if err := generate(args, stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	return 0
}

func generate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "directory to write the corpus to (must not exist or be empty)")
	stacks := fs.Int("stacks", 0, "number of stacks")
	resources := fs.Int("resources", 0, "add stacks until at least this many resources are declared (instead of -stacks)")
	seed := fs.Uint64("seed", 1, "seed of the corpus")
	formats := fs.String("formats", strings.Join(corpus.Formats, ","), "comma-separated source formats")
	every := fs.Int("mistake-every", 10, "each mistake is injected once per this many stacks (negative: none)")
	asJSON := fs.Bool("json", false, "print the manifest as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out is required")
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", *out)
	}
	m, err := corpus.Generate(*out, corpus.Options{
		Stacks: *stacks, Resources: *resources, Seed: *seed,
		Formats: strings.Split(*formats, ","), MistakeEvery: *every,
	})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}
	_, err = io.WriteString(stdout, m.Summary())
	return err
}
