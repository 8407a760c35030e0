# METADATA
# title: Registry network feature needs the Premium SKU
# description: |
#   Private endpoints, network rules (a Deny default action, IP rules or
#   virtual network rules), dedicated data endpoints and geo-replication are
#   features of the Premium service tier. On a Basic or Standard registry the
#   deployment is rejected, or the setting is refused when it is applied.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-skus
#     description: Azure Container Registry service tiers
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-geo-replication
#     description: Geo-replication in Azure Container Registry
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-dedicated-data-endpoints
#     description: Mitigate data exfiltration with dedicated data endpoints
# custom:
#   id: ACR014
#   name: premium-sku-required
#   severity: error
#   symptoms:
#     - "Failed to save firewall and virtual network settings for container registry"
#     - "The operation is not supported for the SKU of the registry"
#   remediation: |
#     Set the registry's SKU to Premium, or remove the private endpoints,
#     network rules, dedicated data endpoints and replicas it uses.
package acrlint.rules.acr014

import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some reg_id, reg in acr.registries
	acr.known(reg, "sku")
	lower(reg.attrs.sku) != "premium"
	features := sort(_features[reg_id])
	count(features) > 0
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "sku",
		"message": sprintf(
			"registry %q has SKU %s but uses %s, which %s the Premium SKU: set the SKU to Premium",
			[acr.display_name(reg), reg.attrs.sku, _join([f[1] | some f in features]), _need(features)],
		),
		"related": array.concat(
			[{"resource": reg_id, "attr": f[2], "message": sprintf("uses %s", [f[1]])} |
				some f in features
				f[2] != ""
			],
			[{"resource": pe_id, "attr": "connections", "message": "a private endpoint to the registry"} |
				some pe_id in acr.endpoints_of(reg_id)
			],
		),
	})
}

# _features lists what the registry uses that needs Premium, each as
# [order, words, attribute of the registry]. Unknown values count as unused.
_features[reg_id] contains [1, "a private endpoint", ""] if {
	some reg_id, _ in acr.registries
	count(acr.endpoints_of(reg_id)) > 0
}

_features[reg_id] contains [2, "a network rule set with default action Deny", "default_action"] if {
	some reg_id, reg in acr.registries
	acr.known(reg, "default_action")
	lower(reg.attrs.default_action) == "deny"
}

_features[reg_id] contains [3, "IP rules", "ip_rules"] if {
	some reg_id, reg in acr.registries
	_non_empty(reg, "ip_rules")
}

_features[reg_id] contains [4, "virtual network rules", "vnet_rules"] if {
	some reg_id, reg in acr.registries
	_non_empty(reg, "vnet_rules")
}

_features[reg_id] contains [5, "dedicated data endpoints", "data_endpoint_enabled"] if {
	some reg_id, reg in acr.registries
	acr.known(reg, "data_endpoint_enabled")
	reg.attrs.data_endpoint_enabled == true
}

_features[reg_id] contains [6, sprintf("geo-replication (%s)", [concat(", ", reg.attrs.replica_locations)]), "replica_locations"] if {
	some reg_id, reg in acr.registries
	_non_empty(reg, "replica_locations")
}

_non_empty(reg, attr) if {
	acr.known(reg, attr)
	count(reg.attrs[attr]) > 0
}

_join(words) := words[0] if count(words) == 1

_join(words) := sprintf("%s and %s", [concat(", ", array.slice(words, 0, count(words) - 1)), words[count(words) - 1]]) if {
	count(words) > 1
}

_need(features) := "needs" if count(features) == 1

_need(features) := "need" if count(features) > 1
