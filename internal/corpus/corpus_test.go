package corpus_test

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/terraform"
	"github.com/acrlint/acrlint/rego"
)

func generate(t *testing.T, opts corpus.Options) *corpus.Manifest {
	t.Helper()
	m, err := corpus.Generate(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestScanFindsInjectedMistakes scans a mixed corpus and expects, for
// every rule acrlint ships, exactly the findings the generator injected,
// each in the stack that carries the mistake, and no error diagnostics.
func TestScanFindsInjectedMistakes(t *testing.T) {
	m := generate(t, corpus.Options{Stacks: 20, Seed: 7})
	for _, id := range corpus.Mistakes {
		if m.Expected[id] != 2 {
			t.Fatalf("20 stacks should carry each mistake twice; %s: %d", id, m.Expected[id])
		}
	}
	for _, f := range corpus.Formats {
		if m.ByFormat[f].Stacks == 0 {
			t.Fatalf("no %s stack in the corpus", f)
		}
	}
	eng, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), eng, scan.Options{Paths: []string{m.Root}})
	if err != nil {
		t.Fatal(err)
	}
	stackOf := map[string]corpus.Stack{}
	for _, s := range m.Stacks {
		stackOf[s.Dir] = s
	}
	got := map[string]int{}
	for _, f := range res.Report.Findings {
		got[f.RuleID]++
		dir := strings.Join(strings.SplitN(f.File, "/", 3)[:2], "/")
		if s, ok := stackOf[dir]; !ok || s.Mistake != f.RuleID {
			t.Errorf("%s at %s:%d in a stack without that mistake (%+v): %s", f.RuleID, f.File, f.Line, s, f.Message)
		}
	}
	for _, rule := range res.Report.Rules {
		if got[rule.ID] != m.Expected[rule.ID] {
			t.Errorf("%s: %d findings, want %d", rule.ID, got[rule.ID], m.Expected[rule.ID])
		}
	}
	for _, d := range res.Report.Diagnostics {
		if d.Severity == diag.Error {
			t.Errorf("error diagnostic: %s:%d: %s", d.Subject.File, d.Subject.Start.Line, d.Message())
		}
	}
	if res.Report.Summary.Files == 0 || len(res.Graph.Nodes) == 0 {
		t.Fatalf("nothing scanned: %+v", res.Report.Summary)
	}
}

// TestResourceCounts checks the manifest's resource count against what the
// parsers read: it is the size the benchmarks and scale scripts report.
func TestResourceCounts(t *testing.T) {
	m := generate(t, corpus.Options{Stacks: 15, Seed: 3})
	count := func(rs []graph.Resource) int {
		n := 0
		for _, r := range rs {
			if !r.Existing && !r.Unexpanded && !strings.EqualFold(r.Type, "Microsoft.Resources/deployments") {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		format string
		match  func(string) bool
		parse  func(root string, files []string) ([]graph.Resource, diag.Diagnostics)
	}{
		{corpus.Terraform, terraform.IsFile, func(root string, files []string) ([]graph.Resource, diag.Diagnostics) {
			return terraform.Parse(root, files, terraform.Options{})
		}},
		{corpus.ARM, arm.IsCandidate, func(root string, files []string) ([]graph.Resource, diag.Diagnostics) {
			return arm.Parse(root, files, arm.Options{})
		}},
	} {
		files, err := scan.Files([]string{m.Root}, tc.match)
		if err != nil {
			t.Fatal(err)
		}
		rs, ds := tc.parse(m.Root, files)
		if ds.HasErrors() {
			t.Errorf("%s: %v", tc.format, ds)
		}
		if got, want := count(rs), m.ByFormat[tc.format].Resources; got != want {
			t.Errorf("%s: parsers read %d resources, the manifest says %d", tc.format, got, want)
		}
	}
}

// TestDeterministic: the same options write the same bytes.
func TestDeterministic(t *testing.T) {
	opts := corpus.Options{Stacks: 12, Seed: 42}
	a, b := generate(t, opts), generate(t, opts)
	if ha, hb := treeHash(t, a.Root), treeHash(t, b.Root); ha != hb {
		t.Fatal("two corpora with the same seed differ")
	}
	c := generate(t, corpus.Options{Stacks: 12, Seed: 43})
	if treeHash(t, a.Root) == treeHash(t, c.Root) {
		t.Fatal("two corpora with different seeds are the same")
	}
}

func treeHash(t *testing.T, root string) [32]byte {
	t.Helper()
	h := sha256.New()
	fsys := os.DirFS(root)
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		h.Write([]byte(path + "\x00"))
		h.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func TestOptions(t *testing.T) {
	m := generate(t, corpus.Options{Resources: 400, Seed: 1, Formats: []string{corpus.Terraform}})
	last := m.Stacks[len(m.Stacks)-1].Resources
	if m.Resources < 400 || m.Resources-last >= 400 {
		t.Errorf("asked for 400 resources, got %d in %d stacks", m.Resources, len(m.Stacks))
	}
	if m.ByFormat[corpus.ARM].Stacks != 0 {
		t.Errorf("a Terraform-only corpus has %d ARM stacks", m.ByFormat[corpus.ARM].Stacks)
	}
	clean := generate(t, corpus.Options{Stacks: 10, Seed: 1, MistakeEvery: -1})
	if len(clean.Expected) != 0 {
		t.Errorf("mistakes injected with MistakeEvery < 0: %v", clean.Expected)
	}
	if _, err := corpus.Generate(t.TempDir(), corpus.Options{Stacks: 1, Formats: []string{"bicep"}}); err == nil {
		t.Error("an unknown format is accepted")
	}
	if _, err := corpus.Generate(t.TempDir(), corpus.Options{}); err == nil {
		t.Error("no size is accepted")
	}
}
