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

// TestStringLimitFlagTemplates: --max-string-length also bounds the
// strings ARM and Bicep template functions build (here doubled through
// variables to 256 characters): clean under the default, an error on the
// line of the variable that passes the limit, naming the flag, under a
// lower one.
func TestStringLimitFlagTemplates(t *testing.T) {
	arm := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {
    "s0": "xxxxxxxxxxxxxxxx",
    "s1": "[concat(variables('s0'), variables('s0'))]",
    "s2": "[concat(variables('s1'), variables('s1'))]",
    "s3": "[concat(variables('s2'), variables('s2'))]",
    "s4": "[concat(variables('s3'), variables('s3'))]"
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "[concat('acr', substring(variables('s4'), 0, 4))]",
      "location": "westeurope",
      "sku": {"name": "Premium"}
    }
  ]
}
`
	bicep := `var s0 = 'xxxxxxxxxxxxxxxx'
var s1 = '${s0}${s0}'
var s2 = '${s1}${s1}'
var s3 = '${s2}${s2}'
var s4 = '${s3}${s3}'
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${substring(s4, 0, 4)}'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
`
	for _, c := range []struct {
		file, src string
		line      int // of the variable that passes 100 characters
	}{
		{"azuredeploy.json", arm, 8},
		{"main.bicep", bicep, 4},
	} {
		t.Run(c.file, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.src), 0o600); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, "scan", "--format", "json", dir)
			if code != ExitOK || strings.Contains(stdout, `"severity": "error"`) {
				t.Fatalf("exit %d, want a clean scan:\n%s%s", code, stdout, stderr)
			}
			code, stdout, stderr = run(t, "scan", "--format", "json", "--max-string-length", "100", dir)
			if code != ExitError {
				t.Fatalf("exit %d, want %d:\n%s%s", code, ExitError, stdout, stderr)
			}
			var found bool
			for _, d := range decode(t, stdout).Diagnostics {
				if d.Severity == "error" && d.File == c.file && d.Line == c.line && strings.Contains(d.Message, "--max-string-length") {
					found = true
				}
			}
			if !found {
				t.Errorf("want an error at %s:%d naming --max-string-length:\n%s", c.file, c.line, stdout)
			}
		})
	}
}
