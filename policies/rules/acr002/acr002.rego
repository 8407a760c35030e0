# METADATA
# title: Registry private endpoint uses a wrongly named private DNS zone
# description: |
#   The CNAME that Azure publishes for a registry with a private endpoint
#   points at <registry>.privatelink.azurecr.io. Only a private DNS zone
#   named exactly privatelink.azurecr.io (privatelink.azurecr.cn in Azure
#   China, privatelink.azurecr.us in Azure US Government) answers for it. A
#   zone named azurecr.io, or with a typo, is never consulted for the
#   registry's names, or hides every other registry in the cloud from the
#   VNets linked to it.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns
#     description: Azure private endpoint DNS configuration
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
# custom:
#   id: ACR002
#   name: private-dns-zone-name
#   severity: error
#   symptoms:
#     - "dial tcp: lookup <registry>.azurecr.io: no such host"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "403 Forbidden"
#   remediation: |
#     Name the private DNS zone privatelink.azurecr.io (privatelink.azurecr.cn
#     or privatelink.azurecr.us in sovereign clouds) and point the private
#     endpoint's DNS zone group at it.
package acrlint.rules.acr002

import data.acrlint.lib.acr
import data.acrlint.lib.result

# _uses maps each wrongly named zone that a registry's private endpoint
# relies on to the registry and the endpoints: {zone: {registry: {pe}}}.

# A zone in a zone group of a registry's private endpoint. A zone group
# may name further zones for other services: a zone whose name has nothing
# of a registry's only counts when the group holds no privatelink zone.
_uses[zone_id][reg_id] contains pe_id if {
	some reg_id, conns in acr.endpoint_connections
	some pe_id, _ in conns
	group := acr.zone_group_zones(acr.private_endpoints[pe_id])
	some zone_id in group
	zone := acr.zones[zone_id]
	_wrong(zone)
	_meant_for_registry(zone.attrs.name, group)
}

# A zone holding A records for a registry that has a private endpoint.
_uses[zone_id][reg_id] contains pe_id if {
	some reg_id, conns in acr.endpoint_connections
	names := acr.registry_fqdns(acr.registries[reg_id])
	some zone_id in acr.record_zones_for(names)
	_wrong(acr.zones[zone_id])
	some pe_id, _ in conns
}

report contains finding if {
	some zone_id, regs in _uses
	some reg_id, pe_ids in regs
	zone := acr.zones[zone_id]
	expected := _expected(acr.registries[reg_id], zone.attrs.name)
	finding := result.fail(rego.metadata.chain(), {
		"resource": zone_id,
		"attr": "name",
		"message": sprintf(
			"private DNS zone %q serves registry %q through private endpoint %s, but a registry's names resolve only through a zone named %s: rename the zone to %s",
			[
				zone.attrs.name, acr.display_name(acr.registries[reg_id]),
				concat(", ", sort([sprintf("%q", [acr.display_name(acr.private_endpoints[pe_id])]) | some pe_id in pe_ids])),
				expected, expected,
			],
		),
		"related": [_related(pe_id, zone_id) | some pe_id in pe_ids],
	})
}

_wrong(zone) if {
	acr.known(zone, "name")
	not acr.is_privatelink_zone_name(zone.attrs.name)
}

_meant_for_registry(name, _) if contains(lower(name), "azurecr")

_meant_for_registry(_, group) if {
	every zone_id in group {
		zone := acr.zones[zone_id]
		acr.known(zone, "name")
		not acr.is_privatelink_zone_name(zone.attrs.name)
	}
}

_related(pe_id, zone_id) := {"resource": pe_id, "attr": "dns_zones", "message": "its DNS zone group names the zone"} if {
	zone_id in acr.zone_group_zones(acr.private_endpoints[pe_id])
} else := {"resource": pe_id, "message": "the registry's private endpoint"}

# The zone the registry's cloud needs: from its login server, else from the
# zone's own domain.
_expected(reg, _) := acr.privatelink_zone_for(reg) if {
	acr.known(reg, "login_server")
}

_expected(reg, name) := _zone_for_domain(name) if not acr.known(reg, "login_server")

_zone_for_domain(name) := "privatelink.azurecr.cn" if {
	endswith(lower(name), ".cn")
} else := "privatelink.azurecr.us" if {
	endswith(lower(name), ".us")
} else := "privatelink.azurecr.io"
