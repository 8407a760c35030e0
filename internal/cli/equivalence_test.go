package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBicepARMEquivalence scans designs written both in Bicep and as the
// ARM template Bicep compiles them to (testdata/equivalence/NAME/{bicep,arm})
// and requires the same graph: the same nodes with the same attributes
// and edges. Only where each node was read from (file, line, format) and
// the file names inside node ids may differ.
func TestBicepARMEquivalence(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/equivalence/*")
	if err != nil || len(dirs) < 3 {
		t.Fatalf("want at least three designs, got %d (%v)", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			bicep, arm := graphOf(t, filepath.Join(dir, "bicep")), graphOf(t, filepath.Join(dir, "arm"))
			if len(bicep) < 4 {
				t.Fatalf("the Bicep design yields %d nodes; the fixture is not being read", len(bicep))
			}
			if diff := cmp.Diff(arm, bicep); diff != "" {
				t.Errorf("graphs differ (-arm +bicep):\n%s", diff)
			}
		})
	}
}

// graphOf returns the nodes of `acrlint graph --format json DIR` without
// their source positions, with the names of the directory's files in node
// ids replaced by one placeholder. The graph must read without warnings.
func graphOf(t *testing.T, dir string) map[string]any {
	t.Helper()
	code, stdout, stderr := run(t, "graph", "--format", "json", dir)
	if code != ExitOK {
		t.Fatalf("graph %s: exit %d\n%s", dir, code, stderr)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// Longest first: main.bicepparam before main.bicep.
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	for _, n := range names {
		stdout = strings.ReplaceAll(stdout, n, "FILE")
	}
	var g struct {
		Diagnostics []struct {
			Severity, Summary, Detail string
		} `json:"diagnostics"`
		Nodes map[string]map[string]any `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(stdout), &g); err != nil {
		t.Fatalf("graph output is not JSON: %v", err)
	}
	for _, d := range g.Diagnostics {
		if d.Severity != "note" {
			t.Errorf("%s: %s: %s: %s", dir, d.Severity, d.Summary, d.Detail)
		}
	}
	out := map[string]any{}
	for id, n := range g.Nodes {
		delete(n, "source")
		delete(n, "attr_lines")
		out[id] = n
	}
	return out
}
