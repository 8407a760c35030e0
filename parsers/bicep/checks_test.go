package bicep

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
)

// parseDir runs Parse on the files of dir in the given order (sorted when
// nil).
func parseDir(t *testing.T, dir string, order []string) ([]graph.Resource, diag.Diagnostics) {
	t.Helper()
	var files []string
	if order == nil {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && IsFile(path) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range order {
		files = append(files, filepath.Join(dir, filepath.FromSlash(f)))
	}
	return Parse(dir, files, Options{CacheRoot: filepath.Join(dir, ".bicep-cache")})
}

// find returns the diagnostics with a summary.
func find(ds diag.Diagnostics, summary string) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range ds {
		if d.Summary == summary {
			out = append(out, d)
		}
	}
	return out
}

// TestDuplicateProperties: a property declared twice in an object is an
// error on the second (BCP025), in any object of a Bicep or parameters
// file; names that differ only in case are a warning.
func TestDuplicateProperties(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.bicep": `param tags object = {
  env: 'prod'
  'env': 'test'
}
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr1'
  location: 'westeurope'
  sku: {
    name: 'Premium'
    Name: 'Basic'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
    '${'public'}NetworkAccess': 'Disabled'
  }
  name: 'acr2'
}
`,
		"main.bicepparam": "using 'main.bicep'\nparam tags = {\n  a: 1\n  a: 2\n}\n",
	})
	_, ds := parseDir(t, dir, nil)
	var got []string
	for _, d := range find(ds, "Duplicate property") {
		got = append(got, fmt.Sprintf("%s %s:%d:%d", d.Severity, d.Subject.File, d.Subject.Start.Line, d.Subject.Start.Column))
	}
	want := []string{"error main.bicep:3:3", "warning main.bicep:10:5", "error main.bicep:16:3", "error main.bicepparam:4:3"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v (all: %v)", got, want, ds)
	}
	for _, d := range find(ds, "Duplicate property") {
		if d.Severity == diag.Error && !strings.Contains(d.Detail, "declared multiple times") {
			t.Errorf("message: %s", d.Detail)
		}
	}
}

// TestParameterDefaultWrongType: a literal default of another type than
// the parameter's is an error on the default (BCP027), and the parameter
// is then unknown; defaults of other types, or not literals, are not
// judged.
func TestParameterDefaultWrongType(t *testing.T) {
	cases := []struct {
		decl string
		err  bool
	}{
		{"param p int = 'three'", true},
		{"param p int = '${'th'}ree'", true},
		{"param p string = 3", true},
		{"param p int? = true", true},
		{"param p bool = 'true'", true},
		{"param p object = []", true},
		{"param p array = {}", true},
		{"@secure()\nparam p string = {}", true},
		{"param p int = -3", false},
		{"param p int = length('abc')", false},
		{"param p string = resourceGroup().location", false},
		{"param p 'a' | 'b' = 'a'", false},
		{"type t = { a: int }\nparam p t = { a: 1 }", false},
		{"param p int? = null", false},
		{"param p object = {}", false},
		{"param p array = [1]", false},
		{"param p bool = !false", false},
	}
	for _, c := range cases {
		t.Run(c.decl, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"main.bicep": c.decl + "\noutput o object = { p: p }\n"})
			_, outs, ds := deploy(t, dir)
			got := find(ds, "Default value of the wrong type")
			if !c.err {
				noDiags(t, ds)
				return
			}
			line := strings.Count(c.decl, "\n") + 1
			if len(got) != 1 || got[0].Severity != diag.Error || got[0].Subject.Start.Line != line || got[0].Subject.Start.Column != strings.Index(c.decl[strings.LastIndex(c.decl, "\n")+1:], "= ")+3 {
				t.Errorf("want one error on the default, got %v", ds)
			}
			if p := outs["o"].(map[string]graph.Value)["p"]; !graph.IsUnknown(p) {
				t.Errorf("the parameter is %v, want unknown", p)
			}
		})
	}
}

// TestModuleCycles: a module that uses itself, or modules that use each
// other in a cycle, are an error naming the cycle on the module statement
// that closes it when reading the files in the order of their paths,
// whatever order they come in; the use that closes the cycle is left out
// and the rest is evaluated.
func TestModuleCycles(t *testing.T) {
	zone := func(name string) string {
		return "resource z 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  name: '" + name + "'\n  location: 'global'\n}\n"
	}
	t.Run("self", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"main.bicep": zone("main") + "module self './main.bicep' = {\n  name: 'self'\n}\n"})
		rs, ds := parseDir(t, dir, nil)
		if len(ds) != 1 || ds[0].Summary != "Module cycle" || ds[0].Severity != diag.Error || ds[0].Subject.File != "main.bicep" ||
			ds[0].Subject.Start.Line != 5 || ds[0].Subject.Start.Column != 13 || !strings.Contains(ds[0].Detail, "main.bicep uses itself") {
			t.Errorf("want one error at main.bicep:5:13, got %v", ds)
		}
		if len(rs) != 1 {
			t.Errorf("the file is still deployed once: %v", rs)
		}
	})
	t.Run("mutual", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{
			"a.bicep":     zone("a") + "module b 'm/b.bicep' = {\n  name: 'b'\n}\n",
			"m/b.bicep":   zone("b") + "module c '../c.bicep' = {\n  name: 'c'\n}\n",
			"c.bicep":     zone("c") + "module a 'a.bicep' = {\n  name: 'a'\n}\n",
			"main.bicep":  zone("main") + "module b 'm/b.bicep' = {\n  name: 'b'\n}\n",
			"other.bicep": zone("other"),
		})
		var first string
		for _, order := range [][]string{nil, {"other.bicep", "main.bicep", "m/b.bicep", "c.bicep", "a.bicep"}, {"c.bicep", "a.bicep", "main.bicep", "other.bicep", "m/b.bicep"}} {
			rs, ds := parseDir(t, dir, order)
			if len(ds) != 1 || ds[0].Summary != "Module cycle" || ds[0].Severity != diag.Error {
				t.Fatalf("want one error, got %v", ds)
			}
			if first == "" {
				first = ds[0].Error()
				if ds[0].Subject.File != "c.bicep" || ds[0].Subject.Start.Line != 5 || !strings.Contains(first, "cycle: a.bicep -> m/b.bicep -> c.bicep -> a.bicep") {
					t.Errorf("want the cycle a -> b -> c -> a at c.bicep:5, got %s", first)
				}
			} else if ds[0].Error() != first {
				t.Errorf("files in another order: %s, not %s", ds[0].Error(), first)
			}
			// a.bicep is deployed (b and c as its modules), main.bicep
			// (b and c again) and other.bicep.
			if len(rs) != 7 {
				t.Errorf("want 7 resources, got %d", len(rs))
			}
		}
	})
}

// TestSymlinksOutOfRoot: a module, an import, the template of a using and
// a file loaded into the template that are within the root by name but
// that a symbolic link (to the file or to a directory) leads out of are
// refused where they are named; links within the root are followed.
func TestSymlinksOutOfRoot(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	outside := writeFiles(t, map[string]string{
		"private.txt":  "outside",
		"private.json": `{"private": true}`,
		"mod.bicep":    "resource z 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  name: 'private'\n  location: 'global'\n}\n",
		"types.bicep":  "@export()\nvar v = 'private'\n",
		"tmpl.bicep":   "param p string\n",
	})
	dir := writeFiles(t, map[string]string{
		"main.bicep": `import { v } from 'types.bicep'
module m 'mod.bicep' = {
  name: 'm'
}
module d 'dir/mod.bicep' = {
  name: 'd'
}
module in 'inside.bicep' = {
  name: 'in'
}
output text string = loadTextContent('private.txt')
output json object = loadJsonContent('dir/private.json')
output b64 string = loadFileAsBase64('private.txt')
output inside string = loadTextContent('real/inside.txt')
`,
		"real/inside.txt":   "inside",
		"real/inside.bicep": "resource z 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  name: 'inside'\n  location: 'global'\n}\n",
		"app.bicepparam":    "using 'tmpl.bicep'\nparam p = 'x'\n",
	})
	for link, target := range map[string]string{
		"types.bicep":  filepath.Join(outside, "types.bicep"),
		"mod.bicep":    filepath.Join(outside, "mod.bicep"),
		"dir":          outside,
		"private.txt":  filepath.Join(outside, "private.txt"),
		"tmpl.bicep":   filepath.Join(outside, "tmpl.bicep"),
		"inside.bicep": filepath.Join(dir, "real", "inside.bicep"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	rs, ds := parseDir(t, dir, []string{"main.bicep", "app.bicepparam"})
	var got []string
	for _, d := range ds {
		if d.Severity != diag.Error {
			continue
		}
		if !strings.Contains(d.Detail, "symbolic link") {
			t.Errorf("unexpected error: %s", d.Error())
			continue
		}
		got = append(got, fmt.Sprintf("%s:%d %s", d.Subject.File, d.Subject.Start.Line, d.Summary))
	}
	want := []string{
		"app.bicepparam:1 Template outside the scanned directory",
		"main.bicep:1 Import outside the scanned directory",
		"main.bicep:2 Module outside the scanned directory",
		"main.bicep:5 Module outside the scanned directory",
		"main.bicep:11 File outside the scanned directory",
		"main.bicep:12 File outside the scanned directory",
		"main.bicep:13 File outside the scanned directory",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var names []string
	for _, r := range rs {
		names = append(names, r.Address)
	}
	if !slices.Equal(names, []string{"Microsoft.Resources/deployments/in/Microsoft.Network/privateDnsZones/inside"}) {
		t.Errorf("resources: %v", names)
	}
}
