# METADATA
# title: Registry network path from a subscription without the provider registered
# description: |
#   A private endpoint or a virtual network rule whose subnet lives in
#   another subscription than the registry needs the
#   Microsoft.ContainerRegistry resource provider registered in the
#   subnet's subscription; otherwise the endpoint or rule cannot be set up.
#   Subscriptions are compared only where both are known, from a resource
#   ID; a provider registration whose subscription the sources do not state
#   counts as possibly the one needed.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
#   - ref: https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-providers-and-types
#     description: Azure resource providers and types
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
# custom:
#   id: ACR012
#   name: cross-subscription-provider
#   severity: warning
#   symptoms:
#     - "Failed to save firewall and virtual network settings for container registry"
#     - "MissingSubscriptionRegistration: The subscription is not registered to use namespace 'Microsoft.ContainerRegistry'"
#   remediation: |
#     Register the Microsoft.ContainerRegistry resource provider in the
#     subnet's subscription (azurerm_resource_provider_registration in
#     Terraform, or az provider register --namespace
#     Microsoft.ContainerRegistry --subscription <id>).
package acrlint.rules.acr012

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

_namespace := "microsoft.containerregistry"

# A private endpoint to the registry.
report contains finding if {
	not _registration_unknown
	some reg_id, conns in acr.endpoint_connections
	reg_sub := access.subscription(acr.registries[reg_id])
	some pe_id, _ in conns
	subnet_id := acr.private_endpoints[pe_id].attrs.subnet
	sub := access.subscription(input.nodes[subnet_id])
	sub != reg_sub
	not _registered(sub)
	finding := result.fail(rego.metadata.chain(), {
		"resource": pe_id,
		"attr": "subnet",
		"message": sprintf(
			"private endpoint %q to registry %q (subscription %s) is in subnet %q of subscription %s, where the Microsoft.ContainerRegistry resource provider is not registered: register it there",
			[access.name(pe_id), access.name(reg_id), reg_sub, access.name(subnet_id), sub],
		),
		"related": [
			{"resource": reg_id, "message": "the registry"},
			{"resource": subnet_id, "message": "the subnet in the other subscription"},
		],
	})
}

# A virtual network rule of the registry.
report contains finding if {
	not _registration_unknown
	some reg_id, reg in acr.registries
	reg_sub := access.subscription(reg)
	acr.known(reg, "vnet_rules")
	some subnet_id in reg.attrs.vnet_rules
	sub := access.subscription(input.nodes[subnet_id])
	sub != reg_sub
	not _registered(sub)
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "vnet_rules",
		"message": sprintf(
			"registry %q (subscription %s) has a virtual network rule for subnet %q of subscription %s, where the Microsoft.ContainerRegistry resource provider is not registered: register it there",
			[access.name(reg_id), reg_sub, access.name(subnet_id), sub],
		),
		"related": [{"resource": subnet_id, "message": "the subnet in the other subscription"}],
	})
}

_registrations := {id: input.nodes[id] | some id in acr.nodes_by_kind.provider_registration}

_registered(sub) if {
	some reg in _registrations
	lower(reg.attrs.namespace) == _namespace
	access.subscription(reg) == sub
}

# A registration whose namespace is unknown, or of the namespace in an
# unknown subscription, may be the one needed.
_registration_unknown if {
	some reg in _registrations
	not acr.known(reg, "namespace")
}

_registration_unknown if {
	some reg in _registrations
	lower(reg.attrs.namespace) == _namespace
	not access.subscription(reg)
}
