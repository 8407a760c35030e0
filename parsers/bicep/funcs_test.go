package bicep

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/graph"
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
// template has its name checked against the names given before it in one
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

// funcNamesFiles declares functions whose names ARM, which compares them
// case-insensitively, could confuse: two that differ in case only, one
// with the fresh name the second of those is first offered (F_1), and
// two with names of the form an imported function takes (imported_g_3
// is the first g is offered).
var funcNamesFiles = map[string]string{
	"main.bicep": `
import { g } from 'shared.bicep'
func f(x string) string => 'lower ${x}'
func F_1() string => 'F one'
func F(x string) string => 'upper ${x}'
func imported_g_1() string => 'mine'
func imported_g_3() string => 'mine too'
output a string = f('a')
output b string = F('b')
output c string = g()
output d string = imported_g_1()
output e string = imported_g_3()
output f string = F_1()
`,
	"shared.bicep": `
@export()
func g() string => 'shared'
`,
}

// TestFuncNamesInTemplate checks which names the template's functions
// get: every function is emitted, under a name no other function of the
// template has in any case. A function of the file keeps its name unless
// one declared before it has it in another case; an imported function
// takes a fresh name that none has.
func TestFuncNamesInTemplate(t *testing.T) {
	c := compileMain(t, writeFiles(t, funcNamesFiles))
	var names []string
	for _, m := range c.funcs {
		names = append(names, m.Key)
	}
	if diff := cmp.Diff([]string{"imported_g_4", "f", "F_1", "F_2", "imported_g_1", "imported_g_3"}, names); diff != "" {
		t.Errorf("function names (-want +got):\n%s", diff)
	}
}

// TestFuncNamesEvaluated checks that each call runs the function it names
// once the template is evaluated, ARM comparing names case-insensitively.
func TestFuncNamesEvaluated(t *testing.T) {
	_, outs, ds := deploy(t, writeFiles(t, funcNamesFiles))
	noDiags(t, ds)
	want := map[string]graph.Value{"a": "lower a", "b": "upper b", "c": "shared", "d": "mine",
		"e": "mine too", "f": "F one"}
	if diff := cmp.Diff(want, outs); diff != "" {
		t.Errorf("outputs (-want +got):\n%s", diff)
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
