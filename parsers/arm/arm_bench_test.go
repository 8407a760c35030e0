package arm_test

import (
	"os"
	"testing"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/arm"
)

// BenchmarkParse reads and evaluates an ARM-only corpus of about 5000
// resources (subscription templates with linked templates into resource
// groups, parameters files, variable, property and resource copy loops):
// MB/s of JSON and resources/s.
func BenchmarkParse(b *testing.B) {
	m, err := corpus.Generate(b.TempDir(), corpus.Options{Resources: 5000, Seed: 1, Formats: []string{corpus.ARM}})
	if err != nil {
		b.Fatal(err)
	}
	files, err := scan.Files([]string{m.Root}, arm.IsCandidate)
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
		rs, ds := arm.Parse(m.Root, files, arm.Options{})
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		n = len(rs)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
	b.ReportMetric(float64(len(files)), "files")
}
