# METADATA
# title: Private endpoint without DNS records for every registry endpoint
# description: |
#   A registry reached through a private endpoint is resolved to the
#   endpoint's private addresses through the privatelink.azurecr.io zone. A
#   client needs a record for the login server <registry>.azurecr.io and for
#   the data endpoint of every region, <registry>.<region>.data.azurecr.io,
#   one for the home region and one for each geo-replica: traffic through a
#   private endpoint always uses the regional data endpoints. A name without
#   a record resolves to the public address, which a locked registry refuses,
#   or does not resolve at all. A private DNS zone group on the endpoint
#   creates every record; otherwise explicit A records must cover each name.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
#   - ref: https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-dns
#     description: Azure private endpoint DNS configuration
# custom:
#   id: ACR001
#   name: private-endpoint-dns-records
#   severity: error
#   symptoms:
#     - "dial tcp: lookup <registry>.azurecr.io: no such host"
#     - "dial tcp: lookup <registry>.<region>.data.azurecr.io: no such host"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "403 Forbidden"
#   remediation: |
#     Add a private DNS zone group to the private endpoint that points at the
#     privatelink.azurecr.io zone, so that Azure creates a record for every
#     registry name. Or add an A record in that zone for the login server
#     (<registry>) and for each region's data endpoint
#     (<registry>.<region>.data), home region and every replica, each with
#     the endpoint's private address for that name.
package acrlint.rules.acr001

import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some reg_id, conns in acr.endpoint_connections
	some pe_id, _ in conns
	reg := acr.registries[reg_id]

	not _has_zone_group(reg_id)
	not _records_unknown
	not _other_endpoint_may_have_dns

	needed := acr.registry_fqdns(reg)
	covered := {fqdn |
		some fqdn in needed
		some zone_id in acr.record_zones_for({fqdn})
		acr.privatelink_zones[zone_id]
	}
	missing := needed - covered
	count(missing) > 0

	finding := result.fail(rego.metadata.chain(), {
		"resource": pe_id,
		"attr": "dns_zones",
		"message": sprintf(
			"registry %q is reached through private endpoint %q but %s no private DNS record: add a private DNS zone group for %s to the endpoint, or A records for every name",
			[
				acr.display_name(reg), acr.display_name(acr.private_endpoints[pe_id]),
				_names(missing), acr.privatelink_zone_for(reg),
			],
		),
		"related": array.concat(
			[{"resource": reg_id, "attr": "name", "message": "the registry"}],
			[_partial(zone_id, needed) |
				some zone_id in acr.record_zones_for(needed)
				acr.privatelink_zones[zone_id]
			],
		),
	})
}

_names(missing) := sprintf("%s has", [acr.sorted_join(missing)]) if count(missing) == 1

_names(missing) := sprintf("%s have", [acr.sorted_join(missing)]) if count(missing) > 1

# _partial points at a privatelink zone that holds some of the registry's
# records.
_partial(zone_id, needed) := {
	"resource": zone_id,
	"attr": "records",
	"message": sprintf("holds records for %s only", [acr.sorted_join(held)]),
} if {
	held := {fqdn |
		some fqdn in needed
		zone_id in object.get(acr.record_index, fqdn, set())
	}
}

# A zone group on any endpoint of the registry makes Azure create every
# record (in whichever zone it names: a wrong zone is ACR002's finding).
# Unknown zone groups count as present: nothing can be said.
_has_zone_group(reg_id) if {
	some pe_id in acr.endpoints_of(reg_id)
	pe := acr.private_endpoints[pe_id]
	count(pe.attrs.dns_zones) > 0
}

_has_zone_group(reg_id) if {
	some pe_id in acr.endpoints_of(reg_id)
	acr.is_unknown(acr.private_endpoints[pe_id], "dns_zones")
}

# Records are unknown when a zone's records or name are, or when a
# privatelink zone is defined outside the scan.
_records_unknown if {
	some zone in acr.zones
	acr.is_privatelink_zone_name(object.get(zone, "name", ""))
	acr.is_external(zone)
}

_records_unknown if {
	some zone in acr.zones
	acr.is_unknown(zone, "records")
}

_records_unknown if {
	some zone in acr.zones
	acr.is_unknown(zone, "name")
}

# A private endpoint whose target cannot be resolved may be another endpoint
# of the registry: when it has a zone group (or one that is unknown), the
# records may well exist.
_other_endpoint_may_have_dns if {
	some pe in acr.private_endpoints
	_unresolved_target(pe)
	_may_have_zone_group(pe)
}

_unresolved_target(pe) if acr.is_unknown(pe, "connections")

_unresolved_target(pe) if {
	some conn in pe.attrs.connections
	not "resource" in object.keys(conn)
}

_may_have_zone_group(pe) if acr.is_unknown(pe, "dns_zones")

_may_have_zone_group(pe) if count(pe.attrs.dns_zones) > 0
