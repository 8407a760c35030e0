package bicep

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// FuzzCompile compiles and evaluates arbitrary Bicep: whatever the input,
// no panic, and every diagnostic has a position in the file.
func FuzzCompile(f *testing.F) {
	seeds, _ := filepath.Glob("syntax/testdata/files/*.bicep")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("param xs array = range(0, 3)\nresource r 'A/b@1' = [for (x, i) in xs: if (x > 0) {\n name: '${x}-${i}'\n}]\noutput o array = [for x in xs: r[x].id]\n"))
	f.Add([]byte("var a = b\nvar b = a\noutput o string = a\n"))
	f.Add([]byte("func f(n int) int => f(n)\noutput o int = f(1)\n"))
	f.Add([]byte("module m './main.bicep' = { name: 'm' }\n"))
	f.Add([]byte("resource p 'A/b@1' = {\n name: 'p'\n resource c 'c' = {\n  name: 'c'\n  resource d 'd' = [for x in [1]: { name: '${x}' }]\n }\n}\noutput o string = p::c::d[0].id\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "main.bicep")
		file, ds := syntax.Parse("main.bicep", src)
		start := time.Now()
		watchdog := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("compiling and evaluating %q takes more than 5s", src)) })
		defer watchdog.Stop()
		p := newParser(dir, Options{MaxFileSize: 1 << 20, CacheRoot: dir})
		p.files[path] = &source{file: file, diags: ds}
		_, _, diags := arm.EvalModule(arm.Module{File: path, Root: dir, Scope: "main.bicep"},
			arm.Options{Compile: p.compile, Functions: functions, MaxCopy: 50})
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("compiling and evaluating %d bytes took %v", len(src), d)
		}
		for _, d := range append(diags, p.diags...) {
			if d.Subject.File != "main.bicep" && d.Subject.File != "" {
				t.Errorf("diagnostic on another file: %+v", d)
			}
		}
	})
}
