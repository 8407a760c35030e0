# METADATA
# title: App Service or Container Instances pull from a network-restricted registry
# description: |
#   App Service and Azure Container Instances pull images from
#   infrastructure outside the customer's networks, which a registry
#   restricted to private endpoints, selected subnets or IP addresses turns
#   away. App Service gets through only with VNet integration and image pull
#   over the VNet (vnetImagePullEnabled), so that the pull leaves from the
#   integration subnet; the trusted-services exception does not cover it.
#   Container Instances is a trusted service: it gets through when it pulls
#   with a managed identity and the registry lets trusted services bypass
#   its network rules. A registry whose only restriction is Deny with IP
#   rules is not judged, since the rules might admit the service's outbound
#   address.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/app-service/configure-custom-container
#     description: Configure a custom container for Azure App Service
#   - ref: https://learn.microsoft.com/en-us/azure/container-instances/using-azure-container-registry-mi
#     description: Deploy to Azure Container Instances from Azure Container Registry using a managed identity
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/allow-access-trusted-services
#     description: Allow trusted services to securely access a network-restricted container registry
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR005
#   name: service-pull-restricted-registry
#   severity: error
#   symptoms:
#     - "403 Forbidden"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "InaccessibleImage"
#   remediation: |
#     App Service: integrate the app with a VNet subnet that reaches the
#     registry (virtual_network_subnet_id / virtualNetworkSubnetId) and pull
#     over it (vnet_image_pull_enabled = true / vnetImagePullEnabled: true).
#     Container Instances: pull with a managed identity that holds AcrPull
#     (image_registry_credential with user_assigned_identity_id in Terraform,
#     imageRegistryCredentials[].identity in Bicep and ARM) and let trusted
#     Azure services bypass the registry's network rules.
package acrlint.rules.acr005

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

# App Service.
report contains finding if {
	some id in acr.nodes_by_kind.web_app
	app := input.nodes[id]
	not app.external
	reg_id := app.attrs.registry
	reg := acr.registries[reg_id]
	access.restricted(reg)
	access.no_public_path(reg)
	gap := _web_app_gap(app)
	finding := result.fail(rego.metadata.chain(), {
		"resource": id,
		"attr": gap.attr,
		"message": sprintf(
			"App Service app %q pulls its image from registry %q, where %s, %s: pull the image over a VNet integration subnet that reaches the registry",
			[access.name(id), access.name(reg_id), access.restriction(reg), gap.why],
		),
		"related": [{"resource": reg_id, "attr": access.restriction_attr(reg), "message": "the network-restricted registry"}],
	})
}

_web_app_gap(app) := {"attr": "vnet_image_pull", "why": "but pulls over the public network (image pull over the VNet is off)"} if {
	acr.known(app, "vnet_image_pull")
	app.attrs.vnet_image_pull == false
}

_web_app_gap(app) := {"attr": "subnet", "why": "but has no VNet integration to pull over"} if {
	acr.known(app, "vnet_image_pull")
	app.attrs.vnet_image_pull == true
	not app.attrs.subnet
	not acr.is_unknown(app, "subnet")
}

# Container Instances.
report contains finding if {
	some id in acr.nodes_by_kind.container_group
	group := input.nodes[id]
	not group.external
	some reg_id in group.attrs.registries
	reg := acr.registries[reg_id]
	access.restricted(reg)
	access.no_public_path(reg)
	gap := _group_gap(group, reg)
	finding := result.fail(rego.metadata.chain(), {
		"resource": id,
		"attr": gap.attr,
		"message": sprintf(
			"container group %q pulls from registry %q, where %s, but %s: Container Instances passes only as a trusted service, pulling with a managed identity from a registry that lets trusted services bypass its network rules",
			[access.name(id), access.name(reg_id), access.restriction(reg), gap.why],
		),
		"related": [{"resource": reg_id, "attr": "bypass_azure_services", "message": "the network-restricted registry"}],
	})
}

_group_gap(group, reg) := {"attr": "managed_identity_pull", "why": "it does not pull with a managed identity"} if {
	group.attrs.managed_identity_pull == false
	not access.no_bypass(reg)
}

_group_gap(group, reg) := {"attr": "managed_identity_pull", "why": "it does not pull with a managed identity, and the registry does not let trusted services bypass its network rules"} if {
	group.attrs.managed_identity_pull == false
	access.no_bypass(reg)
}

_group_gap(group, reg) := {"attr": "image_registries", "why": "the registry does not let trusted services bypass its network rules"} if {
	group.attrs.managed_identity_pull == true
	access.no_bypass(reg)
}
