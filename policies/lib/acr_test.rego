package acrlint.lib.acr_test

import data.acrlint.lib.acr

test_covered_fqdn_drops_the_privatelink_label if {
	acr.covered_fqdn("myacr", "privatelink.azurecr.io") == "myacr.azurecr.io"
	acr.covered_fqdn("myacr.westeurope.data", "privatelink.azurecr.io") == "myacr.westeurope.data.azurecr.io"
	acr.covered_fqdn("MyAcr", "Privatelink.AzureCR.io.") == "myacr.azurecr.io"
	acr.covered_fqdn("myacr", "azurecr.io") == "myacr.azurecr.io"
	acr.covered_fqdn("@", "privatelink.azurecr.us") == "azurecr.us"
}

test_registry_fqdns if {
	reg := {
		"id": "r", "kind": "registry", "external": false, "unknown": [],
		"attrs": {"login_server": "MyAcr.azurecr.io", "data_endpoints": ["myacr.westeurope.data.azurecr.io", "myacr.eastus.data.azurecr.io"]},
	}
	acr.registry_fqdns(reg) == {"myacr.azurecr.io", "myacr.westeurope.data.azurecr.io", "myacr.eastus.data.azurecr.io"}
}

test_registry_fqdns_undefined_when_unknown if {
	reg := {"id": "r", "kind": "registry", "external": false, "unknown": ["data_endpoints"], "attrs": {"login_server": "myacr.azurecr.io"}}
	not acr.registry_fqdns(reg)
}

test_privatelink_zone_for if {
	acr.privatelink_zone_for({"attrs": {"login_server": "myacr.azurecr.cn"}}) == "privatelink.azurecr.cn"
	acr.privatelink_zone_for({"attrs": {"login_server": "myacr.azurecr.io"}}) == "privatelink.azurecr.io"
	acr.privatelink_zone_for({"attrs": {}}) == "privatelink.azurecr.io"
}

test_display_name if {
	acr.display_name({"id": "a", "name": "top", "attrs": {"name": "attr"}}) == "top"
	acr.display_name({"id": "a", "attrs": {"name": "attr"}}) == "attr"
	acr.display_name({"id": "a", "attrs": {}}) == "a"
}

test_indexes if {
	nodes := {
		"r": {"id": "r", "kind": "registry", "external": false, "attrs": {}, "unknown": []},
		"z1": {"id": "z1", "kind": "private_dns_zone", "external": false, "attrs": {"name": "privatelink.azurecr.io", "records": {"myacr": []}, "linked_vnets": ["v"]}, "unknown": []},
		"z2": {"id": "z2", "kind": "private_dns_zone", "external": false, "attrs": {"name": "azurecr.io", "records": {"myacr": []}, "linked_vnets": []}, "unknown": []},
		"z3": {"id": "z3", "kind": "private_dns_zone", "external": false, "attrs": {"name": "privatelink.azurecr.io"}, "unknown": ["records"]},
	}
	acr.record_zones_for({"myacr.azurecr.io"}) == {"z1", "z2"} with input as {"nodes": nodes}
	acr.linked_zones == {"v": {"z1"}} with input as {"nodes": nodes}
	object.keys(acr.nodes_of_kind("private_dns_zone")) == {"z1", "z2", "z3"} with input as {"nodes": nodes}
	object.keys(acr.privatelink_zones) == {"z1", "z3"} with input as {"nodes": nodes}
}

test_registry_clients_of_a_private_endpoint if {
	nodes := {
		"r": {"id": "r", "kind": "registry", "external": false, "attrs": {}, "unknown": []},
		"pe": {"id": "pe", "kind": "private_endpoint", "name": "pe-acr", "external": false, "attrs": {"subnet": "s", "connections": [{"resource": "r", "group_ids": ["registry"]}], "dns_zones": []}, "unknown": []},
		"s": {"id": "s", "kind": "subnet", "external": false, "attrs": {"vnet": "v"}, "unknown": []},
		"v": {"id": "v", "kind": "vnet", "external": false, "attrs": {"dns_servers": []}, "unknown": []},
	}
	acr.registry_clients == {"r": {{"client": "pe", "attr": "subnet", "vnet": "v", "role": `private endpoint "pe-acr"`, "endpoints": {"pe"}}}} with input as {"nodes": nodes}
}

test_dns_servers if {
	acr.uses_azure_dns({"external": false, "attrs": {"dns_servers": []}, "unknown": []})
	acr.uses_azure_dns({"external": false, "attrs": {"dns_servers": ["168.63.129.16"]}, "unknown": []})
	acr.uses_custom_dns({"external": false, "attrs": {"dns_servers": ["10.0.0.4"]}, "unknown": []})
	not acr.uses_azure_dns({"external": false, "attrs": {}, "unknown": ["dns_servers"]})
	not acr.uses_custom_dns({"external": false, "attrs": {}, "unknown": ["dns_servers"]})
}
