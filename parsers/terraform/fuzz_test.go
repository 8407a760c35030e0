package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzEvaluate parses and evaluates arbitrary Terraform: it must never
// panic or hang. Every Terraform fixture of the repository seeds it, with
// the corpus in testdata/fuzz/FuzzEvaluate.
func FuzzEvaluate(f *testing.F) {
	_ = filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			if src, err := os.ReadFile(p); err == nil { //nolint:gosec // reads the repository's own fixtures
				f.Add(src)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, src []byte) {
		root := t.TempDir()
		p := filepath.Join(root, "main.tf")
		if err := os.WriteFile(p, src, 0o600); err != nil {
			t.Fatal(err)
		}
		rs, _ := Parse(root, []string{p}, Options{MaxInstances: 50, MaxTotalInstances: 200})
		for _, r := range rs {
			if r.Body == nil {
				t.Fatalf("resource %s without a body", r.Address)
			}
		}
	})
}
