package terraform_test

import (
	"os"
	"testing"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/terraform"
)

// BenchmarkParse reads and evaluates a Terraform-only corpus of about 5000
// resources (root modules, variables, locals, for_each, count, dynamic
// blocks and a shared local module): MB/s of .tf source and resources/s.
func BenchmarkParse(b *testing.B) {
	m, err := corpus.Generate(b.TempDir(), corpus.Options{Resources: 5000, Seed: 1, Formats: []string{corpus.Terraform}})
	if err != nil {
		b.Fatal(err)
	}
	files, err := scan.Files([]string{m.Root}, terraform.IsFile)
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		size += st.Size()
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		rs, ds := terraform.Parse(m.Root, files, terraform.Options{})
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		n = len(rs)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
	b.ReportMetric(float64(len(files)), "files")
}
