package bicep

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/armexpr"
	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/jsonpos"
	"github.com/acrlint/acrlint/internal/sourcefile"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// Options are the values given on the command line.
type Options struct {
	// Parameters are deployment parameter files (JSON) given with
	// --parameters; each applies to the Bicep files of the same name
	// (prod/app.parameters.json to any app.bicep), or to every deployment
	// when only one is scanned.
	Parameters []string
	// CacheRoot is the Bicep module cache; "" means bicepconfig.json's
	// cacheRootDirectory, else ~/.bicep.
	CacheRoot string
	// MaxCopy, MaxDeploymentDepth and MaxTotalResources bound loops,
	// module nesting and all the resources deployed (0 means the ARM
	// defaults: 800, 16 and 1,000,000).
	MaxCopy, MaxDeploymentDepth, MaxTotalResources int
	// MaxFileSize bounds a file read by loadTextContent and the like (0
	// means 8 MiB).
	MaxFileSize int64
	// MaxStringLength bounds the strings functions build (0 means 1
	// MiB): a longer one is unknown, with an error.
	MaxStringLength int
	// ReadFile reads the source files; nil reads them from the disk.
	ReadFile sourcefile.ReadFile
}

// IsFile reports whether path is a Bicep file: .bicep or .bicepparam.
func IsFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".bicep", ".bicepparam":
		return true
	}
	return false
}

// Parser evaluates the Bicep files under one scan root.
type Parser struct {
	root  string
	opts  Options
	diags diag.Diagnostics
	files map[string]*source // by absolute path
	// configs holds the bicepconfig.json in effect by directory.
	configs map[string]config
	// realRoot is root with its symbolic links resolved, once needed.
	realRoot string
	// cycles holds the uses of local modules, {file, module file}, that
	// close a cycle of modules: they are reported once and not followed.
	cycles map[[2]string]bool
}

// source is one Bicep file, parsed once and compiled once.
type source struct {
	file     *syntax.File
	diags    diag.Diagnostics // syntax and compile diagnostics, reported once
	reported bool
	tmpl     *jsonpos.Value
	compiled bool
}

// functions are the functions compiled templates call besides ARM's.
var functions = map[string]armexpr.UserFunc{
	unknownFunc: func(*armexpr.Context, []graph.Value) (graph.Value, error) { return graph.Unknown{}, nil },
}

// Parse evaluates every Bicep deployment among files: each .bicepparam
// file with the template its using names, and each .bicep file that no
// other file uses as a module or names in a using, with its defaults (and
// a <stem>.parameters.json or --parameters file).
func Parse(root string, files []string, opts Options) ([]graph.Resource, diag.Diagnostics) {
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = 8 << 20
	}
	p := newParser(root, opts)
	var templates, params []string
	for _, f := range files {
		if p.parse(f) == nil {
			continue
		}
		if strings.EqualFold(filepath.Ext(f), ".bicepparam") {
			params = append(params, f)
		} else {
			templates = append(templates, f)
		}
	}
	p.moduleCycles(templates)
	used := map[string]bool{}
	for _, t := range templates {
		for _, m := range p.localModules(t) {
			if !p.cycles[[2]string{t, m}] {
				used[m] = true
			}
		}
	}
	type deployment struct {
		template, scope string
		values          map[string]graph.Value
	}
	var deps []deployment
	for _, pf := range params {
		tmpl, values, ok := p.paramFile(pf)
		if !ok {
			continue
		}
		used[tmpl] = true
		deps = append(deps, deployment{template: tmpl, scope: pf, values: values})
	}
	cli := map[string]map[string]graph.Value{}
	for _, f := range opts.Parameters {
		abs, _ := filepath.Abs(f)
		vs, ds := arm.ReadParameters(root, abs)
		p.diags = append(p.diags, ds...)
		cli[abs] = vs
	}
	for _, t := range templates {
		if used[t] {
			continue
		}
		values := map[string]graph.Value{}
		stem := strings.TrimSuffix(t, filepath.Ext(t))
		if pf := stem + ".parameters.json"; p.confine(pf) == nil {
			vs, ds := arm.ReadParameters(root, pf)
			p.diags = append(p.diags, ds...)
			maps.Copy(values, vs)
		}
		for pf, vs := range cli {
			if filepath.Base(arm.ParamStem(pf)) == filepath.Base(stem) || len(templates) == 1 {
				maps.Copy(values, vs)
			}
		}
		deps = append(deps, deployment{template: t, scope: t, values: values})
	}
	var out []graph.Resource
	aopts := arm.Options{
		MaxCopy: opts.MaxCopy, MaxDeploymentDepth: opts.MaxDeploymentDepth, MaxTotalResources: opts.MaxTotalResources,
		MaxStringLength: opts.MaxStringLength, Compile: p.compile, Functions: functions,
	}
	for _, d := range deps {
		rs, _, ds := arm.EvalModule(arm.Module{File: d.template, Root: root, Values: d.values, Scope: p.rel(d.scope), Deployment: true}, aopts)
		out = append(out, rs...)
		p.diags = append(p.diags, ds...)
	}
	// Files that were never compiled (modules of nothing scanned) still
	// report their syntax errors.
	for _, f := range slices.Sorted(maps.Keys(p.files)) {
		if s := p.files[f]; s != nil && !s.reported {
			p.diags = append(p.diags, s.diags...)
			s.reported = true
		}
	}
	return out, dedupe(p.diags)
}

func newParser(root string, opts Options) *Parser {
	return &Parser{root: root, opts: opts, files: map[string]*source{}, configs: map[string]config{}, cycles: map[[2]string]bool{}}
}

// dedupe drops repeated diagnostics (a module compiled for two
// deployments reports once) and sorts them.
func dedupe(ds diag.Diagnostics) diag.Diagnostics {
	seen := map[string]bool{}
	var out diag.Diagnostics
	for _, d := range ds {
		key := d.Severity.String() + "|" + d.Subject.File + "|" + strconv.Itoa(d.Subject.Start.Line) + ":" + strconv.Itoa(d.Subject.Start.Column) + "|" + d.Summary + "|" + d.Detail
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Subject.File, b.Subject.File), cmp.Compare(a.Subject.Start.Line, b.Subject.Start.Line),
			cmp.Compare(a.Subject.Start.Column, b.Subject.Start.Column))
	})
	return out
}

func (p *Parser) rel(path string) string {
	r, err := filepath.Rel(p.root, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

// inRoot reports whether path is within the scan root by its name.
func (p *Parser) inRoot(path string) bool { return arm.Within(p.root, path) }

// confine checks that a file within the scan root by its name stays
// within it when symbolic links are followed, and is a regular file that
// exists: see arm.Confine.
func (p *Parser) confine(path string) error {
	if p.realRoot == "" {
		p.realRoot = arm.ResolveRoot(p.root)
	}
	return arm.Confine(p.realRoot, path)
}

// confinedError reports why a file a Bicep file names (a module, an
// import, a loaded file) cannot be read, after confine: what is the kind
// of file, for the summary.
func (c *compiler) confinedError(lit *syntax.StringLit, what string, err error) {
	switch {
	case errors.Is(err, arm.ErrOutsideRoot):
		c.errorf(lit, what+" outside the scanned directory",
			"%s is a symbolic link, or in a linked directory, that leads outside the scanned directory; acrlint reads nothing outside it", lit.Value)
	case errors.Is(err, fs.ErrNotExist):
		c.errorf(lit, what+" not found", "%s does not exist", lit.Value)
	default:
		c.errorf(lit, "Cannot read file", "%s: %v", lit.Value, err)
	}
}

// parse reads and parses a file once; nil when it cannot be read.
func (p *Parser) parse(path string) *syntax.File {
	if s, ok := p.files[path]; ok {
		if s == nil {
			return nil
		}
		return s.file
	}
	data, err := p.opts.ReadFile.Read(path)
	if err != nil {
		p.files[path] = nil
		p.diags = append(p.diags, diag.Errorf(diag.Range{File: p.rel(path)}, "Cannot read file", "%v", err))
		return nil
	}
	f, ds := syntax.Parse(p.rel(path), data)
	ds = append(ds, duplicateProperties(f, p.rel(path))...)
	p.files[path] = &source{file: f, diags: ds}
	return f
}

// compile is the ARM parser's hook for a .bicep template: the file
// compiled into its ARM template, with its diagnostics the first time.
func (p *Parser) compile(path string) (*jsonpos.Value, diag.Diagnostics) {
	if p.parse(path) == nil {
		return nil, nil
	}
	s := p.files[path]
	if !s.compiled {
		s.compiled = true
		c := newCompiler(p, path, s.file)
		s.tmpl = c.template()
		s.diags = append(s.diags, c.diags...)
	}
	if s.reported {
		return s.tmpl, nil
	}
	s.reported = true
	return s.tmpl, s.diags
}

// localModules lists the local modules a template uses.
func (p *Parser) localModules(path string) []string {
	var out []string
	for _, m := range p.moduleDecls(path) {
		out = append(out, m.file)
	}
	return out
}

// moduleUse is a module statement naming a local file.
type moduleUse struct {
	file string // absolute
	decl *syntax.ModuleDecl
}

// moduleDecls lists the module statements of a template that name a
// local file, in the order of the file.
func (p *Parser) moduleDecls(path string) []moduleUse {
	f := p.parse(path)
	if f == nil {
		return nil
	}
	var out []moduleUse
	for _, st := range f.Statements {
		m, ok := st.(*syntax.ModuleDecl)
		if !ok {
			continue
		}
		lit, ok := m.Path.(*syntax.StringLit)
		if !ok || strings.Contains(lit.Value, ":") {
			continue
		}
		out = append(out, moduleUse{file: filepath.Clean(filepath.Join(filepath.Dir(path), filepath.FromSlash(lit.Value))), decl: m})
	}
	return out
}

// moduleCycles finds the local Bicep modules that use each other in a
// cycle, reading the templates in the order of their paths (so that a
// cycle is reported at the same module statement whatever order the files
// come in), and reports each cycle on the module statement that closes it:
// Bicep refuses such files (BCP094, BCP095). That use is then left out.
func (p *Parser) moduleCycles(templates []string) {
	state := map[string]int{} // 1 while its modules are read, 2 after
	var stack []string
	var visit func(file string)
	visit = func(file string) {
		state[file] = 1
		stack = append(stack, file)
		for _, m := range p.moduleDecls(file) {
			switch state[m.file] {
			case 1:
				p.cycles[[2]string{file, m.file}] = true
				at := m.decl.Path.Range().Diag(p.rel(file))
				if m.file == file {
					p.diags = append(p.diags, diag.Errorf(at, "Module cycle",
						"%s uses itself as a module (BCP094); remove this module statement", p.rel(file)).Incomplete())
					continue
				}
				var names []string
				for _, f := range append(slices.Clone(stack[slices.Index(stack, m.file):]), m.file) {
					names = append(names, p.rel(f))
				}
				p.diags = append(p.diags, diag.Errorf(at, "Module cycle",
					"modules use each other in a cycle: %s (BCP095); remove one of these module statements", strings.Join(names, " -> ")).Incomplete())
			case 0:
				if strings.EqualFold(filepath.Ext(m.file), ".bicep") && p.inRoot(m.file) && p.confine(m.file) == nil {
					visit(m.file)
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[file] = 2
	}
	for _, t := range slices.Sorted(slices.Values(templates)) {
		if state[t] == 0 {
			visit(t)
		}
	}
}

// readConfined reads a file named relative to a Bicep file, within the
// scan root.
func (p *Parser) readConfined(c *compiler, lit *syntax.StringLit) ([]byte, bool) {
	abs := filepath.Clean(filepath.Join(filepath.Dir(c.path), filepath.FromSlash(lit.Value)))
	if !p.inRoot(abs) {
		c.errorf(lit, "File outside the scanned directory", "%s is outside the scanned directory; acrlint reads nothing outside it", lit.Value)
		return nil, false
	}
	if err := p.confine(abs); err != nil {
		c.confinedError(lit, "File", err)
		return nil, false
	}
	st, err := os.Stat(abs)
	if err != nil {
		c.errorf(lit, "Cannot read file", "%v", err)
		return nil, false
	}
	if st.Size() > p.opts.MaxFileSize {
		c.errorf(lit, "File too large", "%s is %d bytes, more than the limit of %d", lit.Value, st.Size(), p.opts.MaxFileSize)
		return nil, false
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		c.errorf(lit, "Cannot read file", "%v", err)
		return nil, false
	}
	return data, true
}
