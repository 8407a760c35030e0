package rego_test

import (
	"context"
	"testing"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/rego"
)

// BenchmarkNew compiles and prepares the shipped policies: the fixed cost
// of every acrlint run.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := rego.New(context.Background(), rego.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEval evaluates the prepared policies on the graph of a mixed
// corpus of about 5000 resources, the input built once: nodes/s.
func BenchmarkEval(b *testing.B) {
	ctx := context.Background()
	eng, _, err := rego.New(ctx, rego.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m, err := corpus.Generate(b.TempDir(), corpus.Options{Resources: 5000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	res, err := scan.Run(ctx, eng, scan.Options{Paths: []string{m.Root}})
	if err != nil {
		b.Fatal(err)
	}
	input := res.Graph.Input()
	nodes := len(res.Graph.Nodes)
	b.ReportAllocs()
	var findings int
	for b.Loop() {
		fs, err := eng.Eval(ctx, input)
		if err != nil {
			b.Fatal(err)
		}
		findings = len(fs)
	}
	b.ReportMetric(float64(nodes)*float64(b.N)/b.Elapsed().Seconds(), "nodes/s")
	b.ReportMetric(float64(m.Resources)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
	b.ReportMetric(float64(findings), "findings")
}
