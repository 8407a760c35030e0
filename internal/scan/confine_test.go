package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/acrlint/acrlint/internal/scan"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}

// Symbolic link loops do not hang the walk, and files linked from outside
// the scan root are reported, not read.
func TestSymlinks(t *testing.T) {
	outside := dir(t, map[string]string{"other.tf": registry, "hosts": "127.0.0.1 localhost\n"})
	root := dir(t, map[string]string{"main.tf": `resource "azurerm_container_registry" "ok" {
  name     = "acr2"
  location = "westeurope"
  sku      = "Premium"
}
`})
	if err := os.Mkdir(filepath.Join(root, "sub"), 0o750); err != nil {
		t.Fatal(err)
	}
	symlink(t, ".", filepath.Join(root, "loop"))
	symlink(t, "..", filepath.Join(root, "sub", "up"))
	symlink(t, outside, filepath.Join(root, "ext"))
	symlink(t, filepath.Join(outside, "other.tf"), filepath.Join(root, "linked.tf"))
	symlink(t, filepath.Join(outside, "hosts"), filepath.Join(root, "sub", "hosts.json"))
	symlink(t, filepath.Join(root, "nowhere.tf"), filepath.Join(root, "broken.tf"))
	inside := "resource \"azurerm_container_registry\" \"inside\" {\n  name = \"acr3\"\n  sku  = \"Premium\"\n}\n"
	if err := os.WriteFile(filepath.Join(root, "sub", "inside.txt"), []byte(inside), 0o600); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join("sub", "inside.txt"), filepath.Join(root, "inside.tf"))

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := scan.Run(ctx, engine(t), scan.Options{Paths: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Report.Diagnostics {
		got = append(got, d.Severity.String()+" "+d.Subject.File+" "+d.Summary)
	}
	want := []string{
		"error broken.tf Broken symbolic link",
		"error linked.tf File outside the scanned directory",
		"error sub/hosts.json File outside the scanned directory",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q", got, want)
	}
	// The registry outside the root (a Basic SKU with replicas) would be
	// an ACR014 finding; it must not be read. A link inside the root is
	// read like any file.
	for _, f := range res.Report.Findings {
		t.Errorf("finding from a file that must not be read: %+v", f)
	}
	var ids []string
	for id := range res.Graph.Nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if want := []string{"registry/inside.tf/azurerm_container_registry.inside", "registry/main.tf/azurerm_container_registry.ok"}; !slices.Equal(ids, want) {
		t.Errorf("nodes %q, want %q", ids, want)
	}
}
