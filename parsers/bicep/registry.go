package bicep

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/jsonpos"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// config is what acrlint reads of a bicepconfig.json.
type config struct {
	aliases   map[string]string // br alias -> registry/modulePath
	cacheRoot string
}

// config is what the bicepconfig.json nearest to a Bicep file says,
// looking up to the scan root; each directory's is read once.
func (p *Parser) config(file string) config {
	dir := filepath.Dir(file)
	if cfg, ok := p.configs[dir]; ok {
		return cfg
	}
	cfg := p.readConfig(dir)
	p.configs[dir] = cfg
	return cfg
}

// readConfig reads the bicepconfig.json of dir or of the nearest directory
// above it within the scan root.
func (p *Parser) readConfig(dir string) config {
	cfg := config{aliases: map[string]string{}}
	for ; p.inRoot(dir); dir = filepath.Dir(dir) {
		path := filepath.Join(dir, "bicepconfig.json")
		err := p.confine(path)
		if errors.Is(err, arm.ErrOutsideRoot) {
			return cfg // a link out of the root, which the scan reports
		}
		var data []byte
		if err == nil {
			data, err = os.ReadFile(path)
		}
		if err == nil {
			v, _, err := jsonpos.Parse(data, jsonpos.Options{})
			if err != nil {
				p.diags = append(p.diags, diag.Warnf(diag.Range{File: p.rel(path)}, "Invalid bicepconfig.json", "%v; its module aliases are not used", err))
				return cfg
			}
			if ma, ok := v.Get("moduleAliases"); ok {
				if br, ok := ma.Get("br"); ok {
					for _, m := range br.Members {
						reg, _ := m.Value.Get("registry")
						mp, _ := m.Value.Get("modulePath")
						if reg == nil {
							continue
						}
						prefix := reg.Str
						if mp != nil && mp.Str != "" {
							prefix += "/" + mp.Str
						}
						cfg.aliases[m.Key] = prefix
					}
				}
			}
			if cr, ok := v.Get("cacheRootDirectory"); ok && cr.Kind == jsonpos.String {
				cfg.cacheRoot = cr.Str
			}
			return cfg
		}
		if dir == p.root {
			break
		}
	}
	return cfg
}

// registryModule reads the compiled template of a registry module from the
// local Bicep cache. Its values are placed on the module statement: the
// findings on what it deploys are reported there, where the design uses
// it.
func (p *Parser) registryModule(c *compiler, d *syntax.ModuleDecl, path string) (*jsonpos.Value, bool) {
	cfg := p.config(c.path)
	ref, err := ParseModuleRef(path, cfg.aliases)
	if err != nil {
		c.errorf(d.Path, "Invalid module reference", "%v", err)
		return nil, false
	}
	root := p.opts.CacheRoot
	if root == "" {
		root = cfg.cacheRoot
	}
	if root == "" {
		root = DefaultCacheRoot()
	}
	file := CachedTemplate(root, ref)
	data, err := os.ReadFile(file)
	if err != nil {
		c.notef(d.Path, "Registry module not restored",
			"module %s is not in the local Bicep module cache, so what it deploys is not checked; run `bicep restore` on this file first", ref)
		c.incomplete()
		return nil, false
	}
	v, _, err := jsonpos.Parse(data, jsonpos.Options{})
	if err != nil {
		c.errorf(d.Path, "Invalid cached module", "the cached template of %s does not parse: %v", ref, err)
		return nil, false
	}
	at := pos(d)
	var place func(*jsonpos.Value)
	place = func(v *jsonpos.Value) {
		v.Pos, v.End = at, at
		for i := range v.Members {
			v.Members[i].KeyPos = at
			place(v.Members[i].Value)
		}
		for _, e := range v.Array {
			place(e)
		}
	}
	place(v)
	return v, true
}
