# METADATA
# title: ACR task on a network-restricted registry
# description: |
#   ACR Tasks run by default on shared compute outside the customer's
#   networks. A registry restricted to private endpoints, selected subnets
#   or IP addresses turns those runs away when they push or pull, unless it
#   lets trusted Azure services bypass its network rules (the task then
#   authenticates with its managed identity) or the task runs in a
#   dedicated agent pool placed in a subnet of the VNet. The rule reports a
#   task that names no agent pool; a task that names one is not judged,
#   since the pool may be defined outside the scan.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/tasks-agent-pools
#     description: Run an ACR task on a dedicated agent pool
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/allow-access-trusted-services
#     description: Allow trusted services to securely access a network-restricted container registry
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR017
#   name: tasks-restricted-registry
#   severity: error
#   symptoms:
#     - "403 Forbidden"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "client with IP '<address>' is not allowed access"
#   remediation: |
#     Run the task in a dedicated agent pool in a subnet of the registry's
#     VNet (azurerm_container_registry_agent_pool with
#     virtual_network_subnet_id, and agent_pool_name on the task; or
#     registries/agentPools with virtualNetworkSubnetResourceId and the
#     task's agentPoolName in Bicep and ARM), or let trusted Azure services
#     bypass the registry's network rules and give the task a managed
#     identity.
package acrlint.rules.acr017

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some id in acr.nodes_by_kind.registry_task
	task := input.nodes[id]
	not task.external
	reg_id := task.attrs.registry
	reg := acr.registries[reg_id]
	access.restricted(reg)
	access.no_bypass(reg)
	not task.attrs.agent_pool
	not acr.is_unknown(task, "agent_pool")
	finding := result.fail(rego.metadata.chain(), {
		"resource": id,
		"attr": "agent_pool",
		"message": sprintf(
			"task %q runs on shared ACR Tasks compute, but registry %q is network-restricted (%s) and does not let trusted services bypass its network rules, so the task cannot push or pull: run it in a dedicated agent pool in the VNet, or allow trusted services",
			[access.name(id), access.name(reg_id), access.restriction(reg)],
		),
		"related": [{"resource": reg_id, "attr": "bypass_azure_services", "message": "the network-restricted registry"}],
	})
}
