package scan_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/rego"
)

// baseResources is the 1x size of the end-to-end benchmark; 16x is the
// 20,000-resource repository of the performance target.
const baseResources = 1250

// BenchmarkRun scans a mixed Terraform and ARM corpus end to end (files
// found, parsed, graph built, policies evaluated on it, findings placed)
// at 1x, 4x and 16x the base size, with the engine prepared once. With
// linear growth, ns/resource stays flat across sizes.
func BenchmarkRun(b *testing.B) {
	ctx := context.Background()
	eng, _, err := rego.New(ctx, rego.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, x := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("%dx", x), func(b *testing.B) {
			m, err := corpus.Generate(b.TempDir(), corpus.Options{Resources: x * baseResources, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(m.Bytes)
			b.ReportAllocs()
			for b.Loop() {
				res, err := scan.Run(ctx, eng, scan.Options{Paths: []string{m.Root}})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Report.Findings) == 0 {
					b.Fatal("no findings: the injected mistakes were missed")
				}
			}
			perOp := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(m.Resources)/perOp, "resources/s")
			b.ReportMetric(perOp*1e9/float64(m.Resources), "ns/resource")
			b.ReportMetric(float64(m.Resources), "resources")
		})
	}
}
