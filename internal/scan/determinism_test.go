package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/report"
	"github.com/acrlint/acrlint/rego"
)

// sortedFor are the source formats whose output still depends on the order
// of their files, which Run hands them sorted: the ARM parser reports a
// cycle of linked templates on the template of the cycle it reads first.
var sortedFor = map[string]bool{"ARM": true}

// shuffled returns opts with each source format handed its files in a
// random order, as a file system could list them.
func shuffled(opts Options, seed uint64) Options {
	rng := rand.New(rand.NewPCG(seed, 1)) //nolint:gosec // a reproducible shuffle, not a secret
	srcs := slices.Clone(opts.sources())
	for i := range srcs {
		if sortedFor[srcs[i].Name] {
			continue
		}
		parse, own := srcs[i].Parse, rng.Uint64()
		srcs[i].Parse = func(root string, files []string) ([]graph.Resource, diag.Diagnostics) {
			files = slices.Clone(files)
			r := rand.New(rand.NewPCG(own, 2)) //nolint:gosec // a reproducible shuffle, not a secret
			r.Shuffle(len(files), func(i, j int) { files[i], files[j] = files[j], files[i] })
			return parse(root, files)
		}
	}
	opts.Sources = srcs
	return opts
}

// render writes a report in the formats whose output must not vary, and
// the graph it was computed on.
func render(t *testing.T, res *Result) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, format := range []string{"json", "sarif"} {
		w, err := report.New(format, report.Options{ToolVersion: "test"})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := w.Write(&b, res.Report); err != nil {
			t.Fatal(err)
		}
		out[format] = b.Bytes()
	}
	// The graph policies read, with its map keys sorted by encoding/json.
	g, err := json.Marshal(res.Graph.Input())
	if err != nil {
		t.Fatal(err)
	}
	out["graph"] = g
	return out
}

// TestDeterministicWhateverTheOrder scans the fixtures with the files found
// in shuffled orders and with 1 to 8 parallel workers: JSON and SARIF must be byte-identical to a scan
// in the natural order.
func TestDeterministicWhateverTheOrder(t *testing.T) {
	eng, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../../testdata/rules", "../../testdata/invalid", "../../testdata/reference/terraform", "../../testdata/reference/bicep", "../../testdata/reference/arm"} {
		t.Run(dir, func(t *testing.T) {
			opts := Options{Paths: []string{dir}}
			base, err := Run(context.Background(), eng, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(base.Graph.Nodes) == 0 {
				t.Fatal("the fixtures yield nothing to compare")
			}
			want := render(t, base)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
			for i, workers := range []int{1, 2, 3, 8} {
				runtime.GOMAXPROCS(workers)
				res, err := Run(context.Background(), eng, shuffled(opts, uint64(i)+1))
				if err != nil {
					t.Fatal(err)
				}
				for format, got := range render(t, res) {
					if !bytes.Equal(got, want[format]) {
						t.Errorf("%s differs with shuffled input %d and %d workers:\n%s", format, i+1, workers, firstDiff(want[format], got))
					}
				}
			}
		})
	}
}

// firstDiff shows where two outputs part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("at byte %d\nwant: %s\n got: %s", i, a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}
