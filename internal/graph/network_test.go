package graph_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const hub = `
resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "fw" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.0.0/26"]
}
resource "azurerm_subnet" "aks" {
  name                 = "aks"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.4.0/22"]
}
resource "azurerm_firewall_policy" "p" {
  name                = "policy"
  resource_group_name = "rg"
  dns {
    proxy_enabled = true
  }
}
resource "azurerm_firewall_policy_rule_collection_group" "acr" {
  name               = "acr"
  firewall_policy_id = azurerm_firewall_policy.p.id
  priority           = 200
  application_rule_collection {
    name     = "registry"
    priority = 100
    action   = "Allow"
    rule {
      name              = "acr"
      source_addresses  = ["10.0.4.0/22"]
      destination_fqdns = ["myacr.azurecr.io", "*.blob.core.windows.net"]
      protocols {
        type = "Https"
        port = 443
      }
    }
  }
  network_rule_collection {
    name     = "tags"
    priority = 110
    action   = "Allow"
    rule {
      name                  = "acr-tag"
      source_addresses      = ["*"]
      destination_addresses = ["AzureContainerRegistry.WestEurope", "10.1.0.0/16"]
      destination_ports     = ["443"]
      protocols             = ["TCP"]
    }
  }
}
resource "azurerm_firewall" "fw" {
  name                = "fw"
  resource_group_name = "rg"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.p.id
  ip_configuration {
    name      = "config"
    subnet_id = azurerm_subnet.fw.id
  }
}
resource "azurerm_route_table" "egress" {
  name                = "egress"
  resource_group_name = "rg"
  route {
    name                   = "default"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.fw.ip_configuration[0].private_ip_address
  }
}
resource "azurerm_route" "literal" {
  name                   = "literal"
  resource_group_name    = "rg"
  route_table_name       = azurerm_route_table.egress.name
  address_prefix         = "10.9.0.0/16"
  next_hop_type          = "VirtualAppliance"
  next_hop_in_ip_address = "10.0.0.4"
}
resource "azurerm_subnet_route_table_association" "aks" {
  subnet_id      = azurerm_subnet.aks.id
  route_table_id = azurerm_route_table.egress.id
}
resource "azurerm_network_security_group" "aks" {
  name                = "nsg-aks"
  resource_group_name = "rg"
  security_rule {
    name                       = "deny-internet"
    priority                   = 4000
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "Internet"
    destination_port_range     = "*"
  }
}
resource "azurerm_network_security_rule" "https" {
  name                         = "allow-acr"
  resource_group_name          = "rg"
  network_security_group_name  = azurerm_network_security_group.aks.name
  priority                     = 100
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_address_prefix        = "VirtualNetwork"
  destination_address_prefixes = ["AzureContainerRegistry", "10.1.0.4"]
  destination_port_ranges      = ["443", "8000-8080"]
}
resource "azurerm_subnet_network_security_group_association" "aks" {
  subnet_id                 = azurerm_subnet.aks.id
  network_security_group_id = azurerm_network_security_group.aks.id
}
`

func TestFirewallRoutesAndNSG(t *testing.T) {
	g := build(t, hub)
	fwID := "firewall/main.tf/azurerm_firewall.fw"
	fw := node(t, g, fwID)
	if fw.Attrs["private_ip"] != "10.0.0.4" || fw.Attrs["dns_proxy"] != true || fw.Attrs["subnet"] != "subnet/main.tf/azurerm_subnet.fw" {
		t.Errorf("firewall: %+v", fw.Attrs)
	}
	wantApp := []any{map[string]any{
		"collection": "registry", "priority": 100.0, "action": "Allow", "name": "acr",
		"source": []string{"10.0.4.0/22"}, "fqdns": []string{"myacr.azurecr.io", "*.blob.core.windows.net"}, "fqdn_tags": []string{},
	}}
	if diff := cmp.Diff(wantApp, fw.Attrs["application_rules"]); diff != "" {
		t.Errorf("application rules from the policy (-want +got):\n%s", diff)
	}
	net := fw.Attrs["network_rules"].([]any)[0].(map[string]any)
	if diff := cmp.Diff([]string{"AzureContainerRegistry.WestEurope"}, net["service_tags"]); diff != "" {
		t.Errorf("service tags (-want +got):\n%s", diff)
	}
	rt := node(t, g, "route_table/main.tf/azurerm_route_table.egress")
	routes := rt.Attrs["routes"].([]any)
	if len(routes) != 2 {
		t.Fatalf("routes: %v", routes)
	}
	for _, r := range routes {
		if r.(map[string]any)["next_hop"] != fwID {
			t.Errorf("route not resolved to the firewall (by reference and by literal address): %v", r)
		}
	}
	sn := node(t, g, "subnet/main.tf/azurerm_subnet.aks")
	if sn.Attrs["route_table"] != rt.ID || sn.Attrs["nsg"] != "nsg/main.tf/azurerm_network_security_group.aks" {
		t.Errorf("associations: %+v", sn.Attrs)
	}
	nsg := node(t, g, "nsg/main.tf/azurerm_network_security_group.aks")
	rules := nsg.Attrs["rules"].([]any)
	if len(rules) != 2 {
		t.Fatalf("rules: %v", rules)
	}
	allow := rules[1].(map[string]any)
	want := map[string]any{
		"name": "allow-acr", "priority": 100.0, "direction": "Outbound", "access": "Allow", "protocol": "Tcp",
		"source": []string{"VirtualNetwork"}, "destination": []string{"AzureContainerRegistry", "10.1.0.4"}, "ports": []string{"443", "8000-8080"},
	}
	if diff := cmp.Diff(want, allow); diff != "" {
		t.Errorf("folded rule (-want +got):\n%s", diff)
	}
}

func TestUnknownPolicyMakesRulesUnknown(t *testing.T) {
	g := build(t, `
variable "policy_id" { type = string }
resource "azurerm_firewall" "fw" {
  name               = "fw"
  firewall_policy_id = var.policy_id
}
resource "azurerm_firewall" "ext" {
  name               = "ext"
  firewall_policy_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/central"
}
`)
	for _, id := range []string{"firewall/main.tf/azurerm_firewall.fw", "firewall/main.tf/azurerm_firewall.ext"} {
		fw := node(t, g, id)
		for _, attr := range []string{"application_rules", "network_rules"} {
			if _, known := fw.Attrs[attr]; known || !slices.Contains(fw.Unknown, attr) {
				t.Errorf("%s: %s must be unknown with a policy outside the scan: %+v", id, attr, fw)
			}
		}
	}
}
