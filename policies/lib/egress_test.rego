package acrlint.lib.egress_test

import data.acrlint.lib.egress

test_fqdn_covers if {
	egress.fqdn_covers("MyAcr.AzureCR.io.", "myacr.azurecr.io")
	egress.fqdn_covers("*", "myacr.azurecr.io")
	egress.fqdn_covers("*.azurecr.io", "myacr.westeurope.data.azurecr.io")
	egress.fqdn_covers("*.core.windows.net", "*.blob.core.windows.net")
	egress.fqdn_covers("*.blob.core.windows.net", "*.blob.core.windows.net")
	not egress.fqdn_covers("myacr.blob.core.windows.net", "*.blob.core.windows.net")
	not egress.fqdn_covers("*.data.azurecr.io", "myacr.azurecr.io")
	not egress.fqdn_covers("other.azurecr.io", "myacr.azurecr.io")
}

test_port_match if {
	egress.port_match(["443"]) == "yes"
	egress.port_match(["*"]) == "yes"
	egress.port_match(["80", "400-500"]) == "yes"
	egress.port_match(["80", "8443"]) == "no"
	egress.port_match(["444-500"]) == "no"
	egress.port_match([]) == "maybe"
	egress.port_match(["80", "${port}"]) == "maybe"
}

test_protocol_match if {
	egress.protocol_match("Tcp") == "yes"
	egress.protocol_match("*") == "yes"
	egress.protocol_match("Any") == "yes"
	egress.protocol_match("Udp") == "no"
	egress.protocol_match(null) == "maybe"
}

test_prefix_match if {
	egress.prefix_match("10.1.0.0/16", {"10.1.0.0/22"}) == "yes"
	egress.prefix_match("10.1.0.4", {"10.1.0.4/32"}) == "yes"
	egress.prefix_match("10.9.0.0/16", {"10.1.0.0/22"}) == "no"
	egress.prefix_match("10.1.0.0/23", {"10.1.0.0/22"}) == "maybe"
	egress.prefix_match("10.1.0.0/16", set()) == "maybe"
	egress.prefix_match("AzureCloud", {"10.1.0.0/22"}) == "maybe"
	egress.prefix_match("10.9.0.0/16", {"10.1.0.0/22", "VirtualNetwork"}) == "maybe"
}

test_tag_match if {
	egress.tag_match("AzureContainerRegistry", "azurecontainerregistry", {"westeurope"}) == "yes"
	egress.tag_match("AzureCloud", "azurecontainerregistry", {"westeurope"}) == "yes"
	egress.tag_match("AzureContainerRegistry.WestEurope", "azurecontainerregistry", {"westeurope"}) == "yes"
	egress.tag_match("AzureContainerRegistry.WestEurope", "azurecontainerregistry", {"westeurope", "eastus"}) == "maybe"
	egress.tag_match("AzureContainerRegistry.WestEurope", "azurecontainerregistry", set()) == "maybe"
	egress.tag_match("AzureContainerRegistry.EastUS", "azurecontainerregistry", {"westeurope"}) == "no"
	egress.tag_match("Storage", "azurecontainerregistry", {"westeurope"}) == "no"
}

test_is_private if {
	egress.is_private("10.0.0.0/16")
	egress.is_private("192.168.1.4")
	not egress.is_private("20.0.0.0/8")
	not egress.is_private("0.0.0.0/0")
	not egress.is_private("VirtualNetwork")
}

test_pull_needs if {
	reg := {"id": "r", "kind": "registry", "location": "westeurope", "external": false, "unknown": [], "attrs": {
		"login_server": "myacr.azurecr.cn", "data_endpoint_enabled": false, "replica_locations": ["chinanorth3"],
		"data_endpoints": ["myacr.chinaeast2.data.azurecr.cn", "myacr.chinanorth3.data.azurecr.cn"],
	}}
	{n.name | some n in egress.pull_needs(reg)} == {"myacr.azurecr.cn", "*.blob.core.chinacloudapi.cn"}
	egress.registry_regions(reg) == {"westeurope", "chinaeast2", "chinanorth3"}
	egress.registry_regions(json.patch(reg, [{"op": "remove", "path": "/attrs/replica_locations"}])) == set()
	dedicated := json.patch(reg, [{"op": "replace", "path": "/attrs/data_endpoint_enabled", "value": true}])
	{n.name | some n in egress.pull_needs(dedicated)} == {"myacr.azurecr.cn", "myacr.chinaeast2.data.azurecr.cn", "myacr.chinanorth3.data.azurecr.cn"}
}

nodes := {
	"spoke": {"id": "spoke", "kind": "vnet", "external": false, "unknown": [], "attrs": {"dns_servers": ["10.0.1.4"]}},
	"plain": {"id": "plain", "kind": "vnet", "external": false, "unknown": [], "attrs": {"dns_servers": []}},
	"custom": {"id": "custom", "kind": "vnet", "external": false, "unknown": [], "attrs": {"dns_servers": ["10.0.5.5"]}},
	"hub": {"id": "hub", "kind": "vnet", "external": false, "unknown": [], "attrs": {"dns_servers": []}},
	"fwsn": {"id": "fwsn", "kind": "subnet", "external": false, "unknown": [], "attrs": {"vnet": "hub", "address_prefixes": ["10.0.1.0/26"]}},
	"fw": {"id": "fw", "kind": "firewall", "external": false, "unknown": [], "attrs": {"subnet": "fwsn", "private_ip": "10.0.1.4", "dns_proxy": true}},
}

test_resolver if {
	egress.resolver("plain") == {"vnet": "plain", "via": ""} with input as {"nodes": nodes}
	egress.resolver("spoke") == {"vnet": "hub", "via": "fw"} with input as {"nodes": nodes}
	not egress.resolver("custom") with input as {"nodes": nodes}
	no_proxy := json.patch(nodes, [{"op": "replace", "path": "/fw/attrs/dns_proxy", "value": false}])
	not egress.resolver("spoke") with input as {"nodes": no_proxy}
}

test_firewall_routes if {
	g := {
		"s": {"id": "s", "kind": "subnet", "external": false, "unknown": [], "attrs": {"route_table": "rt"}},
		"rt": {"id": "rt", "kind": "route_table", "external": false, "unknown": [], "attrs": {"routes": [
			{"prefix": "0.0.0.0/0", "next_hop_type": "VirtualAppliance", "next_hop_ip": "10.0.1.4", "next_hop": "fw"},
			{"prefix": "10.0.0.0/8", "next_hop_type": "VirtualAppliance", "next_hop_ip": "10.0.1.4", "next_hop": "fw"},
			{"prefix": "AzureMonitor", "next_hop_type": "VirtualAppliance", "next_hop_ip": "10.0.1.4", "next_hop": "fw"},
		]}},
		"fw": {"id": "fw", "kind": "firewall", "external": false, "unknown": [], "attrs": {}},
	}
	egress.firewall_routes == {"s": {{"firewall": "fw", "route_table": "rt"}}} with input as {"nodes": g}
	bypass := json.patch(g, [{"op": "add", "path": "/rt/attrs/routes/-", "value": {"prefix": "AzureContainerRegistry", "next_hop_type": "Internet"}}])
	egress.firewall_routes == {} with input as {"nodes": bypass}
}
