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

# A zone in a zone group of a registry's private endpoint.
report contains finding if {
	some reg_id, _ in acr.endpoint_connections
	some pe_id in acr.endpoints_of(reg_id)
	some zone_id in acr.zone_group_zones(acr.private_endpoints[pe_id])
	zone := acr.zones[zone_id]
	_wrong(zone)
	finding := _finding(zone_id, zone, pe_id, "in the DNS zone group of private endpoint")
}

# A zone holding A records for a registry that has a private endpoint.
report contains finding if {
	some reg_id, _ in acr.endpoint_connections
	reg := acr.registries[reg_id]
	names := acr.registry_fqdns(reg)
	some zone_id in acr.record_zones_for(names)
	zone := acr.zones[zone_id]
	_wrong(zone)
	some pe_id in acr.endpoints_of(reg_id)
	finding := _finding(zone_id, zone, pe_id, "holds records for the registry behind private endpoint")
}

_wrong(zone) if {
	acr.known(zone, "name")
	not zone.attrs.name in acr.privatelink_zone_names
}

_finding(zone_id, zone, pe_id, how) := result.fail(rego.metadata.chain(), {
	"resource": zone_id,
	"attr": "name",
	"message": sprintf(
		"private DNS zone %q %s %q, but registry names resolve only through a zone named %s: rename the zone",
		[zone.attrs.name, how, object.get(acr.private_endpoints[pe_id].attrs, "name", pe_id), _expected(zone.attrs.name)],
	),
	"related": [{"resource": pe_id, "attr": "dns_zones", "message": "the private endpoint"}],
})

_expected(name) := "privatelink.azurecr.cn" if endswith(name, ".cn")

_expected(name) := "privatelink.azurecr.us" if endswith(name, ".us")

_expected(name) := "privatelink.azurecr.io" if {
	not endswith(name, ".cn")
	not endswith(name, ".us")
}
