package rego

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/parallel"
	"github.com/acrlint/acrlint/internal/result"
	"github.com/acrlint/acrlint/policies"
)

// Query is the router rule: every finding of every rule package. The
// engine evaluates the same findings one rule package at a time on every
// CPU, concurrently.
const Query = "data.acrlint.main.findings"

// Options configure the engine.
type Options struct {
	// PolicyDirs are user policy directories loaded beside the shipped ones.
	PolicyDirs []string
	// Debug enables print() in policies.
	Debug bool
	// PrintOutput receives what print() writes when Debug is set; standard
	// error when nil.
	PrintOutput io.Writer
}

// Engine is a compiled, prepared policy set. It is safe for concurrent use.
type Engine struct {
	// queries are the prepared queries of the findings of each rule
	// package, costliest first; together they are the findings of Query.
	queries []rego.PreparedEvalQuery
	rules   []result.Rule
	// fullInput is set when user policies are loaded: they get every key
	// of every node. The shipped policies read neither source nor
	// attr_lines (TestShippedPoliciesIgnoreSourceAndLines), which the
	// engine then leaves out of their input.
	fullInput bool
}

// Finding is a finding as a policy reports it: on a node and attribute,
// before it is placed in a file.
type Finding struct {
	RuleID   string
	RuleName string
	Severity diag.Severity
	Resource string
	Attr     string
	Message  string
	Related  []Related
}

// Related is another node a finding involves.
type Related struct {
	Resource string
	Attr     string
	Message  string
}

// deniedBuiltins are left out of the capabilities: policies never reach
// the network, the clock, randomness or the environment. The pure CIDR
// functions (net.cidr_contains and friends) stay. io.jwt.decode_verify and
// the x509 verification read the clock when no time is given.
var deniedBuiltins = []string{
	"http.send", "net.lookup_ip_addr", "opa.runtime", "time.now_ns", "rand.intn", "uuid.rfc4122",
	"io.jwt.encode_sign", "io.jwt.encode_sign_raw", "trace",
	"io.jwt.decode_verify", "crypto.x509.parse_and_verify_certificates", "crypto.x509.parse_and_verify_certificates_with_options",
}

// Capabilities returns the OPA capabilities acrlint runs policies with.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		return slices.Contains(deniedBuiltins, b.Name)
	})
	caps.AllowNet = []string{}
	return caps
}

// module is a parsed policy file.
type module struct {
	name   string // path shown in diagnostics
	mod    *ast.Module
	custom bool
}

var ruleIDPattern = regexp.MustCompile(`^[A-Z][A-Z0-9_-]*[0-9]+$`)

// New loads, compiles and prepares the policies. Diagnostics report user
// policy files that cannot be used (they are left out); an error means the
// policies as a whole cannot run.
func New(ctx context.Context, opts Options) (*Engine, diag.Diagnostics, error) {
	var ds diag.Diagnostics
	mods, err := shipped()
	if err != nil {
		return nil, nil, fmt.Errorf("load shipped policies: %w", err)
	}
	for _, dir := range opts.PolicyDirs {
		user, uds := loadDir(dir)
		ds = append(ds, uds...)
		mods = append(mods, user...)
	}
	keep, rules, rds := catalog(mods)
	ds = append(ds, rds...)
	compiler, cds := compile(keep, opts.Debug)
	if cds != nil {
		// Leave out the user policies that fail to compile, so that the
		// shipped rules still run.
		ds = append(ds, cds...)
		keep = slices.DeleteFunc(keep, func(m module) bool {
			return m.custom && slices.ContainsFunc(cds, func(d diag.Diagnostic) bool { return d.Subject.File == m.name })
		})
		keep, rules, _ = catalog(keep)
		compiler, cds = compile(keep, opts.Debug)
		if cds != nil {
			return nil, ds, fmt.Errorf("compile policies: %s", cds[0].Error())
		}
	}
	e := &Engine{rules: rules, fullInput: slices.ContainsFunc(keep, func(m module) bool { return m.custom })}
	slices.SortFunc(e.rules, func(a, b result.Rule) int { return strings.Compare(a.ID, b.ID) })
	for _, name := range costliestFirst(rulePackages(keep), policies.Weights()) {
		args := []func(*rego.Rego){
			rego.Query(reportQuery(name)),
			rego.Compiler(compiler),
			rego.Capabilities(Capabilities()),
			rego.StrictBuiltinErrors(true),
			rego.EnablePrintStatements(opts.Debug),
		}
		if opts.Debug {
			var out io.Writer = os.Stderr
			if opts.PrintOutput != nil {
				out = opts.PrintOutput
			}
			args = append(args, rego.PrintHook(topdown.NewPrintHook(out)))
		}
		q, err := rego.New(args...).PrepareForEval(ctx)
		if err != nil {
			return nil, ds, fmt.Errorf("prepare policies: %w", err)
		}
		e.queries = append(e.queries, q)
	}
	return e, ds, nil
}

// rulePackages are the names under data.acrlint.rules that the router
// reads a report from, sorted.
func rulePackages(mods []module) []string {
	var names []string
	for _, m := range mods {
		path := m.mod.Package.Path
		if len(path) < 4 || !path[:3].Equal(ast.MustParseRef("data.acrlint.rules")) {
			continue
		}
		if name, ok := path[3].Value.(ast.String); ok {
			names = append(names, string(name))
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// reportQuery is the query of the findings of one rule package:
// data.acrlint.rules.<name>.report, the name quoted when it must be.
func reportQuery(name string) string {
	return ast.Ref{ast.DefaultRootDocument, ast.InternedTerm("acrlint"), ast.InternedTerm("rules"), ast.StringTerm(name), ast.InternedTerm("report")}.String()
}

// costliestFirst orders rule packages from the costliest down, so that
// the CPUs evaluating them finish together: the last ones to start are
// the cheapest. weights gives the cost of the shipped packages
// (policies.Weights); a package it does not know, a user's, costs the
// median of those it knows.
func costliestFirst(names []string, weights map[string]int) []string {
	known := slices.Sorted(maps.Values(weights))
	dflt := 1
	if len(known) > 0 {
		dflt = max(known[len(known)/2], 1)
	}
	cost := func(name string) int {
		if w, ok := weights[name]; ok {
			return max(w, 1)
		}
		return dflt
	}
	order := slices.Clone(names)
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(cost(b), cost(a)) })
	return order
}

// Rules returns the catalog of loaded rules, sorted by id.
func (e *Engine) Rules() []result.Rule { return e.rules }

func compile(mods []module, debug bool) (*ast.Compiler, diag.Diagnostics) {
	c := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(debug).
		WithStrict(true)
	in := make(map[string]*ast.Module, len(mods))
	byName := map[string]module{}
	for _, m := range mods {
		in[m.name] = m.mod
		byName[m.name] = m
	}
	c.Compile(in)
	if !c.Failed() {
		return c, nil
	}
	return c, compileDiags(c.Errors)
}

// compileDiags turns the compiler's errors into diagnostics at the policy's
// file and line.
func compileDiags(errs ast.Errors) diag.Diagnostics {
	var ds diag.Diagnostics
	for _, e := range errs {
		r := diag.Range{}
		if e.Location != nil {
			r = diag.Range{File: e.Location.File, Start: diag.Pos{Line: e.Location.Row, Column: e.Location.Col}}
		}
		msg := e.Message
		for _, name := range deniedBuiltins {
			if strings.HasSuffix(msg, "undefined function "+name) {
				msg += ": policies may not reach the network, the clock, randomness or the environment"
			}
		}
		ds = append(ds, diag.Errorf(r, "Policy does not compile", "%s", msg))
	}
	return ds
}

func modRange(m module, loc *ast.Location) diag.Range {
	if loc == nil {
		return diag.Range{File: m.name}
	}
	return diag.Range{File: m.name, Start: diag.Pos{Line: loc.Row, Column: loc.Col}}
}

// shipped parses the shipped policies.
func shipped() ([]module, error) { return loadFS(policies.FS, ".", false) }

// loadFS parses the non-test .rego files of an fs.FS.
func loadFS(fsys fs.FS, root string, custom bool) ([]module, error) {
	var mods []module
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicy(p) {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		mod, err := parse(path.Join("policies", p), src)
		if err != nil {
			return err
		}
		mods = append(mods, module{name: path.Join("policies", p), mod: mod, custom: custom})
		return nil
	})
	return mods, err
}

func isPolicy(p string) bool {
	return strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego")
}

// loadDir parses the non-test .rego files of a user policy directory; a file
// that does not parse is a diagnostic and is left out.
func loadDir(dir string) ([]module, diag.Diagnostics) {
	var mods []module
	var ds diag.Diagnostics
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isPolicy(p) {
			return err
		}
		src, err := os.ReadFile(p) //nolint:gosec // policy directories are the user's own, read as given
		if err != nil {
			ds = append(ds, diag.Errorf(diag.Range{File: p}, "Cannot read policy", "%v", err))
			return nil
		}
		mod, err := parse(p, src)
		if err != nil {
			ds = append(ds, parseDiags(p, err)...)
			return nil
		}
		mods = append(mods, module{name: p, mod: mod, custom: true})
		return nil
	})
	if err != nil {
		ds = append(ds, diag.Errorf(diag.Range{File: dir}, "Cannot read policy directory", "%v", err))
	}
	return mods, ds
}

func parse(name string, src []byte) (*ast.Module, error) {
	return ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
}

func parseDiags(file string, err error) diag.Diagnostics {
	var ds diag.Diagnostics
	if errs, ok := err.(ast.Errors); ok { //nolint:errorlint // ast.Errors is returned unwrapped
		for _, e := range errs {
			r := diag.Range{File: file}
			if e.Location != nil {
				r.Start = diag.Pos{Line: e.Location.Row, Column: e.Location.Col}
			}
			ds = append(ds, diag.Errorf(r, "Policy does not parse", "%s", e.Message))
		}
		return ds
	}
	return diag.Diagnostics{diag.Errorf(diag.Range{File: file}, "Policy does not parse", "%v", err)}
}

// ruleOf reads the catalog entry from a rule package's METADATA. Packages
// outside data.acrlint.rules are libraries (ok false, no diagnostics).
func ruleOf(m module) (result.Rule, bool, diag.Diagnostics) {
	if !strings.HasPrefix(m.mod.Package.Path.String(), "data.acrlint.rules.") {
		return result.Rule{}, false, nil
	}
	var a *ast.Annotations
	for _, x := range m.mod.Annotations {
		if x.Scope == "package" {
			a = x
		}
	}
	bad := func(format string, args ...any) (result.Rule, bool, diag.Diagnostics) {
		return result.Rule{}, false, diag.Diagnostics{diag.Errorf(modRange(m, m.mod.Package.Location), "Invalid rule metadata", format, args...)}
	}
	if a == nil {
		return bad("rule package %s has no METADATA block with custom id and severity; it is not loaded", m.mod.Package.Path)
	}
	id, _ := a.Custom["id"].(string)
	if id == "" {
		return bad("rule package %s has no METADATA custom.id (such as ORG001); it is not loaded", m.mod.Package.Path)
	}
	if !ruleIDPattern.MatchString(id) {
		return bad("METADATA custom.id %q must be an id such as ACR001 or ORG101", id)
	}
	sevName, _ := a.Custom["severity"].(string)
	if sevName == "" {
		return bad("rule %s has no METADATA custom.severity (error, warning or note); it is not loaded", id)
	}
	sev, err := diag.ParseSeverity(sevName)
	if err != nil {
		return bad("METADATA custom.severity of %s: %v", id, err)
	}
	name, _ := a.Custom["name"].(string)
	rule := result.Rule{
		ID: id, Name: name, Title: a.Title, Description: strings.TrimSpace(a.Description),
		Severity: sev, Custom: m.custom,
	}
	if rule.Name == "" {
		rule.Name = strings.ToLower(id)
	}
	if s, ok := a.Custom["remediation"].(string); ok {
		rule.Remediation = strings.TrimSpace(s)
	}
	if fix, ok := a.Custom["fix"].(map[string]any); ok {
		rule.Fix = map[string]string{}
		for format, text := range fix {
			if s, ok := text.(string); ok {
				rule.Fix[format] = strings.TrimSpace(s)
			}
		}
	}
	if l, ok := a.Custom["symptoms"].([]any); ok {
		for _, s := range l {
			if str, ok := s.(string); ok {
				rule.Symptoms = append(rule.Symptoms, str)
			}
		}
	}
	for _, r := range a.RelatedResources {
		if r.Ref.String() != "" {
			rule.Links = append(rule.Links, r.Ref.String())
		}
	}
	return rule, true, nil
}

// catalog reads the rules of the modules and leaves out the rule modules
// whose METADATA is invalid or whose id is already taken.
func catalog(mods []module) ([]module, []result.Rule, diag.Diagnostics) {
	var keep []module
	var rules []result.Rule
	var ds diag.Diagnostics
	for _, m := range mods {
		rule, isRule, rds := ruleOf(m)
		ds = append(ds, rds...)
		if len(rds) > 0 {
			continue
		}
		if isRule {
			if slices.ContainsFunc(rules, func(r result.Rule) bool { return r.ID == rule.ID }) {
				ds = append(ds, diag.Errorf(modRange(m, m.mod.Package.Location), "Duplicate rule id",
					"rule id %s is already used by another rule; this policy is not loaded", rule.ID))
				continue
			}
			rules = append(rules, rule)
		}
		keep = append(keep, m)
	}
	return keep, rules, ds
}

// Eval evaluates the policies once on the graph document.
func (e *Engine) Eval(ctx context.Context, input map[string]any) ([]Finding, error) {
	v, err := toValue(input, e.fullInput)
	if err != nil {
		return nil, fmt.Errorf("convert graph: %w", err)
	}
	// The rule packages are evaluated on every CPU, each CPU taking the
	// next package when it is done with one. They share the input, which
	// evaluation only reads, and the values of the library rules.
	results := make([]rego.ResultSet, len(e.queries))
	errs := make([]error, len(e.queries))
	shared := newSharedValues()
	parallel.For(len(e.queries), runtime.GOMAXPROCS(0), func(i int) {
		results[i], errs[i] = e.queries[i].Eval(ctx, rego.EvalParsedInput(v), rego.EvalVirtualCache(shared.cache()))
	})
	var out []Finding
	for i, rs := range results {
		if errs[i] != nil {
			return nil, fmt.Errorf("evaluate policies: %w", errs[i])
		}
		for _, r := range rs {
			for _, ex := range r.Expressions {
				set, ok := ex.Value.([]any)
				if !ok {
					continue
				}
				for _, x := range set {
					f, err := decode(x)
					if err != nil {
						return nil, err
					}
					out = append(out, f)
				}
			}
		}
	}
	slices.SortFunc(out, compareFindings)
	return out, nil
}

// toValue converts the input document to the value policies read, once,
// with the index of node ids by kind (see kindsIndex); without the nodes'
// source and attr_lines (unreadKeys) unless full is set. The nodes, most
// of it, are converted on every CPU.
func toValue(input map[string]any, full bool) (ast.Value, error) {
	// The index by kind is built beside the conversion, which leaves a
	// CPU idle while it sorts the nodes and gathers them.
	nodes, ok := input["nodes"].(map[string]any)
	var index chan ast.Object
	if ok && input[kindsIndex] == nil {
		index = make(chan ast.Object, 1)
		go func() { index <- kinds(nodes) }()
	}
	v, err := convert(input, full)
	if err != nil {
		return nil, err
	}
	if obj, isObj := v.(ast.Object); isObj && index != nil {
		obj.Insert(ast.InternedTerm(kindsIndex), ast.NewTerm(<-index))
	}
	return v, nil
}

// kindsIndex is the input key of the node ids by kind, {kind: {id}}, that
// the engine adds to the graph so that acr.nodes_by_kind need not go
// through every node. Inputs written by hand (in
// policy tests) have no such key, and the library computes the index
// itself.
const kindsIndex = "kinds"

// kinds indexes node ids by kind.
func kinds(nodes map[string]any) ast.Object {
	by := map[string][]*ast.Term{}
	for id, n := range nodes {
		if node, ok := n.(map[string]any); ok {
			if kind, ok := node["kind"].(string); ok {
				by[kind] = append(by[kind], ast.StringTerm(id))
			}
		}
	}
	out := ast.NewObjectWithCapacity(len(by))
	for kind, ids := range by {
		out.Insert(ast.StringTerm(kind), ast.SetTerm(ids...))
	}
	return out
}

// unreadKeys are the keys of a node that no shipped policy reads: where
// it was declared, and the line of each attribute. Findings are placed on
// their lines from the graph itself.
var unreadKeys = map[string]bool{"source": true, "attr_lines": true}

func convert(input map[string]any, full bool) (ast.Value, error) {
	nodes, ok := input["nodes"].(map[string]any)
	if !ok {
		return ast.InterfaceToValue(input)
	}
	ids := slices.Sorted(maps.Keys(nodes))
	terms := make([]*ast.Term, len(ids))
	errs := make([]error, len(ids))
	workers := runtime.GOMAXPROCS(0)
	if len(nodes) < 1000 {
		workers = 1
	}
	// Each goroutine converts every workers-th node with a converter of
	// its own.
	parallel.For(workers, workers, func(w int) {
		c := newConverter()
		for i := w; i < len(ids); i += workers {
			terms[i], errs[i] = c.node(nodes[ids[i]], full)
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	obj := ast.NewObjectWithCapacity(len(ids))
	for i, id := range ids {
		obj.Insert(ast.StringTerm(id), terms[i])
	}
	return objectValue(input, func(k string, x any) (ast.Value, error) {
		if k == "nodes" {
			return obj, nil
		}
		return ast.InterfaceToValue(x)
	})
}

// converter converts the nodes of the input to values as
// ast.InterfaceToValue does, with one term for each distinct object key:
// the nodes of a graph repeat a few dozen keys tens of thousands of times.
// A converter is used by one goroutine.
type converter struct {
	keys map[string]*ast.Term
}

func newConverter() *converter {
	return &converter{keys: map[string]*ast.Term{}}
}

// key returns the term of an object key; terms are never modified, and
// one may stand in any number of objects.
func (c *converter) key(k string) *ast.Term {
	t, ok := c.keys[k]
	if !ok {
		t = ast.StringTerm(k)
		c.keys[k] = t
	}
	return t
}

// node converts one node, leaving out its unreadKeys unless full is set.
func (c *converter) node(node any, full bool) (*ast.Term, error) {
	m, ok := node.(map[string]any)
	if !ok {
		return c.term(node)
	}
	obj := ast.NewObjectWithCapacity(len(m))
	for k, x := range m {
		if !full && unreadKeys[k] {
			continue
		}
		t, err := c.term(x)
		if err != nil {
			return nil, err
		}
		obj.Insert(c.key(k), t)
	}
	return ast.NewTerm(obj), nil
}

// term converts what the graph's input holds: objects, arrays, strings
// and booleans here, attr_lines (a map[string]int, which
// ast.InterfaceToValue would convert through JSON) by hand, anything else
// by ast.InterfaceToValue.
func (c *converter) term(x any) (*ast.Term, error) {
	switch x := x.(type) {
	case map[string]any:
		obj := ast.NewObjectWithCapacity(len(x))
		for k, e := range x {
			t, err := c.term(e)
			if err != nil {
				return nil, err
			}
			obj.Insert(c.key(k), t)
		}
		return ast.NewTerm(obj), nil
	case []any:
		terms := make([]*ast.Term, len(x))
		for i, e := range x {
			t, err := c.term(e)
			if err != nil {
				return nil, err
			}
			terms[i] = t
		}
		return ast.ArrayTerm(terms...), nil
	case string:
		return ast.StringTerm(x), nil
	case bool:
		return ast.InternedTerm(x), nil
	case map[string]int:
		obj := ast.NewObjectWithCapacity(len(x))
		for k, v := range x {
			obj.Insert(c.key(k), ast.InternedTerm(v))
		}
		return ast.NewTerm(obj), nil
	}
	v, err := ast.InterfaceToValue(x)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(v), nil
}

// objectValue converts an object, the value of each key by value; a key
// whose value is nil is left out.
func objectValue(m map[string]any, value func(k string, x any) (ast.Value, error)) (ast.Object, error) {
	obj := ast.NewObjectWithCapacity(len(m))
	for k, x := range m {
		v, err := value(k, x)
		if err != nil {
			return nil, err
		}
		if v != nil {
			obj.Insert(ast.StringTerm(k), ast.NewTerm(v))
		}
	}
	return obj, nil
}

// compareFindings orders findings whatever rule package reported them.
func compareFindings(a, b Finding) int {
	if c := cmp.Or(
		strings.Compare(a.RuleID, b.RuleID), strings.Compare(a.Resource, b.Resource),
		strings.Compare(a.Attr, b.Attr), strings.Compare(a.Message, b.Message),
		cmp.Compare(a.Severity, b.Severity), strings.Compare(a.RuleName, b.RuleName),
	); c != 0 {
		return c
	}
	return slices.CompareFunc(a.Related, b.Related, func(x, y Related) int {
		return cmp.Or(strings.Compare(x.Resource, y.Resource), strings.Compare(x.Attr, y.Attr), strings.Compare(x.Message, y.Message))
	})
}

func decode(x any) (Finding, error) {
	obj, ok := x.(map[string]any)
	if !ok {
		return Finding{}, fmt.Errorf("policy returned a finding that is not an object: %v", x)
	}
	str := func(o map[string]any, k string) string { s, _ := o[k].(string); return s }
	sev, err := diag.ParseSeverity(str(obj, "severity"))
	if err != nil {
		return Finding{}, fmt.Errorf("finding of %s: %w", str(obj, "rule_id"), err)
	}
	f := Finding{
		RuleID: str(obj, "rule_id"), RuleName: str(obj, "rule_name"), Severity: sev,
		Resource: str(obj, "resource"), Attr: str(obj, "attr"), Message: str(obj, "message"),
	}
	if f.RuleID == "" || f.Resource == "" {
		return Finding{}, fmt.Errorf("policy returned a finding without rule_id or resource: %v", x)
	}
	rel, _ := obj["related"].([]any)
	for _, r := range rel {
		ro, ok := r.(map[string]any)
		if !ok {
			continue
		}
		f.Related = append(f.Related, Related{Resource: str(ro, "resource"), Attr: str(ro, "attr"), Message: str(ro, "message")})
	}
	return f, nil
}
