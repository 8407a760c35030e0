// Package config reads .acrlint.yaml, found by walking up from the scan
// root: rules disabled or given another severity, paths excluded, variable
// and parameters files, the fail-on level and extra policy directories.
// A malformed file is an error with its line, never ignored.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/acrlint/acrlint/internal/diag"
)

// Names are the file names looked for, in order.
var Names = []string{".acrlint.yaml", ".acrlint.yml"}

// Rule configures one rule.
type Rule struct {
	// Enabled false turns the rule off.
	Enabled *bool `yaml:"enabled"`
	// Severity replaces the rule's severity: error, warning or note.
	Severity string `yaml:"severity"`
}

// Config is the content of .acrlint.yaml. Paths in it are relative to the
// directory the file is in.
type Config struct {
	// Dir is the directory of the file.
	Dir        string            `yaml:"-"`
	File       string            `yaml:"-"`
	FailOn     string            `yaml:"fail_on"`
	Rules      map[string]Rule   `yaml:"rules"`
	Exclude    []string          `yaml:"exclude"`
	Vars       map[string]string `yaml:"vars"`
	VarFiles   []string          `yaml:"var_files"`
	Parameters []string          `yaml:"parameters"`
	Policies   []string          `yaml:"policies"`
}

// Find looks for a config file in dir and its parents.
func Find(dir string) (string, bool) {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		for _, n := range Names {
			p := filepath.Join(d, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, true
			}
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

var lineRE = regexp.MustCompile(`line (\d+)`)

// Load reads a config file. Its error is a diagnostic on the offending line.
func Load(file string) (*Config, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	c := &Config{File: file, Dir: filepath.Dir(file)}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, located(file, err)
	}
	c.File, c.Dir = file, filepath.Dir(file)
	if err := c.validate(src); err != nil {
		return nil, err
	}
	return c, nil
}

// located turns a YAML error into a diagnostic with its line.
func located(file string, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	return diag.Errorf(diag.Range{File: file, Start: diag.Pos{Line: line, Column: 1}}, "Invalid configuration", "%s", strings.TrimSpace(msg))
}

// validate checks values YAML types cannot, pointing at the line of the key.
func (c *Config) validate(src []byte) error {
	lineOf := func(key string) int {
		for i, l := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), key+":") {
				return i + 1
			}
		}
		return 0
	}
	bad := func(key, format string, args ...any) error {
		return diag.Errorf(diag.Range{File: c.File, Start: diag.Pos{Line: lineOf(key), Column: 1}}, "Invalid configuration", format, args...)
	}
	if c.FailOn != "" {
		if _, err := diag.ParseSeverity(c.FailOn); err != nil {
			return bad("fail_on", "fail_on: %v", err)
		}
	}
	for id, r := range c.Rules {
		if r.Severity != "" {
			if _, err := diag.ParseSeverity(r.Severity); err != nil {
				return bad(id, "rules.%s.severity: %v", id, err)
			}
		}
	}
	for _, p := range c.Exclude {
		if _, err := path.Match(p, ""); err != nil {
			return bad("exclude", "exclude pattern %q: %v", p, err)
		}
	}
	return nil
}

// Abs resolves paths of the file relative to its directory.
func (c *Config) Abs(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			out[i] = p
		} else {
			out[i] = filepath.Join(c.Dir, p)
		}
	}
	return out
}

// Excluded reports whether a path relative to the scan root, or one of its
// directories, matches an exclude pattern.
func Excluded(patterns []string, rel string) bool {
	rel = filepath.ToSlash(rel)
	for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		for _, pat := range patterns {
			if ok, _ := path.Match(strings.TrimSuffix(pat, "/"), p); ok {
				return true
			}
		}
	}
	return false
}
