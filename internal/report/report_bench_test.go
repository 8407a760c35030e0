package report_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/report"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/rego"
)

// BenchmarkWrite renders the report of a mixed corpus of about 5000
// resources with a mistake in every other stack, in each format: MB/s of
// output and findings/s.
func BenchmarkWrite(b *testing.B) {
	ctx := context.Background()
	eng, _, err := rego.New(ctx, rego.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := corpus.Generate(b.TempDir(), corpus.Options{Resources: 5000, Seed: 1, MistakeEvery: len(corpus.Mistakes) * 2})
	if err != nil {
		b.Fatal(err)
	}
	res, err := scan.Run(ctx, eng, scan.Options{Paths: []string{m.Root}})
	if err != nil {
		b.Fatal(err)
	}
	rep := res.Report
	for _, format := range report.Formats() {
		b.Run(format, func(b *testing.B) {
			w, err := report.New(format, report.Options{ToolVersion: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if err := w.Write(&buf, rep); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := w.Write(&buf, rep); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(rep.Findings))*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
		})
	}
}
