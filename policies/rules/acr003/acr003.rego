# METADATA
# title: Registry privatelink zone not linked to the client's VNet
# description: |
#   Names in a private DNS zone resolve only from the virtual networks linked
#   to it. A VNet that uses Azure-provided DNS must itself be linked to the
#   privatelink.azurecr.io zone that holds the registry's records, or its
#   clients resolve the registry to its public address, which a locked
#   registry refuses. A VNet with custom DNS servers resolves through them:
#   they must forward privatelink.azurecr.io to Azure DNS (168.63.129.16)
#   from a linked VNet, which cannot be checked from the templates alone.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/dns/private-dns-virtual-network-links
#     description: What is a virtual network link?
#   - ref: https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns-integration
#     description: Azure private endpoint DNS integration
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR003
#   name: private-dns-zone-vnet-link
#   severity: error
#   symptoms:
#     - "dial tcp: lookup <registry>.azurecr.io: no such host"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "403 Forbidden"
#     - "Could not connect to the registry login server"
#   remediation: |
#     Add a virtual network link from the privatelink.azurecr.io zone to the
#     VNet (azurerm_private_dns_zone_virtual_network_link in Terraform,
#     Microsoft.Network/privateDnsZones/virtualNetworkLinks in Bicep and ARM).
#     For a VNet with custom DNS servers, make them forward
#     privatelink.azurecr.io to 168.63.129.16 from a VNet linked to the zone.
package acrlint.rules.acr003

import data.acrlint.lib.acr
import data.acrlint.lib.result

# The zones a registry's private endpoint relies on: those of its zone
# groups, and the privatelink zones holding records for the registry.
_used_zones(reg_id, pe) := zones if {
	not acr.is_unknown(pe, "dns_zones")
	reg := acr.registries[reg_id]
	names := acr.registry_fqdns(reg)
	zones := acr.zone_group_zones(pe) | {z | some z in acr.record_zones_for(names); acr.privatelink_zones[z]}
}

_used_zones(reg_id, pe) := acr.zone_group_zones(pe) if {
	not acr.is_unknown(pe, "dns_zones")
	not acr.registry_fqdns(acr.registries[reg_id])
}

report contains finding if {
	some reg_id, _ in acr.endpoint_connections
	some pe_id in acr.endpoints_of(reg_id)
	pe := acr.private_endpoints[pe_id]
	some zone_id in _used_zones(reg_id, pe)
	zone := acr.zones[zone_id]
	acr.known(zone, "linked_vnets")
	acr.known(zone, "name")
	some vnet_id in acr.client_vnets(pe)
	vnet := input.nodes[vnet_id]
	acr.uses_azure_dns(vnet)
	not vnet_id in zone.attrs.linked_vnets
	finding := result.fail(rego.metadata.chain(), {
		"resource": zone_id,
		"attr": "linked_vnets",
		"message": sprintf(
			"private DNS zone %q is not linked to VNet %q, which resolves registry %q through Azure DNS for private endpoint %q: add a virtual network link from the zone to the VNet",
			[zone.attrs.name, _name(vnet_id), _name(reg_id), _name(pe_id)],
		),
		"related": [
			{"resource": vnet_id, "message": "the VNet that must be linked"},
			{"resource": pe_id, "attr": "subnet", "message": "the private endpoint"},
		],
	})
}

report contains finding if {
	some reg_id, _ in acr.endpoint_connections
	some pe_id in acr.endpoints_of(reg_id)
	pe := acr.private_endpoints[pe_id]
	some vnet_id in acr.client_vnets(pe)
	vnet := input.nodes[vnet_id]
	acr.uses_custom_dns(vnet)
	finding := result.fail(rego.metadata.chain(), {
		"resource": vnet_id,
		"attr": "dns_servers",
		"severity": "note",
		"message": sprintf(
			"VNet %q resolves through custom DNS servers %s; they must forward privatelink.azurecr.io to Azure DNS (168.63.129.16) from a VNet linked to the zone for registry %q to resolve to private endpoint %q, which acrlint cannot check",
			[_name(vnet_id), concat(", ", vnet.attrs.dns_servers), _name(reg_id), _name(pe_id)],
		),
		"related": [{"resource": pe_id, "attr": "subnet", "message": "the private endpoint"}],
	})
}

_name(id) := input.nodes[id].attrs.name

_name(id) := id if not input.nodes[id].attrs.name
