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
	reg.attrs.sku != "Premium"
	features := _features(reg_id, reg)
	count(features) > 0
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "sku",
		"message": sprintf(
			"registry %q has SKU %s but uses %s, which %s the Premium SKU: set the SKU to Premium",
			[object.get(reg.attrs, "name", reg_id), reg.attrs.sku, concat(", ", sort(features)), _need(features)],
		),
		"related": [{"resource": pe_id, "message": "a private endpoint to the registry"} | some pe_id in acr.endpoints_of(reg_id)],
	})
}

_features(reg_id, reg) := {f |
	some f, used in {
		"a private endpoint": count(acr.endpoints_of(reg_id)) > 0,
		"a network rule set with default action Deny": object.get(reg.attrs, "default_action", "Allow") == "Deny",
		"IP rules": count(object.get(reg.attrs, "ip_rules", [])) > 0,
		"virtual network rules": count(object.get(reg.attrs, "vnet_rules", [])) > 0,
		"dedicated data endpoints": object.get(reg.attrs, "data_endpoint_enabled", false) == true,
		"geo-replication": count(object.get(reg.attrs, "replica_locations", [])) > 0,
	}
	used
}

_need(features) := "needs" if count(features) == 1

_need(features) := "need" if count(features) > 1
