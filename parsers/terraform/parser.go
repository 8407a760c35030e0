package terraform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/parallel"
	"github.com/acrlint/acrlint/internal/sourcefile"
)

// Options are the values given on the command line.
type Options struct {
	// Vars are -var name=value pairs; they apply to every root module.
	Vars map[string]string
	// VarFiles are -var-file paths, applied after the tfvars files of each
	// root module, in order.
	VarFiles []string
	// MaxModuleDepth bounds module nesting (0 means 32).
	MaxModuleDepth int
	// MaxInstances bounds the instances of one resource or module (0 means
	// 10000); MaxTotalInstances bounds them all (0 means 100 times that).
	// The for expressions of one expression iterate at most 10 times
	// MaxInstances.
	MaxInstances, MaxTotalInstances int
	// MaxStringLength bounds the size of a value (0 means 1 MiB): the
	// characters of its strings and its elements; and the characters the
	// string templates of one expression build.
	MaxStringLength int
	// ReadFile reads the source files; nil reads them from the disk.
	ReadFile sourcefile.ReadFile
}

// IsFile reports whether path is a Terraform configuration file.
func IsFile(path string) bool {
	return strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tf.json")
}

// Parser evaluates the Terraform configurations under one scan root. Root
// modules are evaluated concurrently, each by a worker: a copy of the
// Parser with its own resources and diagnostics that shares the parsed
// directories and the instance count.
type Parser struct {
	root  string
	opts  Options
	diags diag.Diagnostics
	out   []graph.Resource
	files map[string]bool // read only once evaluation starts
	// srcs are the contents of the listed files, read once by prescan;
	// read only once evaluation starts.
	srcs map[string][]byte
	dirs *dirCache
	// instances counts the resource and module instances expanded so far,
	// by every worker; totalHit is set once they reach the total limit.
	instances *atomic.Int64
	totalHit  *atomic.Bool
}

// dirCache holds the parsed directories: each is read and parsed once,
// whichever worker needs it first.
type dirCache struct {
	mu   sync.Mutex
	dirs map[string]*moduleFiles
}

// moduleFiles is the parsed content of one directory.
type moduleFiles struct {
	once  sync.Once
	dir   string
	files []*hcl.File
	// calls are the local directories this module calls.
	calls []string
	// diags are the diagnostics of reading and parsing the files.
	diags diag.Diagnostics
	// funcs and paths are what the module's expressions use, noted while
	// its files are read (note) and listed once (scan).
	funcs    map[string]bool
	paths    map[string]hcl.Traversal
	scanOnce sync.Once
	scanned  *exprScan
	// refsOf are the references of the module's items, by expression or
	// body (refs).
	refsMu sync.Mutex
	refsOf map[any][]hcl.Traversal
	// content is the top-level content of each file (contents).
	contentOnce sync.Once
	content     []fileContent
}

// Parse evaluates every root module among files (absolute paths under
// root): a directory of Terraform files is a root module unless another
// scanned module calls it by a local path. It returns the resource
// instances found and the diagnostics of reading and evaluating them.
func Parse(root string, files []string, opts Options) ([]graph.Resource, diag.Diagnostics) {
	p := &Parser{
		root:      root,
		opts:      opts,
		files:     map[string]bool{},
		dirs:      &dirCache{dirs: map[string]*moduleFiles{}},
		instances: &atomic.Int64{},
		totalHit:  &atomic.Bool{},
	}
	if p.opts.MaxModuleDepth == 0 {
		p.opts.MaxModuleDepth = 32
	}
	if p.opts.MaxInstances == 0 {
		p.opts.MaxInstances = 10000
	}
	if p.opts.MaxTotalInstances == 0 {
		p.opts.MaxTotalInstances = 100 * p.opts.MaxInstances
	}
	if p.opts.MaxStringLength == 0 {
		p.opts.MaxStringLength = 1 << 20
	}
	dirs := map[string]bool{}
	for _, f := range files {
		p.files[f] = true
		dirs[filepath.Dir(f)] = true
	}
	sorted := slices.Sorted(maps.Keys(dirs))
	// Each directory is read and, unless a module block may call it,
	// evaluated as a root module at once, so that its syntax trees are
	// dropped before the others are read rather than all held until every
	// directory is read. Whether a directory is a root is only known once
	// every directory is read: an evaluation of a directory that turns out
	// to be called is dropped, and a root not evaluated yet is evaluated
	// then.
	maybeCalled := p.prescan(files)
	calls := make([][]string, len(sorted))
	readDiags := make([]diag.Diagnostics, len(sorted))
	early := make([]*rootResult, len(sorted))
	parallel.For(len(sorted), runtime.GOMAXPROCS(0), func(i int) {
		mf := p.load(sorted[i])
		calls[i], readDiags[i] = mf.calls, mf.diags
		if !maybeCalled[sorted[i]] {
			r := p.evalRoot(sorted[i])
			early[i] = &r
		}
	})
	called := map[string]bool{}
	reported := map[string]bool{}
	callsOf := map[string][]string{}
	done := map[string]*rootResult{}
	for i, d := range sorted {
		for _, c := range calls[i] {
			called[c] = true
		}
		callsOf[d] = calls[i]
		p.diags = append(p.diags, readDiags[i]...)
		reported[d] = true
		if early[i] != nil {
			done[d] = early[i]
		}
	}
	roots := slices.DeleteFunc(slices.Clone(sorted), func(d string) bool { return called[d] })
	roots = append(roots, cycleEntries(sorted, roots, callsOf)...)
	before := len(p.diags)
	p.evalRoots(roots, runtime.GOMAXPROCS(0), done)
	if p.totalHit.Load() {
		// Which instances are left out past the total limit depends on the
		// order of evaluation: evaluate again, one root module after the
		// other, so that it is always the same.
		p.out, p.diags = nil, p.diags[:before]
		p.instances.Store(0)
		p.totalHit.Store(false)
		p.evalRoots(roots, 1, nil)
	}
	// Directories read during evaluation: installed modules.
	for _, mf := range p.dirs.sorted() {
		if !reported[mf.dir] {
			p.diags = append(p.diags, mf.diags...)
		}
	}
	return p.out, p.diags
}

// cycleEntries returns, for the directories that no root module reaches
// because only a cycle of module calls calls them, the first of each cycle:
// evaluated from there, the cycle is reported instead of skipped. calls
// holds the local directories each directory calls.
func cycleEntries(dirs, roots []string, calls map[string][]string) []string {
	reached := map[string]bool{}
	var visit func(d string)
	visit = func(d string) {
		if reached[d] {
			return
		}
		reached[d] = true
		for _, c := range calls[d] {
			if _, read := calls[c]; read {
				visit(c)
			}
		}
	}
	for _, r := range roots {
		visit(r)
	}
	var out []string
	for _, d := range dirs {
		if !reached[d] {
			out = append(out, d)
			visit(d)
		}
	}
	return out
}

// prescan lists the directories that a module block of files may call
// by a local path, from their bytes, before they are parsed: every
// `source = "./..."` or `"source": "../..."`, wherever it stands. A module
// source is a literal string, so every directory a module calls is among
// them; the others (a file named by another block's source) cost only a
// directory evaluated after all are read rather than at once. The bytes
// are kept for parsing (p.srcs).
func (p *Parser) prescan(files []string) map[string]bool {
	found := make([][]string, len(files))
	srcs := make([][]byte, len(files))
	parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
		src, err := p.opts.ReadFile.Read(files[i])
		if err != nil {
			return
		}
		srcs[i] = src
		for _, rel := range localSources(src) {
			found[i] = append(found[i], filepath.Clean(filepath.Join(filepath.Dir(files[i]), filepath.FromSlash(rel))))
		}
	})
	p.srcs = make(map[string][]byte, len(files))
	for i, src := range srcs {
		if src != nil {
			p.srcs[files[i]] = src
		}
	}
	out := map[string]bool{}
	for _, dirs := range found {
		for _, d := range dirs {
			out[d] = true
		}
	}
	return out
}

// localSources returns the local paths assigned to a source attribute or
// key in src: source = "./x", "source": "../y".
func localSources(src []byte) []string {
	var out []string
	for rest := src; ; {
		i := bytes.Index(rest, []byte("source"))
		if i < 0 {
			return out
		}
		rest = rest[i+len("source"):]
		v := bytes.TrimLeft(bytes.TrimPrefix(rest, []byte(`"`)), " \t")
		if len(v) == 0 || (v[0] != '=' && v[0] != ':') {
			continue
		}
		v = bytes.TrimLeft(v[1:], " \t")
		if len(v) < 2 || v[0] != '"' || v[1] != '.' {
			continue
		}
		end := bytes.IndexByte(v[1:], '"')
		if end < 0 {
			return out
		}
		if path := string(v[1 : 1+end]); isLocalSource(path) {
			out = append(out, path)
		}
	}
}

// rootResult is what evaluating one root module yields.
type rootResult struct {
	out   []graph.Resource
	diags diag.Diagnostics
}

// evalRoot evaluates one root module with a worker of its own.
func (p *Parser) evalRoot(d string) rootResult {
	w := &Parser{root: p.root, opts: p.opts, files: p.files, dirs: p.dirs, instances: p.instances, totalHit: p.totalHit}
	w.guard(d, func() {
		m := w.newModule(d, d, "", nil, nil)
		m.rootVars(w)
		m.evaluate()
	})
	// No other module calls a root module: its syntax trees are not
	// needed any more (a later load reads it again).
	p.dirs.forget(d)
	return rootResult{w.out, w.diags}
}

// evalRoots evaluates the root modules with up to workers at a time, but
// those done already, and appends their resources and diagnostics in the
// order of roots.
func (p *Parser) evalRoots(roots []string, workers int, done map[string]*rootResult) {
	results := make([]rootResult, len(roots))
	eval := func(i int) {
		if r, ok := done[roots[i]]; ok {
			results[i] = *r
			return
		}
		results[i] = p.evalRoot(roots[i])
	}
	parallel.For(len(roots), workers, eval)
	for _, r := range results {
		p.out = append(p.out, r.out...)
		p.diags = append(p.diags, r.diags...)
	}
}

// forget drops a directory from the cache.
func (c *dirCache) forget(dir string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.dirs, dir)
}

// sorted returns the directories read so far, by path.
func (c *dirCache) sorted() []*moduleFiles {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Collect(maps.Values(c.dirs))
	slices.SortFunc(out, func(a, b *moduleFiles) int { return strings.Compare(a.dir, b.dir) })
	return out
}

// guard evaluates one root module; a panic becomes an internal error on its
// directory, and the other root modules are still evaluated.
func (p *Parser) guard(dir string, eval func()) {
	before := len(p.out)
	defer func() {
		if r := recover(); r != nil {
			p.out = p.out[:before]
			p.diags = append(p.diags, diag.Errorf(diag.Range{File: p.rel(dir)}, "Internal error",
				"acrlint failed while evaluating the Terraform module in %s: %v; its resources are not checked. Please report this with the files involved", p.rel(dir), r).Incomplete())
		}
	}()
	eval()
}

// rel returns path relative to the scan root, with forward slashes.
func (p *Parser) rel(path string) string {
	r, err := filepath.Rel(p.root, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

func (p *Parser) rng(r hcl.Range) diag.Range {
	return diag.Range{
		File:  p.rel(r.Filename),
		Start: diag.Pos{Line: r.Start.Line, Column: r.Start.Column},
		End:   diag.Pos{Line: r.End.Line, Column: r.End.Column},
	}
}

// addHCL records HCL diagnostics; evaluation errors are warnings, since the
// value is then unknown and the scan goes on, but syntax errors are errors.
func (p *Parser) addHCL(ds hcl.Diagnostics, syntax bool) {
	p.diags = append(p.diags, p.hclDiags(ds, syntax)...)
}

// hclDiags converts HCL diagnostics as addHCL records them.
func (p *Parser) hclDiags(ds hcl.Diagnostics, syntax bool) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range ds {
		sev := diag.Warning
		if d.Severity == hcl.DiagError && syntax {
			sev = diag.Error
		}
		r := diag.Range{}
		if d.Subject != nil {
			r = p.rng(*d.Subject)
		}
		dd := diag.Diagnostic{Severity: sev, Summary: d.Summary, Detail: d.Detail, Subject: r}
		if limitHit(d) {
			dd = dd.Incomplete()
			dd.Severity = diag.Error
		}
		out = append(out, dd)
	}
	return out
}

// load parses the Terraform files of dir once; its diagnostics are kept
// with it, to be reported once.
func (p *Parser) load(dir string) *moduleFiles {
	p.dirs.mu.Lock()
	m, ok := p.dirs.dirs[dir]
	if !ok {
		m = &moduleFiles{dir: dir}
		p.dirs.dirs[dir] = m
	}
	p.dirs.mu.Unlock()
	m.once.Do(func() { p.read(m) })
	return m
}

// read reads and parses the Terraform files of a directory.
func (p *Parser) read(m *moduleFiles) {
	dir := m.dir
	// Each directory is parsed on its own, so that directories can be
	// parsed concurrently.
	parser := hclparse.NewParser()
	entries, err := os.ReadDir(dir)
	if err != nil {
		m.diags = append(m.diags, diag.Errorf(diag.Range{File: p.rel(dir)}, "Cannot read module directory", "%v", err))
		return
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !IsFile(name) {
			continue
		}
		path := filepath.Join(dir, name)
		if e.Type()&fs.ModeSymlink != 0 && !p.files[path] {
			// A symbolic link is read only when the caller listed it: the
			// scan lists none that leads outside the scan root.
			continue
		}
		src, ok := p.srcs[path]
		if !ok {
			if src, err = p.opts.ReadFile.Read(path); err != nil {
				m.diags = append(m.diags, diag.Errorf(diag.Range{File: p.rel(path)}, "Cannot read file", "%v", err))
				continue
			}
		}
		if line, deep := tooDeep(src, maxNesting); deep {
			m.diags = append(m.diags, diag.Errorf(diag.Range{File: p.rel(path), Start: diag.Pos{Line: line, Column: 1}}, "Nesting too deep",
				"brackets are nested more than %d levels deep here; the file is not read", maxNesting).Incomplete())
			continue
		}
		if line, deep := chainsTooLong(src, path); deep {
			m.diags = append(m.diags, diag.Errorf(diag.Range{File: p.rel(path), Start: diag.Pos{Line: line, Column: 1}}, "Expression too long",
				"an expression chains more than %d operators here; the file is not read", maxOperators).Incomplete())
			continue
		}
		var f *hcl.File
		var ds hcl.Diagnostics
		if strings.HasSuffix(name, ".json") {
			f, ds = parser.ParseJSON(src, path)
		} else {
			f, ds = parser.ParseHCL(src, path)
		}
		if f != nil {
			bound(f, m.note)
		}
		m.diags = append(m.diags, p.hclDiags(ds, true)...)
		if f == nil || f.Body == nil {
			continue
		}
		m.files = append(m.files, f)
	}
	// Local module calls, to tell root modules from called ones.
	for _, f := range m.files {
		content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}}})
		for _, b := range content.Blocks {
			attrs, _ := b.Body.JustAttributes()
			if a, ok := attrs["source"]; ok {
				if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() && isLocalSource(v.AsString()) {
					m.calls = append(m.calls, filepath.Clean(filepath.Join(dir, v.AsString())))
				}
			}
		}
	}
}

func isLocalSource(s string) bool {
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || s == "." || s == ".."
}

// installedModule finds a module installed by `terraform init` under the
// root module rootDir, by its key ("a" or "a.b").
func (p *Parser) installedModule(rootDir, key string) (string, bool) {
	data, err := os.ReadFile(filepath.Join(rootDir, ".terraform", "modules", "modules.json"))
	if err != nil {
		return "", false
	}
	var manifest struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if json.Unmarshal(data, &manifest) != nil {
		return "", false
	}
	for _, m := range manifest.Modules {
		if m.Key == key {
			d := filepath.Join(rootDir, filepath.FromSlash(m.Dir))
			if within(p.root, d) {
				return d, true
			}
		}
	}
	return "", false
}

// varFile reads a tfvars file (HCL or JSON) into values.
func (p *Parser) varFile(path string) map[string]cty.Value {
	src, err := os.ReadFile(path)
	if err != nil {
		p.diags = append(p.diags, diag.Errorf(diag.Range{File: p.rel(path)}, "Cannot read variables file", "%v", err))
		return nil
	}
	if line, deep := tooDeep(src, maxNesting); deep {
		p.diags = append(p.diags, diag.Errorf(diag.Range{File: p.rel(path), Start: diag.Pos{Line: line, Column: 1}}, "Nesting too deep",
			"brackets are nested more than %d levels deep here; the file is not read", maxNesting).Incomplete())
		return nil
	}
	if line, deep := chainsTooLong(src, path); deep {
		p.diags = append(p.diags, diag.Errorf(diag.Range{File: p.rel(path), Start: diag.Pos{Line: line, Column: 1}}, "Expression too long",
			"an expression chains more than %d operators here; the file is not read", maxOperators).Incomplete())
		return nil
	}
	var f *hcl.File
	var ds hcl.Diagnostics
	parser := hclparse.NewParser()
	if strings.HasSuffix(path, ".json") {
		f, ds = parser.ParseJSON(src, path)
	} else {
		f, ds = parser.ParseHCL(src, path)
	}
	p.addHCL(ds, true)
	if f == nil {
		return nil
	}
	attrs, ds := f.Body.JustAttributes()
	p.addHCL(ds, true)
	out := map[string]cty.Value{}
	for name, a := range attrs {
		v, ds := a.Expr.Value(nil)
		p.addHCL(ds, false)
		out[name] = v
	}
	return out
}

// rootVars sets the values of a root module's variables: tfvars files of
// the directory, then -var-file, then -var.
func (m *module) rootVars(p *Parser) {
	var files, auto []string
	entries, _ := os.ReadDir(m.dir)
	for _, e := range entries {
		switch name := e.Name(); {
		case name == "terraform.tfvars" || name == "terraform.tfvars.json":
			// Read when it is there to read (a link that leads nowhere is not).
			if _, err := os.Stat(filepath.Join(m.dir, name)); err == nil {
				files = append(files, filepath.Join(m.dir, name))
			}
		case strings.HasSuffix(name, ".auto.tfvars") || strings.HasSuffix(name, ".auto.tfvars.json"):
			auto = append(auto, filepath.Join(m.dir, name))
		}
	}
	// terraform.tfvars before terraform.tfvars.json, then the
	// *.auto.tfvars files in the order of their names.
	slices.Sort(files)
	slices.Sort(auto)
	files = append(files, auto...)
	files = append(files, p.opts.VarFiles...)
	for _, f := range files {
		maps.Copy(m.inputs, p.varFile(f))
	}
	maps.Copy(m.rawVars, p.opts.Vars)
}

// cliVar turns a -var value into a value of the variable's type: strings
// stay strings, anything else is read as an HCL expression as Terraform does.
func cliVar(raw string, ty cty.Type) (cty.Value, error) {
	if ty == cty.String || ty == cty.DynamicPseudoType {
		return cty.StringVal(raw), nil
	}
	expr, ds := hclsyntax.ParseExpression([]byte(raw), "<value for var>", hcl.InitialPos)
	if ds.HasErrors() {
		return cty.NilVal, fmt.Errorf("%s", ds.Error())
	}
	v, ds := expr.Value(nil)
	if ds.HasErrors() {
		return cty.NilVal, fmt.Errorf("%s", ds.Error())
	}
	return v, nil
}

// maxNesting bounds the bracket nesting of a file: the HCL parser recurses
// once per level, and a hostile file must not exhaust the stack.
const maxNesting = 500

// tooDeep reports whether brackets in src nest more than limit levels, and
// the line where they do. It counts every bracket, in strings too, and the
// template directives %{if} and %{for} up to their %{endif} and %{endfor}:
// it only has to be an upper bound.
func tooDeep(src []byte, limit int) (int, bool) {
	// Brackets cannot nest deeper than there are opening ones.
	if countAny(src, "([{%") <= limit {
		return 0, false
	}
	depth, line := 0, 1
	for i, c := range src {
		switch c {
		case '\n':
			line++
		case '(', '[', '{':
			depth++
			if depth > limit {
				return line, true
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		case '%':
			switch directive(src[i+1:]) {
			case "if", "for":
				depth++
				if depth > limit {
					return line, true
				}
			case "endif", "endfor":
				if depth > 0 {
					depth--
				}
			}
		}
	}
	return 0, false
}

// directive returns the keyword of a template directive that src, just
// after a %, starts: "{~ if x}" gives "if".
func directive(src []byte) string {
	if len(src) == 0 || src[0] != '{' {
		return ""
	}
	rest := bytes.TrimLeft(src[1:], "~ \t")
	for _, kw := range []string{"endif", "endfor", "if", "for"} {
		if bytes.HasPrefix(rest, []byte(kw)) && (len(rest) == len(kw) || !isIdentByte(rest[len(kw)])) {
			return kw
		}
	}
	return ""
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
