package scan

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/result"
)

// blockStarts and match find the innermost resource range or ARM block
// around a finding's line with an innermost index. These tests check them
// against a scan of every range and block, on random ranges nested as
// resources are, and overlapping as they are not.

// scanInnerRange is the innermost range around line by a scan: the
// greatest start past 0, or 0.
func scanInnerRange(ranges []diag.Range, line int) int {
	inner := 0
	for _, r := range ranges {
		if r.Start.Line <= line && line <= r.End.Line && r.Start.Line > inner {
			inner = r.Start.Line
		}
	}
	return inner
}

// scanInnerBlock is the innermost block around line by a scan: the one
// starting last, the last of those starting on one line, or -1.
func scanInnerBlock(blocks []armBlock, line int) int {
	inner := -1
	for i, b := range blocks {
		if b.start <= line && line <= b.end && (inner < 0 || b.start >= blocks[inner].start) {
			inner = i
		}
	}
	return inner
}

// randomSpans returns intervals of lines as a template's resources nest:
// each within its parent, some on one line, some on the same first line
// as their parent or a sibling (a minified template), some repeated (the
// copies of one resource); with overlapping, backwards or non-positive
// intervals too when overlap is set.
func randomSpans(r *rand.Rand, overlap bool) [][2]int {
	var out [][2]int
	var nest func(start, end, depth int)
	nest = func(start, end, depth int) {
		l := start
		for l <= end && depth < 5 && len(out) < 150 {
			s := l + r.IntN(3)
			if r.IntN(4) == 0 {
				s = start // on the parent's first line
			}
			e := s + r.IntN(max(1, (end-s)/2+1))
			if r.IntN(5) == 0 {
				e = s
			}
			if s > end || e > end {
				break
			}
			out = append(out, [2]int{s, e})
			if r.IntN(6) == 0 {
				out = append(out, [2]int{s, e})
			}
			nest(s, e, depth+1)
			l = e + 1 + r.IntN(2)
		}
	}
	nest(1, 20+r.IntN(200), 0)
	if overlap {
		for range r.IntN(20) {
			s := r.IntN(240) - 5
			out = append(out, [2]int{s, s + r.IntN(60) - 5})
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	if r.IntN(2) == 0 {
		// Outermost first, as armIgnores lists its blocks.
		slices.SortStableFunc(out, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	}
	return out
}

func TestInnermostAsScan(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12)) //nolint:gosec // a fixed seed, for reproducible tests
	for n := range 400 {
		spans := randomSpans(r, n%2 == 1)
		var ranges []diag.Range
		var blocks []armBlock
		for _, s := range spans {
			ranges = append(ranges, diag.Range{File: "main.json", Start: diag.Pos{Line: s[0]}, End: diag.Pos{Line: s[1]}})
			blocks = append(blocks, armBlock{start: s[0], end: s[1]})
		}
		rangeIdx := rangeIndex(ranges)
		blockIdx := newInnermost(len(blocks), func(i int) (int, int, bool) { return blocks[i].start, blocks[i].end, true })
		if len(blockIdx.from) > 2*len(spans) {
			t.Errorf("%d intervals indexed on %d lines; want at most %d", len(spans), len(blockIdx.from), 2*len(spans))
		}
		for line := -6; line <= 300; line++ {
			got := 0
			if i := rangeIdx.find(line); i >= 0 {
				got = ranges[i].Start.Line
			}
			if want := scanInnerRange(ranges, line); got != want {
				t.Fatalf("ranges %v, line %d: the innermost starts on line %d; the scan says %d", spans, line, got, want)
			}
			if got, want := blockIdx.find(line), scanInnerBlock(blocks, line); got != want {
				t.Fatalf("blocks %v, line %d: innermost %d; the scan says %d", spans, line, got, want)
			}
		}
	}
}

// TestBlockStartsAndMatchAsScan checks blockStarts and match, which use the
// index, against the same functions written with the scans.
func TestBlockStartsAndMatchAsScan(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14)) //nolint:gosec // a fixed seed, for reproducible tests
	for n := range 100 {
		spans := randomSpans(r, n%2 == 1)
		g := &graph.Graph{Nodes: map[string]*graph.Node{}}
		var ranges []diag.Range
		fi := newFileIgnores()
		for i, s := range spans {
			ranges = append(ranges, diag.Range{File: "main.json", Start: diag.Pos{Line: s[0]}, End: diag.Pos{Line: s[1]}})
			id := fmt.Sprint("r", i)
			g.Nodes[id] = &graph.Node{Source: graph.Source{File: "main.json", Line: s[0]}}
			sup := &suppression{file: "main.json", pos: diag.Pos{Line: s[0], Column: i + 1}, rules: []string{"ACR001"}, used: []bool{false}, arm: true}
			fi.blocks = append(fi.blocks, armBlock{start: s[0], end: s[1], ignores: []*suppression{sup}})
			fi.all = append(fi.all, sup)
		}
		fi.innerBlock = newInnermost(len(fi.blocks), func(i int) (int, int, bool) { return fi.blocks[i].start, fi.blocks[i].end, true })
		idx := rangeIndex(ranges)
		for line := 1; line <= 250; line++ {
			f := &result.Finding{File: "main.json", Line: line, Resource: fmt.Sprint("r", r.IntN(len(spans)+1))}
			starts := blockStarts(f, g, ranges, idx)
			var want []int
			if n, ok := g.Nodes[f.Resource]; ok && n.Source.Line > 0 {
				want = append(want, n.Source.Line)
			}
			if inner := scanInnerRange(ranges, line); inner > 0 && !slices.Contains(want, inner) {
				want = append(want, inner)
			}
			if diff := gocmp.Diff(want, starts); diff != "" {
				t.Fatalf("spans %v, line %d: blockStarts (-scan +got):\n%s", spans, line, diff)
			}
			var wantSups []*suppression
			if i := scanInnerBlock(fi.blocks, line); i >= 0 {
				wantSups = fi.blocks[i].ignores
			}
			if got := fi.match(line, starts); !slices.Equal(got, wantSups) {
				t.Fatalf("spans %v, line %d: match = %v; the scan finds %v", spans, line, got, wantSups)
			}
		}
	}
}
