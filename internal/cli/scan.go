package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/acrlint/acrlint/internal/config"
	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/report"
	"github.com/acrlint/acrlint/internal/result"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/bicep"
	"github.com/acrlint/acrlint/parsers/terraform"
	"github.com/acrlint/acrlint/rego"
)

type scanFlags struct {
	format   string
	outputs  listFlag
	failOn   string
	vars     listFlag
	varFiles listFlag
	params   listFlag
	policies listFlag
	disable  listFlag
	only     listFlag
	noColor  bool
	debug    bool
	timeout  time.Duration
	maxSize  int64
	maxInst  int
	maxStr   int
	config   string
	baseline string
	writeBL  string
}

func runScan(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f scanFlags
	fs := flag.NewFlagSet("acrlint scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(report.Formats(), ", "))
	fs.Var(&f.outputs, "output", "also write FORMAT=FILE (repeatable)")
	fs.StringVar(&f.failOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, warning or note")
	fs.Var(&f.vars, "var", "set a Terraform variable, name=value (repeatable)")
	fs.Var(&f.varFiles, "var-file", "read Terraform variables from a .tfvars file (repeatable)")
	fs.Var(&f.params, "parameters", "read ARM template parameters from a deployment parameters file (repeatable)")
	fs.Var(&f.policies, "policy", "load extra Rego policies from a directory (repeatable)")
	fs.Var(&f.disable, "disable", "skip a rule by id (repeatable)")
	fs.Var(&f.only, "only", "run only this rule id (repeatable)")
	fs.BoolVar(&f.noColor, "no-color", false, "never colour text output")
	fs.BoolVar(&f.debug, "debug", false, "enable print() in policies")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings that are not in this baseline file")
	fs.StringVar(&f.writeBL, "baseline-write", "", "record the current findings in this baseline file")
	fs.StringVar(&f.config, "config", "", "read this configuration file instead of the .acrlint.yaml found from the scan root upwards")
	fs.DurationVar(&f.timeout, "timeout", 0, "stop the scan after this long (e.g. 30s; 0 means no limit)")
	fs.Int64Var(&f.maxSize, "max-file-size", 8<<20, "skip, with an error, source files larger than this many bytes")
	fs.IntVar(&f.maxInst, "max-instances", 10000, "expand at most this many instances of one resource or module (count, for_each, copy), 100 times that in total; the for expressions of one Terraform expression iterate at most 10 times that")
	fs.IntVar(&f.maxStr, "max-string-length", 1<<20, "evaluate Terraform values, and strings that ARM and Bicep template functions build, of at most this many characters or elements; a larger one is unknown, with an error")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: acrlint scan [PATH ...] [flags]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return flagError(stderr, err)
	}
	cfg, err := loadConfig(f.config, paths)
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	explicit := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { explicit[fl.Name] = true })
	var severity map[string]diag.Severity
	if cfg != nil {
		if cfg.FailOn != "" && !explicit["fail-on"] {
			f.failOn = cfg.FailOn
		}
		cliVars := f.vars
		f.vars = nil
		for k, v := range cfg.Vars {
			f.vars = append(f.vars, k+"="+v)
		}
		f.vars = append(f.vars, cliVars...)
		f.varFiles = append(cfg.Abs(cfg.VarFiles), f.varFiles...)
		f.params = append(cfg.Abs(cfg.Parameters), f.params...)
		f.policies = append(cfg.Abs(cfg.Policies), f.policies...)
		severity = map[string]diag.Severity{}
		for id, r := range cfg.Rules {
			if r.Enabled != nil && !*r.Enabled {
				f.disable = append(f.disable, id)
			}
			if r.Severity != "" {
				severity[strings.ToUpper(id)], _ = diag.ParseSeverity(r.Severity)
			}
		}
	}
	failOn, err := diag.ParseSeverity(f.failOn)
	if err != nil {
		return flagError(stderr, fmt.Errorf("--fail-on: %w", err))
	}
	type out struct{ format, file string }
	outs := []out{{format: f.format}}
	for _, o := range f.outputs {
		format, file, ok := strings.Cut(o, "=")
		if !ok || file == "" {
			return flagError(stderr, fmt.Errorf("--output %q: want FORMAT=FILE", o))
		}
		outs = append(outs, out{format: format, file: file})
	}
	writers := make([]report.Writer, len(outs))
	for i, o := range outs {
		color := o.file == "" && !f.noColor && report.ColorFor(stdout, os.Getenv)
		w, err := report.New(o.format, report.Options{Color: color, ToolVersion: version()})
		if err != nil {
			return flagError(stderr, err)
		}
		writers[i] = w
	}
	tf, err := terraformOptions(f.vars, f.varFiles)
	if err != nil {
		return flagError(stderr, err)
	}
	tf.MaxInstances = f.maxInst
	tf.MaxStringLength = f.maxStr
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return flagError(stderr, err)
		}
	}

	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	// The policies are compiled while the sources are read.
	eng := startEngine(ctx, rego.Options{PolicyDirs: f.policies, Debug: f.debug})
	var exclude []string
	if cfg != nil {
		exclude = cfg.Exclude
	}
	prog := newProgress(stderr)
	res, err := scan.Run(ctx, eng, scan.Options{
		Exclude:     exclude,
		Severity:    severity,
		Paths:       paths,
		Terraform:   tf,
		ARM:         arm.Options{Parameters: f.params, MaxTotalResources: 100 * f.maxInst, MaxStringLength: f.maxStr},
		Bicep:       bicep.Options{MaxStringLength: f.maxStr},
		Only:        f.only,
		Disable:     f.disable,
		MaxFileSize: f.maxSize,
		Progress:    prog.Stage,
	})
	prog.Done()
	_, pds, eerr := eng.wait()
	if eerr != nil {
		err = eerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "acrlint: %v\n", err)
		return ExitError
	}
	rep := res.Report
	if f.writeBL != "" {
		if err := writeBaseline(f.writeBL, rep); err != nil {
			fmt.Fprintf(stderr, "acrlint: %v\n", err)
			return ExitError
		}
	}
	if f.baseline != "" {
		known, err := readBaseline(f.baseline)
		if err != nil {
			fmt.Fprintf(stderr, "acrlint: %v\n", err)
			return ExitError
		}
		rep.Findings = slices.DeleteFunc(rep.Findings, func(x result.Finding) bool { return known[x.Fingerprint] })
		rep.Summarize(rep.Summary.Files, rep.Summary.Resources)
	}
	rep.Diagnostics = append(rep.Diagnostics, pds...)
	rep.Diagnostics.Sort()
	rep.Summary.Diagnostics = len(rep.Diagnostics)
	for i, o := range outs {
		if err := write(writers[i], rep, o.file, stdout); err != nil {
			fmt.Fprintf(stderr, "acrlint: write %s: %v\n", o.format, err)
			return ExitError
		}
	}
	return exitCode(rep, failOn)
}

func write(w report.Writer, rep *result.Report, file string, stdout io.Writer) error {
	if file == "" {
		return w.Write(stdout, rep)
	}
	fh, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := w.Write(fh, rep); err != nil {
		_ = fh.Close()
		return err
	}
	return fh.Close()
}

// exitCode is 2 when the sources could not be read, else 1 when a finding
// that no suppression covers is at least as severe as failOn, else 0.
func exitCode(rep *result.Report, failOn diag.Severity) int {
	if rep.Diagnostics.HasErrors() {
		return ExitError
	}
	for _, f := range rep.Active() {
		if f.Severity <= failOn {
			return ExitFindings
		}
	}
	return ExitOK
}

// terraformOptions reads the --var and --var-file flags.
func terraformOptions(vars, varFiles []string) (terraform.Options, error) {
	opts := terraform.Options{Vars: map[string]string{}}
	for _, v := range vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return opts, fmt.Errorf("--var %q: want name=value", v)
		}
		opts.Vars[name] = value
	}
	for _, vf := range varFiles {
		abs, err := filepath.Abs(vf)
		if err != nil {
			return opts, err
		}
		if _, err := os.Stat(abs); err != nil {
			return opts, fmt.Errorf("--var-file: %w", err)
		}
		opts.VarFiles = append(opts.VarFiles, abs)
	}
	return opts, nil
}

// loadConfig reads the --config file, or the .acrlint.yaml found by
// walking up from the scan root; nil when there is none.
func loadConfig(explicit string, paths []string) (*config.Config, error) {
	file := explicit
	if file == "" {
		if len(paths) == 0 {
			paths = []string{"."}
		}
		root, err := scan.Root(paths)
		if err != nil {
			return nil, nil //nolint:nilerr // a missing path is reported by the scan itself
		}
		found, ok := config.Find(root)
		if !ok {
			return nil, nil
		}
		file = found
	}
	return config.Load(file)
}

// baseline is the file --baseline-write records: the fingerprints of the
// findings accepted for now, with enough context to read it.
type baseline struct {
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	File        string `json:"file"`
	Resource    string `json:"resource"`
}

func writeBaseline(file string, rep *result.Report) error {
	b := baseline{Findings: []baselineEntry{}}
	for _, f := range rep.Findings {
		b.Findings = append(b.Findings, baselineEntry{Fingerprint: f.Fingerprint, RuleID: f.RuleID, File: f.File, Resource: f.Resource})
	}
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

func readBaseline(file string) (map[string]bool, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var b baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("read baseline %s: %w", file, err)
	}
	known := map[string]bool{}
	for _, e := range b.Findings {
		known[e.Fingerprint] = true
	}
	return known, nil
}
