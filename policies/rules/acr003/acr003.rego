# METADATA
# title: Registry privatelink zone not linked to the client's VNet
# description: |
#   Names in a private DNS zone resolve only from the virtual networks linked
#   to it. A VNet that uses Azure-provided DNS must itself be linked to the
#   privatelink.azurecr.io zone that holds the registry's records: the
#   private endpoint's own VNet, and the VNets that clients of a restricted
#   registry pull from (AKS node pools, App Service apps pulling over their
#   VNet integration, container groups). Otherwise they resolve the
#   registry to its public address, which a locked registry refuses. A VNet
#   whose DNS server is an Azure Firewall with DNS proxy resolves through
#   the firewall, that is from the firewall's VNet, which must be linked
#   instead. A VNet with other custom DNS servers resolves through them:
#   they must forward privatelink.azurecr.io to Azure DNS (168.63.129.16)
#   from a linked VNet, which cannot be checked from the templates alone.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/dns/private-dns-virtual-network-links
#     description: What is a virtual network link?
#   - ref: https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns-integration
#     description: Azure private endpoint DNS integration
#   - ref: https://learn.microsoft.com/en-us/azure/firewall/dns-settings
#     description: Azure Firewall DNS settings (DNS proxy)
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
#     When the VNet's DNS server is an Azure Firewall's DNS proxy, link the
#     firewall's VNet.
#     For a VNet with custom DNS servers, make them forward
#     privatelink.azurecr.io to 168.63.129.16 from a VNet linked to the zone.
package acrlint.rules.acr003

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.egress
import data.acrlint.lib.result

# Azure-provided DNS, directly or through an Azure Firewall's DNS proxy:
# every privatelink zone the clients rely on must be linked to the VNet
# whose Azure DNS answers for them, unless it is linked to another zone of
# that name.
report contains finding if {
	some key, clients in _unlinked
	[reg_id, zone_id, vnet_id] := key
	zone := acr.zones[zone_id]
	finding := result.fail(rego.metadata.chain(), {
		"resource": zone_id,
		"attr": "linked_vnets",
		"message": sprintf(
			"private DNS zone %q is not linked to VNet %q, which resolves registry %q through Azure DNS for %s: add a virtual network link from the zone to the VNet",
			[
				zone.attrs.name, acr.display_name(acr.vnets[vnet_id]), acr.display_name(acr.registries[reg_id]),
				acr.sorted_join({_role(c) | some c in clients}),
			],
		),
		"related": array.concat(
			array.concat(
				[{"resource": vnet_id, "message": "the VNet that must be linked"}],
				[_proxy(via) | some via in sort({c.via | some c in clients; c.via != ""})],
			),
			[r | some [_, r] in sort({[x.resource, x] | some c in clients; x := _client_related(c)})],
		),
	})
}

# _unlinked groups the clients that resolve a registry through Azure DNS in
# a VNet linked to no privatelink zone, by registry, zone they rely on and
# VNet; each client carries the firewall whose DNS proxy it resolves
# through ("" for none).
# (Grouped from a set of pairs, as acr.record_index is: OPA adds each key of
# a partial rule keyed by an array at a cost that grows with the rule.)
_unlinked := {key: clients |
	some key in {k | some [k, _] in _unlinked_pairs}
	clients := {c | some [k, c] in _unlinked_pairs; k == key}
}

_unlinked_pairs contains [[reg_id, zone_id, res.vnet], object.union(client, {"via": res.via})] if {
	some reg_id, clients in acr.registry_clients
	some client in clients
	_relies(reg_id, client)
	res := egress.resolver(client.vnet)
	not acr.is_external(acr.vnets[res.vnet])
	zones := _client_zones(reg_id, client)
	every zone_id in zones {
		_checkable(acr.zones[zone_id])
	}
	not _may_resolve(res.vnet)
	some zone_id in zones
}

# A private endpoint relies on DNS in its own VNet; a client that pulls
# relies on it when the registry is restricted, since otherwise a pull
# over the public endpoint succeeds.
_relies(_, client) if input.nodes[client.client].kind == "private_endpoint"

_relies(reg_id, client) if {
	input.nodes[client.client].kind != "private_endpoint"
	access.restricted(acr.registries[reg_id])
}

_role(c) := c.role if c.via == ""

_role(c) := sprintf("%s (through the DNS proxy of firewall %q)", [c.role, acr.display_name(input.nodes[c.via])]) if c.via != ""

_proxy(via) := {"resource": via, "attr": "dns_proxy", "message": "forwards the DNS queries of the clients' VNets to Azure DNS in its own VNet"}

_client_related(c) := {"resource": c.client, "attr": c.attr, "message": sprintf("%s resolves the registry from this VNet", [c.role])} if c.via == ""

_client_related(c) := {
	"resource": c.client, "attr": c.attr,
	"message": sprintf("%s resolves the registry from VNet %q, whose DNS server is the firewall", [c.role, acr.display_name(acr.vnets[c.vnet])]),
} if c.via != ""

# Custom DNS servers other than a firewall's DNS proxy: whether they forward
# to Azure DNS cannot be seen.
report contains finding if {
	some reg_id, clients in acr.registry_clients
	some vnet_id in {c.vnet | some c in clients; _relies(reg_id, c)}
	vnet := acr.vnets[vnet_id]
	acr.uses_custom_dns(vnet)
	not egress.resolver(vnet_id)
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
			_relies(reg_id, c)
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
