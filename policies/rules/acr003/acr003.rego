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

# Azure-provided DNS: every privatelink zone the client relies on must be
# linked to its VNet, unless the VNet is linked to another zone of that name.
report contains finding if {
	some reg_id, clients in acr.registry_clients
	some client in clients
	vnet := acr.vnets[client.vnet]
	acr.uses_azure_dns(vnet)
	zones := _client_zones(reg_id, client)
	every zone_id in zones {
		_checkable(acr.zones[zone_id])
	}
	not _may_resolve(client.vnet)
	some zone_id in zones
	zone := acr.zones[zone_id]
	finding := result.fail(rego.metadata.chain(), {
		"resource": zone_id,
		"attr": "linked_vnets",
		"message": sprintf(
			"private DNS zone %q is not linked to VNet %q, which resolves registry %q through Azure DNS for %s: add a virtual network link from the zone to the VNet",
			[zone.attrs.name, acr.display_name(vnet), acr.display_name(acr.registries[reg_id]), client.role],
		),
		"related": [
			{"resource": client.vnet, "message": "the VNet that must be linked"},
			{"resource": client.client, "attr": client.attr, "message": sprintf("%s resolves the registry from this VNet", [client.role])},
		],
	})
}

# Custom DNS servers: whether they forward to Azure DNS cannot be seen.
report contains finding if {
	some reg_id, clients in acr.registry_clients
	some vnet_id in {c.vnet | some c in clients}
	vnet := acr.vnets[vnet_id]
	acr.uses_custom_dns(vnet)
	zone := acr.privatelink_zone_for(acr.registries[reg_id])
	finding := result.fail(rego.metadata.chain(), {
		"resource": vnet_id,
		"attr": "dns_servers",
		"severity": "note",
		"message": sprintf(
			"VNet %q resolves through custom DNS servers %s: for registry %q to resolve to its private endpoint there, they must forward %s to Azure DNS (168.63.129.16) from a VNet linked to the zone, which cannot be checked statically",
			[acr.display_name(vnet), concat(", ", vnet.attrs.dns_servers), acr.display_name(acr.registries[reg_id]), zone],
		),
		"related": [{"resource": c.client, "attr": c.attr, "message": sprintf("%s resolves the registry from this VNet", [c.role])} |
			some c in clients
			c.vnet == vnet_id
		],
	})
}

# _client_zones is the set of privatelink zones a client relies on: those
# its private endpoints' zone groups name, and the privatelink zones holding
# records for the registry. Undefined when a zone group is unknown or names
# a zone defined outside the scan.
_client_zones(reg_id, client) := zones if {
	every pe_id in client.endpoints {
		pe := acr.private_endpoints[pe_id]
		not acr.is_unknown(pe, "dns_zones")
		every zone_id in pe.attrs.dns_zones {
			not acr.is_external(input.nodes[zone_id])
		}
	}
	group := {zone_id |
		some pe_id in client.endpoints
		some zone_id in acr.private_endpoints[pe_id].attrs.dns_zones
		acr.privatelink_zones[zone_id]
	}
	zones := group | _record_zones(acr.registries[reg_id])
}

_record_zones(reg) := {zone_id |
	some zone_id in acr.record_zones_for(acr.registry_fqdns(reg))
	acr.privatelink_zones[zone_id]
}

_checkable(zone) if {
	acr.known(zone, "name")
	acr.known(zone, "linked_vnets")
}

# _may_resolve holds for a VNet linked to a privatelink zone, or possibly
# linked to one (a zone whose links or name are unknown).
_may_resolve(vnet_id) if {
	some zone_id in object.get(acr.linked_zones, vnet_id, set())
	zone := acr.zones[zone_id]
	not _other_name(zone)
}

_may_resolve(_) if _links_unknown

_links_unknown if {
	some zone in acr.zones
	acr.is_unknown(zone, "linked_vnets")
	not _other_name(zone)
}

_other_name(zone) if {
	acr.known(zone, "name")
	not acr.is_privatelink_zone_name(zone.attrs.name)
}
