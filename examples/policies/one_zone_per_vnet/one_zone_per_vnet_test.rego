package acrlint.rules.one_zone_per_vnet_test

import data.acrlint.rules.one_zone_per_vnet

# The platform team's network and zone are in Terraform (platform/main.tf),
# an application team's zone in Bicep (apps/payments.bicep): one graph holds
# both, with node ids that name their file.
terraform(kind, address, name, attrs) := {
	"id": sprintf("%s/platform/main.tf/%s", [kind, address]),
	"kind": kind,
	"name": name,
	"external": false,
	"source": {"format": "terraform", "file": "platform/main.tf", "line": 10, "column": 1, "end_line": 20, "address": address},
	"attrs": object.union({"name": name}, attrs),
	"attr_lines": {"linked_vnets": 30},
	"unknown": [],
}

bicep(kind, symbol, name, attrs) := {
	"id": sprintf("%s/apps/payments.bicep/%s", [kind, symbol]),
	"kind": kind,
	"name": name,
	"external": false,
	"source": {"format": "bicep", "file": "apps/payments.bicep", "line": 5, "column": 1, "end_line": 9, "address": symbol},
	"attrs": object.union({"name": name}, attrs),
	"attr_lines": {"linked_vnets": 12},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

hub := terraform("vnet", "azurerm_virtual_network.hub", "vnet-hub", {"address_space": ["10.0.0.0/16"], "dns_servers": []})

spoke := terraform("vnet", "azurerm_virtual_network.payments", "vnet-payments", {"address_space": ["10.2.0.0/16"], "dns_servers": []})

platform_zone := terraform("private_dns_zone", "azurerm_private_dns_zone.acr", "privatelink.azurecr.io", {
	"records": {},
	"linked_vnets": [hub.id, spoke.id],
})

app_zone(name, linked) := bicep("private_dns_zone", "acrZone", name, {"records": {}, "linked_vnets": linked})

test_bicep_zone_linked_to_a_terraform_vnet if {
	findings := one_zone_per_vnet.report with input as graph([hub, spoke, platform_zone, app_zone("privatelink.azurecr.io", [spoke.id])])
	count(findings) == 1
	some f in findings
	f.rule_id == "ORG103"
	f.resource == "private_dns_zone/platform/main.tf/azurerm_private_dns_zone.acr"
	f.attr == "linked_vnets"
	f.message == `VNet "vnet-payments" is linked to zone "privatelink.azurecr.io" (apps/payments.bicep, bicep) and to zone "privatelink.azurecr.io" (platform/main.tf, terraform), whose namespaces overlap: Azure refuses the second link`
	f.related == [
		{"resource": "private_dns_zone/apps/payments.bicep/acrZone", "attr": "linked_vnets", "message": "the other zone linked to the VNet"},
		{"resource": spoke.id, "attr": "", "message": "the VNet"},
	]
}

test_parent_namespace if {
	findings := one_zone_per_vnet.report with input as graph([hub, spoke, platform_zone, app_zone("azurecr.io", [hub.id])])
	count(findings) == 1
	some f in findings
	contains(f.message, `VNet "vnet-hub" is linked to zone "azurecr.io"`)
}

test_child_namespace if {
	findings := one_zone_per_vnet.report with input as graph([hub, spoke, platform_zone, app_zone("westeurope.privatelink.azurecr.io", [hub.id])])
	count(findings) == 1
	some f in findings
	contains(f.message, `linked to zone "westeurope.privatelink.azurecr.io" (apps/payments.bicep, bicep) and to zone "privatelink.azurecr.io"`)
}

test_same_name_in_other_case if {
	count(one_zone_per_vnet.report) == 1 with input as graph([hub, spoke, platform_zone, app_zone("PrivateLink.AzureCR.io.", [hub.id])])
}

test_zone_linked_to_another_vnet if {
	other := bicep("vnet", "vnet", "vnet-payments-dev", {"address_space": ["10.3.0.0/16"], "dns_servers": []})
	count(one_zone_per_vnet.report) == 0 with input as graph([hub, spoke, other, platform_zone, app_zone("privatelink.azurecr.io", [other.id])])
}

test_other_namespaces if {
	count(one_zone_per_vnet.report) == 0 with input as graph([hub, spoke, platform_zone, app_zone("privatelink.blob.core.windows.net", [hub.id, spoke.id])])
}

test_unknown_zone_name if {
	zone := json.patch(app_zone("privatelink.azurecr.io", [spoke.id]), [
		{"op": "remove", "path": "/attrs/name"},
		{"op": "replace", "path": "/unknown", "value": ["name"]},
	])
	count(one_zone_per_vnet.report) == 0 with input as graph([hub, spoke, platform_zone, zone])
}
