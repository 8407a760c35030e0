# METADATA
# title: A VNet is linked to one private DNS zone per namespace
# description: |
#   Azure refuses to link a virtual network to two private DNS zones whose
#   namespaces overlap: two privatelink.azurecr.io zones, or azurecr.io and
#   privatelink.azurecr.io. It happens when an application team declares its
#   own registry zone (in Bicep, say) and links it to a VNet the platform
#   team's zone (in Terraform) is already linked to: the second deployment
#   fails. The rule reads the one graph of every file scanned, whatever
#   their format.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/dns/private-dns-virtual-network-links
#     description: Virtual network links of private DNS zones
# custom:
#   id: ORG103
#   name: one-zone-per-vnet
#   severity: error
#   symptoms:
#     - "cannot be linked to multiple zones with overlapping namespaces"
#   remediation: |
#     Keep one privatelink.azurecr.io zone, owned by the platform, and have
#     every private endpoint's DNS zone group point at it instead of
#     declaring a zone of your own.
package acrlint.rules.one_zone_per_vnet

import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some vnet_id, zone_ids in acr.linked_zones
	some first_id in zone_ids
	some second_id in zone_ids
	first_id < second_id
	first := acr.zones[first_id]
	second := acr.zones[second_id]
	acr.known(first, "name")
	acr.known(second, "name")
	overlap(first.attrs.name, second.attrs.name)
	finding := result.fail(rego.metadata.chain(), {
		"resource": second_id,
		"attr": "linked_vnets",
		"message": sprintf(
			"VNet %q is linked to zone %q (%s) and to zone %q (%s), whose namespaces overlap: Azure refuses the second link",
			[acr.display_name(acr.vnets[vnet_id]), first.attrs.name, where(first), second.attrs.name, where(second)],
		),
		"related": [
			{"resource": first_id, "attr": "linked_vnets", "message": "the other zone linked to the VNet"},
			{"resource": vnet_id, "message": "the VNet"},
		],
	})
}

# overlap holds for the same name, or a name inside the other's namespace.
overlap(a, b) if acr.normalize_dns_name(a) == acr.normalize_dns_name(b)

overlap(a, b) if endswith(acr.normalize_dns_name(a), concat("", [".", acr.normalize_dns_name(b)]))

overlap(a, b) if endswith(acr.normalize_dns_name(b), concat("", [".", acr.normalize_dns_name(a)]))

# where names a node's file and source format: main.tf, terraform.
where(node) := sprintf("%s, %s", [node.source.file, node.source.format])
