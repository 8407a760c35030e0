# METADATA
# title: Registry access path in AzureBastionSubnet
# description: |
#   Azure Bastion cannot be a registry's access path: a private endpoint to
#   a registry in AzureBastionSubnet, or a registry virtual network rule for
#   that subnet, is not supported. Azure reserves the subnet for Bastion and
#   recognises it by its name, so a subnet named AzureBastionSubnet is
#   Bastion's whether it is defined in the scan or only named by its
#   resource ID.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
#   - ref: https://learn.microsoft.com/en-us/azure/bastion/configuration-settings
#     description: About Azure Bastion configuration settings (AzureBastionSubnet)
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
# custom:
#   id: ACR011
#   name: bastion-endpoint-unsupported
#   severity: error
#   symptoms:
#     - "Failed to save firewall and virtual network settings for container registry"
#     - "Could not connect to the registry login server"
#     - "Client.Timeout exceeded while awaiting headers"
#   remediation: |
#     Put the registry's private endpoint in an ordinary subnet of the VNet
#     (not AzureBastionSubnet), and name the clients' subnets, not
#     AzureBastionSubnet, in the registry's virtual network rules.
package acrlint.rules.acr011

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

# A private endpoint to a registry in AzureBastionSubnet.
report contains finding if {
	some reg_id, conns in acr.endpoint_connections
	some pe_id, _ in conns
	subnet_id := acr.private_endpoints[pe_id].attrs.subnet
	_bastion(input.nodes[subnet_id])
	finding := result.fail(rego.metadata.chain(), {
		"resource": pe_id,
		"attr": "subnet",
		"message": sprintf(
			"private endpoint %q to registry %q is in AzureBastionSubnet, which is not supported as a registry access path: put the endpoint in another subnet",
			[access.name(pe_id), access.name(reg_id)],
		),
		"related": [
			{"resource": subnet_id, "message": "Azure Bastion's subnet"},
			{"resource": reg_id, "message": "the registry"},
		],
	})
}

# A virtual network rule for AzureBastionSubnet.
report contains finding if {
	some reg_id, reg in acr.registries
	acr.known(reg, "vnet_rules")
	some subnet_id in reg.attrs.vnet_rules
	_bastion(input.nodes[subnet_id])
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "vnet_rules",
		"message": sprintf(
			"registry %q has a virtual network rule for AzureBastionSubnet, which is not supported as a registry access path: name the clients' subnets instead",
			[access.name(reg_id)],
		),
		"related": [{"resource": subnet_id, "message": "Azure Bastion's subnet"}],
	})
}

_bastion(subnet) if subnet.attrs.bastion == true

_bastion(subnet) if lower(subnet.attrs.name) == "azurebastionsubnet"

_bastion(subnet) if lower(subnet.name) == "azurebastionsubnet"
