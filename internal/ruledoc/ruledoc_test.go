package ruledoc_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/ruledoc"
	"github.com/acrlint/acrlint/rego"
)

var update = flag.Bool("update", false, "rewrite docs/rules")

// TestRuleDocsUpToDate fails when docs/rules/ACRnnn.md is not what the
// rule's METADATA renders to (go test ./internal/ruledoc -update).
func TestRuleDocsUpToDate(t *testing.T) {
	e, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "docs", "rules")
	want := map[string]bool{}
	for _, r := range e.Rules() {
		name := r.ID + ".md"
		want[name] = true
		got := ruledoc.Markdown(r)
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o600); err != nil {
				t.Fatal(err)
			}
			continue
		}
		have, err := os.ReadFile(path)
		if err != nil || string(have) != got {
			t.Errorf("%s is stale or missing; run go test ./internal/ruledoc -update", path)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("docs/rules/%s documents no rule", e.Name())
		}
	}
}

func TestSearch(t *testing.T) {
	e, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"dial tcp: lookup myregistry.azurecr.io: no such host":                          "ACR001",
		"Error response from daemon: Get https://x.azurecr.io/v2/: 403 Forbidden":       "",
		"Failed to save firewall and virtual network settings for container registry x": "ACR014",
	}
	for msg, id := range cases {
		ms := ruledoc.Search(e.Rules(), msg)
		if len(ms) == 0 {
			t.Errorf("%q matches no rule", msg)
			continue
		}
		if id == "" {
			continue
		}
		found := false
		for _, m := range ms {
			found = found || m.Rule.ID == id
		}
		if !found {
			t.Errorf("%q: want %s among the matches, got %v", msg, id, ms)
		}
	}
	if ms := ruledoc.Search(e.Rules(), "segmentation fault"); len(ms) != 0 {
		t.Errorf("an unrelated message matched %v", ms)
	}
}

func TestText(t *testing.T) {
	e, _, _ := rego.New(context.Background(), rego.Options{})
	for _, r := range e.Rules() {
		txt := ruledoc.Text(r)
		if !strings.Contains(txt, r.ID) || !strings.Contains(txt, "How to fix it") {
			t.Errorf("%s: %s", r.ID, txt)
		}
	}
}
