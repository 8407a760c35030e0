# METADATA
# title: Service endpoint and registry virtual network rule do not match
# description: |
#   A registry virtual network rule admits a subnet's traffic only through
#   the subnet's Microsoft.ContainerRegistry service endpoint; Azure refuses
#   to save a rule for a subnet without it. The other way round, once a
#   subnet has the service endpoint its traffic reaches the registry's
#   public endpoint from the subnet's private addresses, which no IP rule
#   matches: a registry that denies by default then needs a virtual network
#   rule for that subnet. The second check covers the clients whose pulls
#   leave from their subnet, AKS node pools and App Service apps pulling
#   over their VNet integration, and stays silent when the registry has a
#   private endpoint that may carry the traffic instead.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-vnet
#     description: Restrict access to a container registry using a service endpoint in an Azure virtual network
#   - ref: https://learn.microsoft.com/en-us/azure/virtual-network/virtual-network-service-endpoints-overview
#     description: Virtual Network service endpoints
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR008
#   name: service-endpoint-network-rule
#   severity: error
#   symptoms:
#     - "Failed to save firewall and virtual network settings for container registry"
#     - "403 Forbidden"
#     - "Client.Timeout exceeded while awaiting headers"
#   remediation: |
#     Add the Microsoft.ContainerRegistry service endpoint to every subnet
#     named in the registry's virtual network rules (service_endpoints in
#     Terraform, serviceEndpoints in Bicep and ARM). For a client subnet that
#     has the service endpoint, add a virtual network rule for it to the
#     registry (network_rule_set.virtual_network, or
#     networkRuleSet.virtualNetworkRules), or reach the registry through a
#     private endpoint.
package acrlint.rules.acr008

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

_endpoint := "microsoft.containerregistry"

# A virtual network rule for a subnet without the service endpoint.
report contains finding if {
	some reg_id, reg in acr.registries
	acr.known(reg, "vnet_rules")
	some subnet_id in reg.attrs.vnet_rules
	subnet := input.nodes[subnet_id]
	acr.known(subnet, "service_endpoints")
	not _has_endpoint(subnet)
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "vnet_rules",
		"message": sprintf(
			"registry %q has a virtual network rule for subnet %q, which has no Microsoft.ContainerRegistry service endpoint: Azure refuses the rule; add the service endpoint to the subnet",
			[access.name(reg_id), access.name(subnet_id)],
		),
		"related": [{"resource": subnet_id, "attr": "service_endpoints", "message": "the subnet without the service endpoint"}],
	})
}

# A client subnet with the service endpoint that the registry's rules leave
# out.
report contains finding if {
	some reg_id, subnets in _client_subnets
	reg := acr.registries[reg_id]
	access.deny_by_default(reg)
	access.public_access_enabled(reg)
	acr.known(reg, "vnet_rules")
	not _private_path(reg_id)
	some subnet_id, clients in subnets
	not subnet_id in reg.attrs.vnet_rules
	subnet := input.nodes[subnet_id]
	acr.known(subnet, "service_endpoints")
	_has_endpoint(subnet)
	finding := result.fail(rego.metadata.chain(), {
		"resource": subnet_id,
		"attr": "service_endpoints",
		"message": sprintf(
			"subnet %q has the Microsoft.ContainerRegistry service endpoint, so %s reach registry %q from private addresses, but the registry denies by default and has no virtual network rule for the subnet: add one, or reach the registry through a private endpoint",
			[access.name(subnet_id), _clients_phrase(clients), access.name(reg_id)],
		),
		"related": array.concat(
			[{"resource": reg_id, "attr": "vnet_rules", "message": "the registry without a rule for the subnet"}],
			[{"resource": c, "attr": access.clients[reg_id][c], "message": "pulls from the registry"} | some c in sort([x | some x in clients])],
		),
	})
}

_has_endpoint(subnet) if {
	some ep in subnet.attrs.service_endpoints
	lower(ep) == _endpoint
}

# _client_subnets maps a registry to the subnets its pulls leave from, and
# those to the clients: {registry: {subnet: {client}}}.
_client_subnets := {reg_id: subnets |
	some reg_id, clients in access.clients
	pulls := {[subnet_id, client_id] |
		some client_id, _ in clients
		some subnet_id in _pull_subnets(input.nodes[client_id])
	}
	count(pulls) > 0
	subnets := {subnet_id: {c | some [s, c] in pulls; s == subnet_id} | some [subnet_id, _] in pulls}
}

_pull_subnets(node) := node.attrs.subnets if node.kind == "aks_cluster"

_pull_subnets(node) := [node.attrs.subnet] if {
	node.kind == "web_app"
	node.attrs.vnet_image_pull == true
}

# A private endpoint of the registry, or one that might be, or a resource
# the parsers left out, may be the path the clients take.
_private_path(reg_id) if count(acr.endpoints_of(reg_id)) > 0

_private_path(_) if access.endpoints_unknown

_private_path(_) if access.resources_hidden

_clients_phrase(clients) := sprintf("the pulls of %s", [concat(", ", sort([sprintf("%s %q", [_kind(c), access.name(c)]) | some c in clients]))])

_kind(id) := "AKS cluster" if input.nodes[id].kind == "aks_cluster"

_kind(id) := "App Service app" if input.nodes[id].kind == "web_app"
