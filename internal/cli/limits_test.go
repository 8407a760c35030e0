package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each limit has a flag: the same small input passes under the default and
// is stopped, with an error naming the flag, under a lower one; and a
// scan that exceeds --timeout stops with exit code 2.
func TestLimitFlags(t *testing.T) {
	dir := t.TempDir()
	src := `locals {
  name = join("", [for i in range(0, 50) : "acr"])
}
resource "azurerm_container_registry" "acr" {
  count               = 20
  name                = "${local.name}${count.index}"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		flags []string
		want  string // "" for a clean scan
	}{
		{nil, ""},
		{[]string{"--max-string-length", "100"}, "--max-string-length"},
		{[]string{"--max-instances", "10"}, "--max-instances"},
		{[]string{"--max-file-size", "100"}, "--max-file-size"},
		{[]string{"--timeout", "1ns"}, "deadline"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.flags, " "), func(t *testing.T) {
			args := append([]string{"scan", "--format", "json"}, c.flags...)
			code, stdout, stderr := run(t, append(args, dir)...)
			if c.want == "" {
				if code != ExitOK || strings.Contains(stdout, `"severity": "error"`) {
					t.Errorf("exit %d, want a clean scan:\n%s%s", code, stdout, stderr)
				}
				return
			}
			if code != ExitError || !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("exit %d, want %d and an error naming %s:\n%s%s", code, ExitError, c.want, stdout, stderr)
			}
		})
	}
}
