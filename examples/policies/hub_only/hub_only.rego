# METADATA
# title: Registries are reached only from the hub VNet
# description: |
#   The platform team reaches every container registry through the hub
#   virtual network: private endpoints to a registry sit in a subnet of the
#   hub, virtual network rules admit only subnets of the hub, and no registry
#   leaves its public endpoint open to every address. A spoke that needs
#   images resolves the registry through the hub's private endpoint.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/architecture/networking/architecture/hub-spoke
#     description: Hub-spoke network topology in Azure
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
# custom:
#   id: ORG101
#   name: registry-hub-only
#   severity: error
#   symptoms:
#     - "403 Forbidden"
#   remediation: |
#     Move the registry's private endpoint to a subnet of the hub VNet, drop
#     virtual network rules for spoke subnets, and disable public network
#     access (or deny by default).
package acrlint.rules.hub_only

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

# hub_vnets are the names of the hub VNets. Edit this set for your network.
hub_vnets := {"vnet-hub"}

# A private endpoint to a registry in a subnet of a VNet that is not the hub.
report contains finding if {
	some reg_id, conns in acr.endpoint_connections
	some pe_id, _ in conns
	pe := acr.private_endpoints[pe_id]
	some vnet_id in acr.client_vnets(pe.attrs.subnet)
	not is_hub(vnet_id)
	finding := result.fail(rego.metadata.chain(), {
		"resource": pe_id,
		"attr": "subnet",
		"message": sprintf(
			"private endpoint %q to registry %q is in VNet %q, not in the hub (%s)",
			[acr.display_name(pe), acr.display_name(acr.registries[reg_id]), acr.display_name(acr.vnets[vnet_id]), acr.sorted_join(hub_vnets)],
		),
		"related": [
			{"resource": reg_id, "message": "the registry"},
			{"resource": vnet_id, "message": "the VNet of the endpoint"},
		],
	})
}

# A virtual network rule that admits a subnet of another VNet.
report contains finding if {
	some reg_id, reg in acr.registries
	acr.known(reg, "vnet_rules")
	some subnet_id in reg.attrs.vnet_rules
	some vnet_id in acr.client_vnets(subnet_id)
	not is_hub(vnet_id)
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "vnet_rules",
		"message": sprintf(
			"registry %q admits subnet %q of VNet %q, which is not the hub (%s)",
			[acr.display_name(reg), acr.display_name(acr.subnets[subnet_id]), acr.display_name(acr.vnets[vnet_id]), acr.sorted_join(hub_vnets)],
		),
		"related": [{"resource": subnet_id, "message": "the subnet the rule admits"}],
	})
}

# A public endpoint open to every address.
report contains finding if {
	some reg_id, reg in acr.registries
	access.public_access_enabled(reg)
	acr.known(reg, "default_action")
	lower(reg.attrs.default_action) == "allow"
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "public_network_access",
		"message": sprintf(
			"registry %q accepts connections from any address on its public endpoint: disable public network access so that it is reached only from the hub",
			[acr.display_name(reg)],
		),
	})
}

# is_hub holds for a VNet whose name is one of the hub names. A VNet whose
# name is unknown is taken to be the hub: no finding rests on an unknown.
is_hub(vnet_id) if acr.vnets[vnet_id].attrs.name in hub_vnets

is_hub(vnet_id) if not acr.known(acr.vnets[vnet_id], "name")
