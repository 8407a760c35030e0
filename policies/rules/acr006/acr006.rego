# METADATA
# title: Firewall in the egress path does not allow the registry's endpoints
# description: |
#   A workload whose subnet sends 0.0.0.0/0 to an Azure Firewall (AKS with
#   outbound type userDefinedRouting, or any client subnet with such a
#   route) reaches a registry's public endpoint only through the rules of
#   that firewall. A pull needs HTTPS to the REST endpoint
#   <registry>.azurecr.io and to the data endpoints: with dedicated data
#   endpoints, <registry>.<region>.data.azurecr.io for the home region and
#   every replica; without them, the registry's storage accounts, which only
#   a wildcard application rule for *.blob.core.windows.net covers since
#   their names are not published. Network rules for TCP 443 to the
#   AzureContainerRegistry service tag (and Storage for the storage
#   accounts), or their regional tags, do as well. The AzureKubernetesService
#   FQDN tag opens AKS's own dependencies, not a customer registry. The rule
#   is silent where the client reaches the registry through a private
#   endpoint, or may, and where any rule of the firewall might allow the
#   traffic (sources, destinations or actions the templates do not show).
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-firewall-access-rules
#     description: Configure rules to access an Azure container registry behind a firewall
#   - ref: https://learn.microsoft.com/en-us/azure/aks/limit-egress-traffic
#     description: Limit network traffic with Azure Firewall in AKS
#   - ref: https://learn.microsoft.com/en-us/azure/aks/outbound-rules-control-egress
#     description: Outbound network and FQDN rules for AKS clusters
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-dedicated-data-endpoints
#     description: Dedicated data endpoints in Azure Container Registry
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR006
#   name: egress-firewall-registry-fqdns
#   severity: error
#   symptoms:
#     - "Client.Timeout exceeded while awaiting headers"
#     - "Could not connect to the registry login server"
#     - "host is not reachable"
#     - "failed to pull and unpack image: failed to copy: httpReadSeeker: failed open: failed to do request"
#     - "Action: Deny. Reason: No rule matched. Proceeding with default action"
#   remediation: |
#     Add an application rule collection to the firewall (or to its policy's
#     rule collection group) that allows HTTPS from the client subnets to
#     the registry's login server and data endpoints: <registry>.azurecr.io
#     and <registry>.<region>.data.azurecr.io for each region when dedicated
#     data endpoints are enabled, otherwise *.blob.core.windows.net. Or add a
#     network rule for TCP 443 to the AzureContainerRegistry service tag (and
#     Storage without dedicated data endpoints), or their regional tags.
package acrlint.rules.acr006

import data.acrlint.lib.acr
import data.acrlint.lib.egress
import data.acrlint.lib.result

report contains finding if {
	some reg_id, subnets in egress.client_subnets
	reg := acr.registries[reg_id]
	not acr.is_external(reg)
	needs := egress.pull_needs(reg)
	some subnet_id, clients in subnets
	subnet := acr.subnets[subnet_id]
	acr.known(subnet, "vnet")
	egress.public_path(reg_id, subnet.attrs.vnet)
	some route in egress.firewall_routes[subnet_id]
	fw := input.nodes[route.firewall]
	acr.known(fw, "application_rules")
	acr.known(fw, "network_rules")
	endpoints := _service_endpoints(subnet)
	missing := {need |
		some need in needs
		not _bypasses(endpoints, need)
		not _allowed(fw, subnet_id, need)
	}
	count(missing) > 0
	some client_id, attr in clients
	finding := result.fail(rego.metadata.chain(), {
		"resource": route.firewall,
		"attr": "application_rules",
		"message": sprintf(
			"%s pulls from registry %q over its public endpoint from subnet %q, whose route table %q sends 0.0.0.0/0 through firewall %q, but no rule of the firewall allows HTTPS from the subnet to %s: add application rules for %s, or network rules for TCP 443 to the %s service tag%s%s",
			[
				egress.client_role(client_id), acr.display_name(reg), acr.display_name(subnet),
				acr.display_name(input.nodes[route.route_table]), acr.display_name(fw),
				_names(missing), _these(missing), _tags(missing), _plural(_tags(missing)), _storage_note(missing),
			],
		),
		"related": [
			{"resource": client_id, "attr": attr, "message": sprintf("%s pulls from the registry through the firewall", [egress.client_role(client_id)])},
			{"resource": reg_id, "attr": "login_server", "message": "the registry"},
			{"resource": route.route_table, "attr": "routes", "message": "sends the subnet's Internet traffic to the firewall"},
		],
	})
}

# _service_endpoints are the service endpoints of a subnet, lower case;
# undefined when they are unknown.
_service_endpoints(subnet) := {lower(e) | some e in object.get(subnet.attrs, "service_endpoints", [])} if {
	not acr.is_unknown(subnet, "service_endpoints")
}

# A service endpoint routes the service's addresses around the firewall.
_bypasses(endpoints, need) if {
	need.tag == "azurecontainerregistry"
	"microsoft.containerregistry" in endpoints
}

_bypasses(endpoints, need) if {
	need.tag == "storage"
	some e in endpoints
	startswith(e, "microsoft.storage")
}

# _allowed holds when an allowing rule of the firewall whose sources may
# hold the subnet may let HTTPS to the endpoint through.
_allowed(fw, subnet_id, need) if {
	some rule in fw.attrs.application_rules
	egress.allows(rule)
	egress.source_match(rule, subnet_id) != "no"
	egress.app_rule_match(rule, need) != "no"
}

_allowed(fw, subnet_id, need) if {
	some rule in fw.attrs.network_rules
	egress.allows(rule)
	egress.source_match(rule, subnet_id) != "no"
	egress.net_rule_match(rule, need) != "no"
}

_names(missing) := acr.sorted_join({need.name | some need in missing})

_these(missing) := "it" if count(missing) == 1

_these(missing) := "them" if count(missing) > 1

_tags(missing) := concat(" and ", [tag |
	keys := {need.tag | some need in missing}
	some [tag, key] in [["AzureContainerRegistry", "azurecontainerregistry"], ["Storage", "storage"]]
	key in keys
])

_plural(tags) := "s" if contains(tags, " and ")

_plural(tags) := "" if not contains(tags, " and ")

_storage_note(missing) := sprintf(
	" (without dedicated data endpoints, layers come from the registry's storage accounts, whose names only the wildcard %s covers)",
	[need.name],
) if {
	some need in missing
	need.storage
}

_storage_note(missing) := "" if {
	every need in missing {
		not need.storage
	}
}
