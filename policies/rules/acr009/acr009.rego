# METADATA
# title: Virtual network rules on a registry with public access disabled
# description: |
#   Virtual network rules admit subnets through their service endpoints,
#   which reach the registry's public endpoint. Disabling public network
#   access closes that endpoint to service endpoints too, so the rules admit
#   nothing: the subnets they name lose access unless a private endpoint
#   serves them.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-vnet
#     description: Restrict access to a container registry using a service endpoint in an Azure virtual network
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-access-selected-networks
#     description: Configure public IP network rules
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR009
#   name: public-access-disables-service-endpoint
#   severity: warning
#   symptoms:
#     - "403 Forbidden"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "Could not connect to the registry login server"
#   remediation: |
#     Either enable public network access with default action Deny, so that
#     the virtual network rules apply, or reach the registry from those
#     subnets through a private endpoint and remove the rules.
package acrlint.rules.acr009

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some reg_id, reg in acr.registries
	access.public_access_disabled(reg)
	acr.known(reg, "vnet_rules")
	count(reg.attrs.vnet_rules) > 0
	subnets := sort([access.name(id) | some id in reg.attrs.vnet_rules])
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "public_network_access",
		"message": sprintf(
			"registry %q has public network access disabled, which also disables access through service endpoints: its virtual network %s for %s %s nothing",
			[access.name(reg_id), _rules(subnets), _subnets(subnets), _do(subnets)],
		),
		"related": [{"resource": id, "message": "a subnet named in a virtual network rule"} | some id in reg.attrs.vnet_rules],
	})
}

_rules(subnets) := "rule" if count(subnets) == 1

_rules(subnets) := "rules" if count(subnets) > 1

_subnets(subnets) := sprintf("subnet %q", subnets) if count(subnets) == 1

_subnets(subnets) := sprintf("subnets %s", [concat(", ", [sprintf("%q", [s]) | some s in subnets])]) if count(subnets) > 1

_do(subnets) := "admits" if count(subnets) == 1

_do(subnets) := "admit" if count(subnets) > 1
