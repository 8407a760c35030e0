# METADATA
# title: Firewall allows only some data endpoints of a geo-replicated registry
# description: |
#   A geo-replicated registry serves each pull from the replica closest to
#   the client, or from another one when that replica is unavailable, and
#   redirects the layer downloads to the data endpoint of the serving
#   region, <registry>.<region>.data.azurecr.io. A client firewall whose
#   application rules name the data endpoints of some regions but not of
#   all of them blocks every pull that lands on a missing region, which
#   looks like an intermittent timeout. The rule applies to registries whose
#   data endpoints are in use (dedicated data endpoints enabled, or a private
#   endpoint), and is silent when a wildcard, a service tag or a rule whose
#   destinations the templates do not show may allow the missing endpoints.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-geo-replication
#     description: Geo-replication in Azure Container Registry
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-dedicated-data-endpoints
#     description: Dedicated data endpoints in Azure Container Registry
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-firewall-access-rules
#     description: Configure rules to access an Azure container registry behind a firewall
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR007
#   name: firewall-replica-data-endpoints
#   severity: error
#   symptoms:
#     - "Client.Timeout exceeded while awaiting headers"
#     - "dial tcp: i/o timeout"
#     - "failed to pull and unpack image: failed to copy: httpReadSeeker: failed open: failed to do request"
#     - "Action: Deny. Reason: No rule matched. Proceeding with default action"
#   remediation: |
#     Add the data endpoint of every region of the registry, home region and
#     each replica (<registry>.<region>.data.azurecr.io), to the firewall's
#     application rules, and add the new region's endpoint whenever a
#     replica is added. A network rule for TCP 443 to the
#     AzureContainerRegistry service tag covers all of them.
package acrlint.rules.acr007

import data.acrlint.lib.acr
import data.acrlint.lib.egress
import data.acrlint.lib.result

report contains finding if {
	some reg_id, reg in acr.registries
	acr.known(reg, "data_endpoints")
	endpoints := {acr.normalize_dns_name(e) | some e in reg.attrs.data_endpoints}
	count(endpoints) > 1
	_data_endpoints_used(reg_id, reg)
	some fw_id in _naming_any(endpoints)
	fw := input.nodes[fw_id]
	acr.known(fw, "application_rules")
	acr.known(fw, "network_rules")
	named := {e | some e in endpoints; fw_id in _naming(e)}
	missing := {e | some e in (endpoints - named); not _may_allow(fw, e)}
	count(missing) > 0
	finding := result.fail(rego.metadata.chain(), {
		"resource": fw_id,
		"attr": "application_rules",
		"message": sprintf(
			"firewall %q allows %s of geo-replicated registry %q but not %s: pulls served from %s are redirected there and blocked; add the missing %s to the firewall's application rules",
			[
				acr.display_name(fw), _data_endpoint_words(named), acr.display_name(reg),
				acr.sorted_join(missing), _regions(missing), _endpoint_word(missing),
			],
		),
		"related": [{"resource": reg_id, "attr": "replica_locations", "message": sprintf("serves from %s", [_regions(endpoints)])}],
	})
}

# The data endpoints are in use with dedicated data endpoints, and through
# private endpoints, whatever the setting.
_data_endpoints_used(_, reg) if {
	acr.known(reg, "data_endpoint_enabled")
	reg.attrs.data_endpoint_enabled == true
}

_data_endpoints_used(reg_id, _) if count(acr.endpoints_of(reg_id)) > 0

# _named_by indexes the firewalls by the names their allowing rules name,
# once, so that each registry looks up the firewalls naming its data
# endpoints instead of reading every firewall. (A complete rule, computed
# once, grouped by name in one pass: see acr.record_index.)
_named_by := {name: ids |
	some name in {n | some [n, _] in _names}
	ids := {fw_id | some [n, fw_id] in _names; n == name}
}

_names contains [name, fw_id] if {
	some fw_id in acr.nodes_by_kind.firewall
	fw := input.nodes[fw_id]
	some rule in array.concat(fw.attrs.application_rules, fw.attrs.network_rules)
	egress.allows(rule)
	some p in object.get(rule, "fqdns", [])
	name := acr.normalize_dns_name(p)
}

# _naming returns the firewalls with an allowing rule that names the data
# endpoint itself.
_naming(e) := object.get(_named_by, e, set())

_naming_any(endpoints) := {fw_id | some e in endpoints; some fw_id in _naming(e)}

# _may_allow holds when some allowing rule, whatever its sources, may let
# HTTPS to the data endpoint through: a wildcard, a service tag, or a
# destination the graph does not show.
_may_allow(fw, e) if {
	some rule in fw.attrs.application_rules
	egress.allows(rule)
	egress.app_rule_match(rule, _need(e)) != "no"
}

_may_allow(fw, e) if {
	some rule in fw.attrs.network_rules
	egress.allows(rule)
	egress.net_rule_match(rule, _need(e)) != "no"
}

_need(e) := {"name": e, "tag": "azurecontainerregistry", "regions": {_region(e)}, "storage": false}

_region(e) := split(e, ".")[1]

_regions(endpoints) := acr.sorted_join({_region(e) | some e in endpoints})

_data_endpoint_words(named) := sprintf("data endpoint %s", [acr.sorted_join(named)]) if count(named) == 1

_data_endpoint_words(named) := sprintf("data endpoints %s", [acr.sorted_join(named)]) if count(named) > 1

_endpoint_word(missing) := "endpoint" if count(missing) == 1

_endpoint_word(missing) := "endpoints" if count(missing) > 1
