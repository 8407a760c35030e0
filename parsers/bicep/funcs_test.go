package bicep

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// compileMain compiles main.bicep of a directory and returns the
// compiler, for what the template does not show.
func compileMain(t testing.TB, dir string) *compiler {
	t.Helper()
	p := newParser(dir, Options{MaxFileSize: 1 << 24, CacheRoot: filepath.Join(dir, ".bicep-cache")})
	path := filepath.Join(dir, "main.bicep")
	f := p.parse(path)
	if f == nil {
		t.Fatal(p.diags)
	}
	c := newCompiler(p, path, f)
	c.template()
	return c
}

// TestFuncNamesCheckedOnce checks that each function emitted into the
// template is checked against the names emitted before it in one
// lookup, not against each of them.
func TestFuncNamesCheckedOnce(t *testing.T) {
	for _, n := range []int{100, 2000} {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "func f%d(x string) string => '${x}-%d'\n", i, i)
		}
		c := compileMain(t, writeFiles(t, map[string]string{"main.bicep": b.String()}))
		if len(c.funcs) != n || c.nameChecks > n {
			t.Errorf("%d functions: %d emitted, %d name checks", n, len(c.funcs), c.nameChecks)
		}
	}
}

// TestFuncNamesInTemplate checks which names the template's functions
// get: names differing in case are different functions, and a function
// of the file whose name an imported one already took is left out.
func TestFuncNamesInTemplate(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.bicep": `
import { g } from 'shared.bicep'
func f(x string) string => 'lower ${x}'
func F(x string) string => 'upper ${x}'
func imported_g_1() string => 'mine'
output a string = f('a')
output b string = F('b')
output c string = g()
`,
		"shared.bicep": `
@export()
func g() string => 'shared'
`,
	})
	c := compileMain(t, dir)
	var names []string
	for _, m := range c.funcs {
		names = append(names, m.Key)
	}
	if diff := cmp.Diff([]string{"imported_g_1", "f", "F"}, names); diff != "" {
		t.Errorf("function names (-want +got):\n%s", diff)
	}
}

// BenchmarkCompileFuncs compiles a file of n functions.
func BenchmarkCompileFuncs(b *testing.B) {
	for _, n := range []int{1000, 16000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var src strings.Builder
			for i := range n {
				fmt.Fprintf(&src, "func f%d(x string) string => '${x}-%d'\n", i, i)
			}
			dir := b.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.bicep"), []byte(src.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				compileMain(b, dir)
			}
		})
	}
}
