package arm

import (
	"bytes"
	"errors"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/armexpr"
	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/jsonpos"
	"github.com/acrlint/acrlint/internal/parallel"
	"github.com/acrlint/acrlint/internal/sourcefile"
)

// Options are the values given on the command line.
type Options struct {
	// Parameters are parameter files given with --parameters; each applies
	// to the templates of the same name (prod/app.parameters.json to any
	// app.json), or to every template when only one is scanned.
	Parameters []string
	// MaxDeploymentDepth bounds nested deployments (0 means 16).
	MaxDeploymentDepth int
	// MaxCopy bounds the instances of one copy loop (0 means 800, ARM's
	// own limit).
	MaxCopy int
	// MaxStringLength bounds the strings template functions build (0
	// means 1 MiB): a longer one is unknown, with an error.
	MaxStringLength int
	// MaxTotalResources bounds the resources of all the templates of a
	// scan together, loops and nested deployments included, and the
	// nested deployments themselves (0 means 1,000,000).
	MaxTotalResources int
	// Compile turns a template written in another language (a .bicep
	// file, as a module or a root) into the ARM template it compiles to,
	// whose positions are in that file.
	Compile func(path string) (*jsonpos.Value, diag.Diagnostics)
	// Functions are extra functions that compiled templates call, by
	// "namespace.name".
	Functions map[string]armexpr.UserFunc
	// ReadFile reads the source files; nil reads them from the disk.
	ReadFile sourcefile.ReadFile
}

// Kinds of JSON documents.
const (
	kindOther = iota
	kindTemplate
	kindParameters
)

// classify tells a template from a parameters file by its $schema.
func classify(v *jsonpos.Value) int {
	s, ok := v.Get("$schema")
	if !ok || s.Kind != jsonpos.String {
		return kindOther
	}
	schema := strings.ToLower(s.Str)
	switch {
	case !strings.Contains(schema, "schema.management.azure.com/schemas/"):
		return kindOther
	case strings.Contains(schema, "deploymenttemplate.json"):
		return kindTemplate
	case strings.Contains(schema, "deploymentparameters.json"):
		return kindParameters
	}
	return kindOther
}

// IsCandidate reports whether path may hold an ARM template or parameters
// file (a .json file that is not Terraform's).
func IsCandidate(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".json") && !strings.HasSuffix(path, ".tf.json")
}

// Parser evaluates the ARM templates under one scan root.
type Parser struct {
	root string
	// realRoot is root with its symbolic links resolved, once needed.
	realRoot string
	opts     Options
	diags    diag.Diagnostics
	out      []graph.Resource
	docs     map[string]*jsonpos.Value // parsed files by absolute path
	read     map[string]bool           // templates evaluated, as roots or linked
	// deployments counts the nested deployments evaluated: with the
	// resources, they are bounded by MaxTotalResources, so that copy loops
	// of nested deployments cannot multiply the work without deploying a
	// resource.
	deployments int
	// full is set once MaxTotalResources is reached: nothing more is
	// evaluated.
	full bool
	// released are the documents dropped from docs once evaluated
	// (releaser).
	released map[string]bool
	// exprs are the expressions parsed so far: a copy loop evaluates the
	// same strings once per iteration.
	exprs armexpr.Cache
	// reported holds the lines of p.diags[:indexed] (reportedAt): every
	// resource whose name is unknown asks, so a scan of p.diags would make
	// a template of many such resources quadratic.
	reported map[fileLine]bool
	indexed  int
}

// fileLine is a line of a file, as reportedAt compares diagnostics.
type fileLine struct {
	file string
	line int
}

// Parse evaluates every template among files that no other template links
// to, with its parameters file.
func Parse(root string, files []string, opts Options) ([]graph.Resource, diag.Diagnostics) {
	if opts.MaxDeploymentDepth == 0 {
		opts.MaxDeploymentDepth = 16
	}
	if opts.MaxCopy == 0 {
		opts.MaxCopy = 800
	}
	if opts.MaxTotalResources == 0 {
		opts.MaxTotalResources = 1_000_000
	}
	p := &Parser{root: root, opts: opts, docs: map[string]*jsonpos.Value{}, read: map[string]bool{}, exprs: armexpr.Cache{}}
	// The JSON files are decoded on every CPU, and kept in the order of
	// files.
	decodedFiles := make([]decoded, len(files))
	parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
		if p.opts.Compile == nil || !isBicep(files[i]) {
			decodedFiles[i] = p.decode(files[i], false)
		}
	})
	for i, f := range files {
		// A file that could not be read is reported when it is loaded.
		if _, seen := p.docs[f]; decodedFiles[i].read && !seen {
			p.keep(f, decodedFiles[i])
		}
	}
	clear(decodedFiles)
	var templates []string
	params := map[string]string{} // template stem -> parameters file
	for _, f := range files {
		v := p.load(f, false)
		if v == nil {
			continue
		}
		switch classify(v) {
		case kindTemplate:
			templates = append(templates, f)
		case kindParameters:
			params[ParamStem(f)] = f
		}
	}
	// Whatever order the files come in, templates are read in the order
	// of their paths, so that a cycle of linked templates is reported at
	// the same link every time.
	slices.Sort(templates)
	linked := map[string]bool{}
	rel := &releaser{p: p, links: map[string][]string{}, linkers: map[string]int{}, done: map[string]bool{}}
	for _, t := range templates {
		rel.links[t] = linkedTemplates(t, p.docs[t])
		for _, l := range rel.links[t] {
			linked[l] = true
			rel.linkers[l]++
		}
	}
	cli := map[string]map[string]graph.Value{}
	for _, f := range opts.Parameters {
		abs, _ := filepath.Abs(f)
		v := p.load(abs, true)
		if v == nil {
			continue
		}
		cli[abs] = p.parameterValues(abs, v)
	}
	// Templates no other template links to are deployed on their own;
	// then any left unread (templates linking to each other in a cycle).
	roots := slices.DeleteFunc(slices.Clone(templates), func(t string) bool { return linked[t] })
	for _, t := range templates {
		if linked[t] {
			roots = append(roots, t)
		}
	}
	for _, t := range roots {
		if p.read[t] {
			continue
		}
		values := map[string]graph.Value{}
		if pf, ok := params[stem(t)]; ok {
			maps.Copy(values, p.parameterValues(pf, p.load(pf, false)))
			p.drop(pf)
		}
		for pf, vs := range cli {
			if filepath.Base(ParamStem(pf)) == filepath.Base(stem(t)) || len(templates) == 1 {
				maps.Copy(values, vs)
			}
		}
		d := &deployment{
			p: p, file: t, doc: p.load(t, false), scope: p.rel(t),
			info:  armexpr.DeploymentInfo{},
			stack: []string{t},
		}
		p.guard(t, func() { d.run(values, nil) })
		rel.release(t)
	}
	return p.out, p.diags
}

// drop drops a document read and used: read again, it is reported no
// more.
func (p *Parser) drop(path string) {
	delete(p.docs, path)
	if p.released == nil {
		p.released = map[string]bool{}
	}
	p.released[path] = true
}

// releaser drops the documents of the templates evaluated, so that those
// of a large repository are not all held until the last is evaluated: a
// root's once it is evaluated, a linked template's once every template
// linking to it is (links and linkers count the literal links). A
// document dropped and needed again is read again.
type releaser struct {
	p       *Parser
	links   map[string][]string
	linkers map[string]int
	done    map[string]bool
}

func (r *releaser) release(t string) {
	if r.done[t] || !r.p.read[t] {
		return
	}
	r.done[t] = true
	r.p.drop(t)
	for _, l := range r.links[t] {
		if r.linkers[l]--; r.linkers[l] == 0 {
			r.release(l)
		}
	}
}

// stem is a template's path without .json.
func stem(path string) string { return strings.TrimSuffix(path, filepath.Ext(path)) }

// ParamStem is a parameters file's path without .parameters.json,
// .params.json or .json.
func ParamStem(path string) string {
	lower := strings.ToLower(path)
	for _, suf := range []string{".parameters.json", ".params.json", ".json"} {
		if strings.HasSuffix(lower, suf) {
			return path[:len(path)-len(suf)]
		}
	}
	return path
}

// linkedTemplates lists the files a template links to with a literal
// templateLink.relativePath.
func linkedTemplates(file string, v *jsonpos.Value) []string {
	var out []string
	var walk func(*jsonpos.Value)
	walk = func(v *jsonpos.Value) {
		switch v.Kind {
		case jsonpos.Object:
			if tl, ok := v.Get("templateLink"); ok {
				if rp, ok := tl.Get("relativePath"); ok && rp.Kind == jsonpos.String && !armexpr.IsExpression(rp.Str) {
					out = append(out, filepath.Clean(filepath.Join(filepath.Dir(file), filepath.FromSlash(rp.Str))))
				}
			}
			for _, m := range v.Members {
				walk(m.Value)
			}
		case jsonpos.Array:
			for _, e := range v.Array {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// isBicep reports whether a template is a Bicep file, compiled by
// Options.Compile.
func isBicep(path string) bool { return strings.EqualFold(filepath.Ext(path), ".bicep") }

// format names the source format of a template's resources.
func format(path string) string {
	if isBicep(path) {
		return "bicep"
	}
	return "arm"
}

// ReadParameters reads a deployment parameters file (or a file holding
// only the parameters object's members' values), for a Bicep deployment
// given --parameters or a <stem>.parameters.json.
func ReadParameters(root, file string) (map[string]graph.Value, diag.Diagnostics) {
	p := &Parser{root: root, docs: map[string]*jsonpos.Value{}, read: map[string]bool{}}
	v := p.load(file, true)
	if v == nil {
		return nil, p.diags
	}
	return p.parameterValues(file, v), p.diags
}

// confine checks a file a template names: see Confine.
func (p *Parser) confine(path string) error {
	if p.realRoot == "" {
		p.realRoot = ResolveRoot(p.root)
	}
	return Confine(p.realRoot, path)
}

func (p *Parser) rel(path string) string {
	r, err := filepath.Rel(p.root, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

// load parses a JSON file once. A file that does not parse is reported
// only when it looks like a template (or loud is set); other JSON is none
// of acrlint's business.
func (p *Parser) load(path string, loud bool) *jsonpos.Value {
	if v, ok := p.docs[path]; ok {
		return v
	}
	if p.opts.Compile != nil && isBicep(path) {
		v, ds := p.opts.Compile(path)
		if !p.released[path] {
			p.diags = append(p.diags, ds...)
		}
		p.docs[path] = v
		return v
	}
	d := p.decode(path, loud)
	if p.released[path] {
		// Read again after it was dropped: its problems are reported
		// already.
		d.diags = nil
	}
	p.keep(path, d)
	return d.v
}

// decoded is a JSON file read and parsed (decode), with the diagnostics
// of doing so; read is false when the file could not be read.
type decoded struct {
	v     *jsonpos.Value
	diags diag.Diagnostics
	read  bool
}

// decode reads and parses a JSON file, as load does, without touching
// the parser: files are decoded on every CPU.
func (p *Parser) decode(path string, loud bool) decoded {
	data, err := p.opts.ReadFile.Read(path)
	if err != nil {
		return decoded{diags: diag.Diagnostics{diag.Errorf(diag.Range{File: p.rel(path)}, "Cannot read file", "%v", err)}}
	}
	v, dups, err := jsonpos.Parse(data, jsonpos.Options{})
	if err != nil {
		var ds diag.Diagnostics
		if loud || looksARM(data) {
			r := diag.Range{File: p.rel(path)}
			if se, ok := errors.AsType[*jsonpos.SyntaxError](err); ok {
				r.Start = se.Pos
				err = errors.New(se.Msg)
			}
			ds = append(ds, diag.Errorf(r, "Invalid JSON", "%v", err))
		}
		return decoded{diags: ds, read: true}
	}
	out := decoded{v: v, read: true}
	if classify(v) != kindOther || loud {
		for _, d := range dups {
			out.diags = append(out.diags, diag.Warnf(diag.Range{File: p.rel(path), Start: d.Pos}, "Duplicate property", "%s", d.Msg))
		}
	}
	return out
}

// keep records a decoded file: a file that could not be read is tried
// again when it is loaded again.
func (p *Parser) keep(path string, d decoded) {
	p.diags = append(p.diags, d.diags...)
	if d.read {
		p.docs[path] = d.v
	}
}

// looksARM reports whether data names an ARM schema, for a file that is
// not valid JSON: an error in it is reported only then.
func looksARM(data []byte) bool {
	return bytes.Contains(bytes.ToLower(data), []byte("schema.management.azure.com/schemas/"))
}

// parameterValues reads a deployment parameters file.
func (p *Parser) parameterValues(file string, v *jsonpos.Value) map[string]graph.Value {
	out := map[string]graph.Value{}
	ps, ok := v.Get("parameters")
	if !ok || ps.Kind != jsonpos.Object {
		return out
	}
	for _, m := range ps.Members {
		if val, ok := m.Value.Get("value"); ok {
			out[m.Key] = plain(val)
			continue
		}
		if _, ok := m.Value.Get("reference"); ok {
			out[m.Key] = graph.Unknown{} // a Key Vault secret
			continue
		}
		p.diags = append(p.diags, diag.Warnf(diag.Range{File: p.rel(file), Start: m.KeyPos}, "Invalid parameter value",
			"parameter %q has neither a value nor a reference", m.Key))
	}
	return out
}

// plain converts a JSON value without evaluating expressions (parameter
// values are literals).
func plain(v *jsonpos.Value) graph.Value {
	switch v.Kind {
	case jsonpos.Array:
		out := make([]graph.Value, len(v.Array))
		for i, e := range v.Array {
			out[i] = plain(e)
		}
		return out
	case jsonpos.Object:
		out := make(map[string]graph.Value, len(v.Members))
		for _, m := range v.Members {
			out[m.Key] = plain(m.Value)
		}
		return out
	}
	return v.Interface()
}

func (p *Parser) errorAt(file string, pos diag.Pos, summary, format string, args ...any) {
	p.diags = append(p.diags, diag.Errorf(diag.Range{File: p.rel(file), Start: pos}, summary, format, args...))
}

func (p *Parser) warnAt(file string, pos diag.Pos, summary, format string, args ...any) {
	p.diags = append(p.diags, diag.Warnf(diag.Range{File: p.rel(file), Start: pos}, summary, format, args...))
}

// incomplete marks the last diagnostic as one about resources left out.
func (p *Parser) incomplete() { p.diags[len(p.diags)-1].Code = diag.CodeIncomplete }

func (p *Parser) noteAt(file string, pos diag.Pos, summary, format string, args ...any) {
	p.diags = append(p.diags, diag.Notef(diag.Range{File: p.rel(file), Start: pos}, summary, format, args...))
}

// reportedAt reports whether a diagnostic was already given on a line.
// p.diags only grows, so the diagnostics added since the last call are
// indexed first.
func (p *Parser) reportedAt(file string, line int) bool {
	if p.reported == nil {
		p.reported = map[fileLine]bool{}
	}
	for ; p.indexed < len(p.diags); p.indexed++ {
		s := p.diags[p.indexed].Subject
		p.reported[fileLine{s.File, s.Start.Line}] = true
	}
	return p.reported[fileLine{p.rel(file), line}]
}

// Module is a template deployed as a module of another source (a Bicep
// module restored from a registry, whose compiled template the Bicep cache
// holds).
type Module struct {
	// File is the template's path; Root the scan root paths are relative to.
	File, Root string
	// Values are the module's parameter values.
	Values map[string]graph.Value
	// Scope and Prefix make the addresses of its resources unique in the
	// graph: the caller's scope and the module's address followed by "/".
	Scope, Prefix string
	// ResourceGroup is the group it deploys to, when the caller says.
	ResourceGroup string
	// Deployment is set for a template deployed on its own (a Bicep file):
	// its parameters without a value are reported, as a root template's.
	Deployment bool
}

// EvalModule evaluates a template as a module: its resources, its outputs
// and the diagnostics of reading it.
func EvalModule(mod Module, opts Options) ([]graph.Resource, map[string]graph.Value, diag.Diagnostics) {
	if opts.MaxDeploymentDepth == 0 {
		opts.MaxDeploymentDepth = 16
	}
	if opts.MaxCopy == 0 {
		opts.MaxCopy = 800
	}
	if opts.MaxTotalResources == 0 {
		opts.MaxTotalResources = 1_000_000
	}
	p := &Parser{root: mod.Root, opts: opts, docs: map[string]*jsonpos.Value{}, read: map[string]bool{}, exprs: armexpr.Cache{}}
	doc := p.load(mod.File, true)
	if doc == nil {
		return nil, nil, p.diags
	}
	d := &deployment{
		p: p, file: mod.File, doc: doc, scope: mod.Scope, prefix: mod.Prefix,
		info:  armexpr.DeploymentInfo{ResourceGroup: mod.ResourceGroup},
		stack: []string{mod.File},
	}
	at := doc
	if mod.Deployment {
		at = nil
	}
	outs := d.run(mod.Values, at)
	return p.out, outs, p.diags
}

// guard evaluates one template; a panic becomes an internal error on its
// file, and the other templates are still evaluated.
func (p *Parser) guard(file string, eval func()) {
	before := len(p.out)
	defer func() {
		if r := recover(); r != nil {
			p.out = p.out[:before]
			p.errorAt(file, diag.Pos{}, "Internal error",
				"acrlint failed while evaluating this template: %v; its resources are not checked. Please report this with the file", r)
			p.incomplete()
		}
	}()
	eval()
}
