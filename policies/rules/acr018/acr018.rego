# METADATA
# title: Registry with public access disabled and no private endpoint
# description: |
#   With public network access disabled, a registry answers only through
#   its private endpoints, and to trusted Azure services when it lets them
#   bypass its network rules. Without a private endpoint nothing else can
#   reach it: AKS clusters, App Service apps and container groups pulling
#   from it fail (an error), and any other client fails too (a warning when
#   no client in the scan pulls from it). The rule is silent while some
#   private endpoint's target is unknown, or while the parsers report
#   resources they could not expand, since either could be the missing
#   endpoint.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-private-link
#     description: Connect privately to a registry using Azure Private Link
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-access-selected-networks
#     description: Configure public IP network rules (disable public network access)
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR018
#   name: restricted-registry-no-path
#   severity: error
#   symptoms:
#     - "host is not reachable"
#     - "403 Forbidden"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "Could not connect to the registry login server"
#   remediation: |
#     Add a private endpoint to the registry (sub-resource "registry") in a
#     subnet its clients reach, with a private DNS zone group for
#     privatelink.azurecr.io; or enable public network access, restricted
#     with default action Deny and network rules.
package acrlint.rules.acr018

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	not access.endpoints_unknown
	not access.resources_hidden
	some reg_id, reg in acr.registries
	access.public_access_disabled(reg)
	count(acr.endpoints_of(reg_id)) == 0
	clients := object.get(access.clients, reg_id, {})
	finding := result.fail(rego.metadata.chain(), object.union(_verdict(reg_id, reg, clients), {
		"resource": reg_id,
		"attr": "public_network_access",
		"related": [{"resource": c, "attr": clients[c], "message": "pulls from the registry"} | some c in sort(object.keys(clients))],
	}))
}

_verdict(reg_id, reg, clients) := {"message": sprintf(
	"registry %q has public network access disabled and no private endpoint, so %s cannot reach it: add a private endpoint, or enable public access restricted by network rules",
	[access.name(reg_id), _clients_phrase(stuck)],
)} if {
	stuck := _stuck(reg, clients)
	count(stuck) > 0
}

_verdict(reg_id, reg, clients) := {"severity": "warning", "message": sprintf(
	"registry %q has public network access disabled and no private endpoint, so only trusted Azure services can reach it: add a private endpoint for any other client",
	[access.name(reg_id)],
)} if {
	count(_stuck(reg, clients)) == 0
}

# _stuck are the clients that cannot pass as a trusted service. A container
# group pulling with a managed identity passes unless the registry is known
# not to let trusted services bypass its rules.
_stuck(reg, clients) := {c | some c, _ in clients; not _may_pass(input.nodes[c], reg)}

_may_pass(node, reg) if {
	node.kind == "container_group"
	node.attrs.managed_identity_pull == true
	not access.no_bypass(reg)
}

_clients_phrase(ids) := concat(", ", sort([sprintf("%s %q", [_kind(id), access.name(id)]) | some id in ids]))

_kind(id) := "AKS cluster" if input.nodes[id].kind == "aks_cluster"

_kind(id) := "App Service app" if input.nodes[id].kind == "web_app"

_kind(id) := "container group" if input.nodes[id].kind == "container_group"
