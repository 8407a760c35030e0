package arm

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzTemplate loads and evaluates arbitrary template text: it must never
// panic or hang, whatever the input. The seed corpus in
// testdata/fuzz/FuzzTemplate runs in every go test.
func FuzzTemplate(f *testing.F) {
	f.Add([]byte(`{` + schema + `, "resources": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		p := filepath.Join(root, "t.json")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rs, _ := Parse(root, []string{p}, Options{MaxCopy: 50})
		for _, r := range rs {
			if r.Body == nil {
				t.Fatalf("resource %s without a body", r.Address)
			}
		}
	})
}
