package graph_test

import (
	"testing"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/terraform"
)

// parsedCorpus parses a mixed corpus of about n resources, written with
// seed.
func parsedCorpus(tb testing.TB, n int, seed uint64) []graph.Resource {
	tb.Helper()
	m, err := corpus.Generate(tb.TempDir(), corpus.Options{Resources: n, Seed: seed})
	if err != nil {
		tb.Fatal(err)
	}
	var out []graph.Resource
	tf, err := scan.Files([]string{m.Root}, terraform.IsFile)
	if err != nil {
		tb.Fatal(err)
	}
	rs, _ := terraform.Parse(m.Root, tf, terraform.Options{})
	out = append(out, rs...)
	js, err := scan.Files([]string{m.Root}, arm.IsCandidate)
	if err != nil {
		tb.Fatal(err)
	}
	rs, _ = arm.Parse(m.Root, js, arm.Options{})
	return append(out, rs...)
}

// BenchmarkBuild normalizes the parsed resources of a mixed corpus of
// about 5000 resources into the graph.
func BenchmarkBuild(b *testing.B) {
	rs := parsedCorpus(b, 5000, 1)
	b.ReportAllocs()
	var nodes int
	for b.Loop() {
		nodes = len(graph.Build(rs).Nodes)
	}
	b.ReportMetric(float64(len(rs))*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
	b.ReportMetric(float64(nodes), "nodes")
}

// BenchmarkInput builds the document policies read from the graph.
func BenchmarkInput(b *testing.B) {
	g := graph.Build(parsedCorpus(b, 5000, 1))
	b.ReportAllocs()
	for b.Loop() {
		_ = g.Input()
	}
	b.ReportMetric(float64(len(g.Nodes))*float64(b.N)/b.Elapsed().Seconds(), "nodes/s")
}
