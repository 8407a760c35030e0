# METADATA
# title: AKS clusters pull images through a private endpoint
# description: |
#   Image pulls from AKS stay on the private network: every registry a
#   cluster holds AcrPull on has a private endpoint, and the VNet of each of
#   the cluster's node pools resolves the registry's names to it. A cluster
#   whose pulls would leave through the registry's public endpoint is
#   reported, with the reason: the registry has no private endpoint, or the
#   node pool's VNet is linked to no private DNS zone that holds the
#   registry's records.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/aks/cluster-container-registry-integration
#     description: Authenticate with a registry from AKS
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
# custom:
#   id: ORG102
#   name: aks-private-pull
#   severity: error
#   symptoms:
#     - "Failed to pull image"
#     - "403 Forbidden"
#   remediation: |
#     Give the registry a private endpoint with a DNS zone group on the
#     privatelink.azurecr.io zone, link that zone to the VNet of every node
#     pool, and disable the registry's public network access.
package acrlint.rules.aks_private_pull

import data.acrlint.lib.acr
import data.acrlint.lib.egress
import data.acrlint.lib.result

report contains finding if {
	some reg_id, subnets in egress.client_subnets
	some subnet_id, clients in subnets
	some aks_id, attr in clients
	input.nodes[aks_id].kind == "aks_cluster"
	some vnet_id in acr.client_vnets(subnet_id)
	egress.public_path(reg_id, vnet_id)
	reg := acr.registries[reg_id]
	finding := result.fail(rego.metadata.chain(), {
		"resource": aks_id,
		"attr": attr,
		"message": sprintf("AKS cluster %q pulls from registry %q over its public endpoint: %s", [
			acr.display_name(input.nodes[aks_id]),
			acr.display_name(reg),
			reason(reg_id, vnet_id),
		]),
		"related": [
			{"resource": reg_id, "message": "the registry"},
			{"resource": subnet_id, "message": "the node pool's subnet"},
		],
	})
}

reason(reg_id, _) := "the registry has no private endpoint" if count(acr.endpoints_of(reg_id)) == 0

reason(reg_id, vnet_id) := sprintf("VNet %q does not resolve the registry's names to its private endpoint", [acr.display_name(acr.vnets[vnet_id])]) if {
	count(acr.endpoints_of(reg_id)) > 0
}
