package graph_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/terraform"
)

// TestSharedModuleNodes: a local module outside two root modules that both
// call it yields one node per root module, each with the rules its own
// caller gave it, not one node with the rules of both.
func TestSharedModuleNodes(t *testing.T) {
	root := t.TempDir()
	write := func(rel, src string) string {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	files := []string{write("modules/nsg/main.tf", `
variable "name" {}
variable "port" {}
resource "azurerm_network_security_group" "this" {
  name                = var.name
  location            = "westeurope"
  resource_group_name = "rg"
  security_rule {
    name                       = "deny-${var.port}"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = var.port
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
`)}
	for _, stack := range []struct{ dir, port string }{{"stacks/a", "443"}, {"stacks/b", "80"}} {
		files = append(files, write(stack.dir+"/main.tf", `
module "nsg" {
  source = "../../modules/nsg"
  name   = "nsg-`+filepath.Base(stack.dir)+`"
  port   = "`+stack.port+`"
}
`))
	}
	rs, ds := terraform.Parse(root, files, terraform.Options{})
	if ds.HasErrors() {
		t.Fatalf("diagnostics: %v", ds)
	}
	g := graph.Build(rs)
	validate(t, g)
	var nsgs []*graph.Node
	for _, id := range g.SortedIDs() {
		if n := g.Nodes[id]; n.Kind == graph.KindNSG {
			nsgs = append(nsgs, n)
		}
	}
	if len(nsgs) != 2 {
		t.Fatalf("%d NSG nodes, want one per root module: %v", len(nsgs), g.SortedIDs())
	}
	for i, want := range []struct{ id, name, port string }{
		{`nsg/modules/nsg/main.tf/module.nsg.azurerm_network_security_group.this@stacks/a`, "nsg-a", "443"},
		{`nsg/modules/nsg/main.tf/module.nsg.azurerm_network_security_group.this@stacks/b`, "nsg-b", "80"},
	} {
		n := nsgs[i]
		if n.ID != want.id || n.Name != want.name {
			t.Errorf("node %d: id %s name %s, want %s %s", i, n.ID, n.Name, want.id, want.name)
		}
		rules, _ := n.Attrs["rules"].([]any)
		if len(rules) != 1 {
			t.Fatalf("%s has %d rules, want 1: %v", n.ID, len(rules), rules)
		}
		rule, _ := rules[0].(map[string]any)
		if ports := fmt.Sprint(rule["ports"]); ports != "["+want.port+"]" {
			t.Errorf("%s: rule ports %v, want [%s]", n.ID, rule["ports"], want.port)
		}
	}
}
