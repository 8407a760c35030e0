# METADATA
# title: Registry private endpoint targets the wrong sub-resource
# description: |
#   A private endpoint to a container registry must target the registry
#   sub-resource (group ID "registry"). Azure then adds the regional data
#   endpoints (registry_data_<region>) itself; an endpoint that targets
#   anything else is rejected or leaves the login server unreachable.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/private-link/private-endpoint-overview#private-link-resource
#     description: Private-link resource sub-resources
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
# custom:
#   id: ACR015
#   name: private-endpoint-subresource
#   severity: error
#   symptoms:
#     - "Could not connect to the registry login server"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "PrivateEndpointBadRequest: Call to Microsoft.ContainerRegistry/registries failed"
#   remediation: |
#     Set the private endpoint connection's sub-resource (subresource_names in
#     Terraform, groupIds in Bicep and ARM) to ["registry"].
package acrlint.rules.acr015

import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some reg_id, conns in acr.endpoint_connections
	some pe_id, conn in conns
	not _targets_registry(conn.group_ids)
	finding := result.fail(rego.metadata.chain(), {
		"resource": pe_id,
		"attr": "connections",
		"message": sprintf(
			"private endpoint %q targets sub-resource %s of registry %q: a private endpoint to a registry must target [\"registry\"]",
			[acr.display_name(acr.private_endpoints[pe_id]), _show(conn.group_ids), acr.display_name(acr.registries[reg_id])],
		),
		"related": [{"resource": reg_id, "message": "the registry"}],
	})
}

# Group IDs compare without regard to case, as Azure does.
_targets_registry(ids) if [lower(id) | some id in ids] == ["registry"]

_show(ids) := sprintf("[%s]", [concat(", ", [sprintf("%q", [id]) | some id in ids])])
