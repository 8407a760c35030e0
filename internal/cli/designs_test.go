package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDesignsScannedTogether: scanning a directory that holds several
// designs using the same resource names (examples/ holds a broken and a
// fixed copy of one design in two formats) reports exactly what scanning
// each design on its own reports: IDs resolve within their own deployment.
func TestDesignsScannedTogether(t *testing.T) {
	const root = "../../examples"
	findings := func(dir, prefix string) []string {
		_, stdout, _ := run(t, "scan", "--format", "json", "--fail-on", "note", dir)
		var out []string
		for _, f := range decode(t, stdout).Findings {
			out = append(out, fmt.Sprintf("%s %s:%d %s", f.RuleID, filepath.ToSlash(filepath.Join(prefix, f.File)), f.Line, f.Message))
		}
		slices.Sort(out)
		return out
	}
	var alone []string
	for _, d := range []string{"terraform/broken", "terraform/fixed", "bicep/broken", "bicep/fixed"} {
		alone = append(alone, findings(filepath.Join(root, d), d)...)
	}
	slices.Sort(alone)
	together := findings(root, "")
	if len(together) == 0 {
		t.Fatal("no findings in the examples")
	}
	if diff := cmp.Diff(alone, together); diff != "" {
		t.Errorf("findings differ (-each alone +together):\n%s", diff)
	}
}
