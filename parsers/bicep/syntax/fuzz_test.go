package syntax

import (
	"testing"
	"time"
)

// FuzzParse parses arbitrary text: it must never panic or hang, every
// diagnostic must point inside the file, and the tree must hold no nil
// statement. The seed corpus in testdata/fuzz/FuzzParse runs in every go
// test.
func FuzzParse(f *testing.F) {
	f.Add([]byte("param location string = resourceGroup().location\n"))
	f.Add([]byte("resource r 'A/b@1' = [for (x, i) in xs: if (x) {\n name: '${x}-${i}'\n}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, name := range []string{"f.bicep", "f.bicepparam"} {
			start := time.Now()
			file, diags := Parse(name, src)
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("parsing %d bytes took %v", len(src), d)
			}
			if file == nil {
				t.Fatal("Parse returned no file")
			}
			lines := 1
			for i, c := range src {
				if c == '\n' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
					lines++
				}
			}
			for _, d := range diags {
				if d.Subject.Start.Line < 1 || d.Subject.Start.Line > lines+1 || d.Subject.Start.Column < 1 {
					t.Fatalf("diagnostic outside the file: %s", d.Error())
				}
			}
			for _, s := range file.Statements {
				if s == nil {
					t.Fatal("nil statement")
				}
				Inspect(s, func(n Node) bool {
					r := n.Range()
					if r.End.Offset < r.Start.Offset || r.End.Offset > len(src) {
						t.Fatalf("%T has range %v (%d-%d) outside the file", n, r, r.Start.Offset, r.End.Offset)
					}
					return true
				})
			}
			_ = file.String()
		}
	})
}
