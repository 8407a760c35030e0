package bicep

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// publicRegistry is what the br/public alias names: Microsoft's public
// Bicep registry, where Azure Verified Modules are published.
const publicRegistry = "mcr.microsoft.com/bicep"

// ModuleRef is a registry module reference: br:<registry>/<repository>:<tag>
// or br/<alias>:<path>:<tag>.
type ModuleRef struct {
	Registry   string // login server, e.g. mcr.microsoft.com
	Repository string // e.g. bicep/avm/res/container-registry/registry
	Tag        string // or Digest
	Digest     string
}

// ParseModuleRef reads a br: module path. aliases maps br/<alias> names to
// "<registry>/<repository prefix>" (bicepconfig.json moduleAliases.br);
// "public" is always known.
func ParseModuleRef(path string, aliases map[string]string) (ModuleRef, error) {
	var rest string
	switch {
	case strings.HasPrefix(path, "br:"):
		rest = strings.TrimPrefix(path, "br:")
	case strings.HasPrefix(path, "br/"):
		alias, after, ok := strings.Cut(strings.TrimPrefix(path, "br/"), ":")
		if !ok {
			return ModuleRef{}, fmt.Errorf("module reference %q has no path after the alias", path)
		}
		prefix := aliases[alias]
		if alias == "public" && prefix == "" {
			prefix = publicRegistry
		}
		if prefix == "" {
			return ModuleRef{}, fmt.Errorf("module alias br/%s is not defined in bicepconfig.json", alias)
		}
		rest = strings.TrimSuffix(prefix, "/") + "/" + after
	default:
		return ModuleRef{}, fmt.Errorf("%q is not a registry module reference (br: or br/<alias>:)", path)
	}
	var ref ModuleRef
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		rest, ref.Digest = rest[:at], rest[at+1:]
	} else {
		colon := strings.LastIndex(rest, ":")
		if colon < 0 || colon < strings.LastIndex(rest, "/") {
			return ModuleRef{}, fmt.Errorf("module reference %q has no tag", path)
		}
		rest, ref.Tag = rest[:colon], rest[colon+1:]
	}
	registry, repo, ok := strings.Cut(rest, "/")
	if !ok || registry == "" || repo == "" || (ref.Tag == "" && ref.Digest == "") {
		return ModuleRef{}, fmt.Errorf("module reference %q is not <registry>/<repository>:<tag>", path)
	}
	ref.Registry, ref.Repository = registry, repo
	return ref, nil
}

// String renders the reference as br:<registry>/<repository>:<tag>.
func (r ModuleRef) String() string {
	if r.Digest != "" {
		return "br:" + r.Registry + "/" + r.Repository + "@" + r.Digest
	}
	return "br:" + r.Registry + "/" + r.Repository + ":" + r.Tag
}

// DefaultCacheRoot is where `bicep restore` leaves modules unless
// bicepconfig.json's cacheRootDirectory says otherwise: ~/.bicep.
func DefaultCacheRoot() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".bicep")
}

// CachedTemplate is the compiled ARM template of a restored module:
// <cache>/br/<registry>/<repository with '/' as '$'>/<tag>$/main.json.
func CachedTemplate(cacheRoot string, ref ModuleRef) string {
	version := ref.Tag + "$"
	if ref.Digest != "" {
		version = strings.ReplaceAll(ref.Digest, ":", "#")
	}
	return filepath.Join(cacheRoot, "br", strings.ToLower(ref.Registry),
		strings.ReplaceAll(strings.ToLower(ref.Repository), "/", "$"), version, "main.json")
}
