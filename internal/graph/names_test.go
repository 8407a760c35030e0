package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/graph"
)

// tfRes is a Terraform resource (a data source when existing) of root
// module scope with a body.
func tfRes(scope, typ, name string, existing bool, body map[string]graph.Value) graph.Resource {
	addr := typ + "." + name
	if existing {
		addr = "data." + addr
	}
	return graph.Resource{Format: "terraform", Scope: scope, Type: typ, Address: addr, Existing: existing,
		Range: diagRange(), Body: body}
}

// sameNames declares n of each: a registry "acr", an NSG "nsg" with a rule
// naming it, and a VNet with an inline subnet "default", each in its own
// resource group, and data sources naming the registry and the subnet.
func sameNames(n int) []graph.Resource {
	var rs []graph.Resource
	for i := range n {
		rg := fmt.Sprintf("rg-%d", i)
		rs = append(rs,
			tfRes(".", "azurerm_container_registry", fmt.Sprint("a", i), false, map[string]graph.Value{"name": "acr", "resource_group_name": rg, "sku": "Premium"}),
			tfRes(".", "azurerm_container_registry", fmt.Sprint("a", i), true, map[string]graph.Value{"name": "ACR", "resource_group_name": strings.ToUpper(rg)}),
			tfRes(".", "azurerm_network_security_group", fmt.Sprint("n", i), false, map[string]graph.Value{"name": "nsg", "resource_group_name": rg}),
			tfRes(".", "azurerm_network_security_rule", fmt.Sprint("r", i), false, map[string]graph.Value{
				"name": "allow", "network_security_group_name": "nsg", "resource_group_name": rg, "priority": 100.0,
				"direction": "Outbound", "access": "Allow", "protocol": "Tcp", "destination_port_range": "443"}),
			tfRes(".", "azurerm_virtual_network", fmt.Sprint("v", i), false, map[string]graph.Value{
				"name": fmt.Sprint("vnet-", i), "resource_group_name": rg, "subnet": []graph.Value{map[string]graph.Value{"name": "default"}}}),
			tfRes(".", "azurerm_subnet", fmt.Sprint("s", i), true, map[string]graph.Value{"name": fmt.Sprintf("vnet-%d/default", i), "resource_group_name": rg}),
		)
	}
	return rs
}

// TestSameNameLookupsReadMatchesOnly: looking up a node by name and
// resource group reads the nodes that may match, not every node of the
// name: n lookups among n nodes of one name are not n² reads.
func TestSameNameLookupsReadMatchesOnly(t *testing.T) {
	reads := func(n int) int {
		g, got := graph.BuildCountingNameReads(sameNames(n))
		for id, node := range g.Nodes {
			if node.External {
				t.Fatalf("%d: %s is external: each data source names the node of its group", n, id)
			}
			if node.Kind == graph.KindNSG && len(node.Attrs["rules"].([]any)) != 1 {
				t.Fatalf("%d: %s has rules %v, want the one naming it", n, id, node.Attrs["rules"])
			}
		}
		return got
	}
	small, large := reads(100), reads(400)
	if large > 5*small {
		t.Errorf("lookups by name read %d counts for 100 of each name, %d for 400: not linear", small, large)
	}
}

// TestSameNameLookups: a lookup by name matches names case-insensitively,
// resource groups as strings.EqualFold does (a node or a lookup without
// one matches any), prefers the nodes of its own scope, and takes a node
// only when it is the single match.
func TestSameNameLookups(t *testing.T) {
	reg := func(scope, name, rg string) graph.Resource {
		body := map[string]graph.Value{"name": name, "sku": "Premium"}
		if rg != "" {
			body["resource_group_name"] = rg
		}
		return tfRes(scope, "azurerm_container_registry", name+"_"+rg, false, body)
	}
	data := func(scope, addr, name, rg string) graph.Resource {
		body := map[string]graph.Value{"name": name}
		if rg != "" {
			body["resource_group_name"] = rg
		}
		return tfRes(scope, "azurerm_container_registry", addr, true, body)
	}
	rs := []graph.Resource{
		reg("a", "one", "RG-A"), reg("a", "one", "rg-b"),
		data("a", "case", "ONE", "rg-a"), // one match, names and groups in other cases
		data("a", "anyrg", "one", ""),    // two matches: no group says which
		data("a", "norg", "one", "rg-c"), // no match
		reg("a", "two", ""), reg("a", "two", "rg-c"),
		data("a", "ungrouped", "two", "rg-c"), // two matches: one in no group
		data("a", "ungrouped2", "two", "rg-d"),
		reg("a", "kelvin", "\u212Aube"), // KELVIN SIGN folds to k
		data("a", "kelvin", "kelvin", "kube"),
		reg("b", "three", "rg"),
		data("a", "otherscope", "three", "rg"), // only in another scope
		reg("a", "four", "rg"), reg("b", "four", "rg"),
		data("b", "ownscope", "four", "rg"), // its own scope's
		reg("a", "five", "rg-x"), reg("a", "five", "rg-y"),
		data("a", "ext", "five", ""),      // two matches: external, in no group
		data("a", "ext2", "five", "rg-x"), // one match besides that external node
	}
	vnet := func(addr, name, rg string) graph.Resource {
		return tfRes("a", "azurerm_virtual_network", addr, false, map[string]graph.Value{
			"name": name, "resource_group_name": rg, "subnet": []graph.Value{map[string]graph.Value{"name": "default"}}})
	}
	subnet := func(addr, name, rg string) graph.Resource {
		body := map[string]graph.Value{"name": name}
		if rg != "" {
			body["resource_group_name"] = rg
		}
		return tfRes("a", "azurerm_subnet", addr, true, body)
	}
	rs = append(rs, vnet("h1", "hub", "rg-1"), vnet("h2", "Hub", "rg-2"), vnet("s", "spoke", "rg-2"),
		subnet("grouped", "HUB/Default", "RG-2"), // the subnet of the VNet of that name in that group
		subnet("anyrg", "hub/default", ""),       // two VNets of that name
		subnet("novnet", "other/default", "rg-2"))
	g := graph.Build(rs)
	for addr, want := range map[string]bool{"grouped": true, "anyrg": false, "novnet": false} {
		external := false
		for _, n := range g.Nodes {
			external = external || n.Source.Address == "data.azurerm_subnet."+addr
		}
		if external == want {
			t.Errorf("data source subnet %s: aliased %v, want %v", addr, !external, want)
		}
	}
	aliased := map[string]bool{
		"case": true, "anyrg": false, "norg": false, "ungrouped": false, "ungrouped2": true,
		"kelvin": true, "otherscope": true, "ownscope": true, "ext": false, "ext2": true,
	}
	for addr, want := range aliased {
		external := false
		for _, n := range g.Nodes {
			external = external || n.Source.Address == "data.azurerm_container_registry."+addr
		}
		if external == want {
			t.Errorf("data source %s: aliased %v, want %v", addr, !external, want)
		}
	}
}
