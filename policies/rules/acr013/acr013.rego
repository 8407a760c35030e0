# METADATA
# title: Restricted registry without login event logs
# description: |
#   When a network-restricted registry turns a client away, the client sees
#   only a 403 or a timeout. The registry's ContainerRegistryLoginEvents
#   resource log records each authentication with the caller's identity and
#   IP address, which shows the blocked attempt and where it came from. A
#   restricted registry should send that log to a destination through a
#   diagnostic setting: the category itself, or the allLogs category group,
#   which holds every category. The audit group is counted as well, since
#   Azure defines its members per resource type. The rule is silent while
#   any diagnostic setting's target is unknown.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-diagnostics-audit-logs
#     description: Azure Container Registry logs for diagnostic evaluation and auditing
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/reference/supported-logs/microsoft-containerregistry-registries-logs
#     description: Supported logs for Microsoft.ContainerRegistry/registries
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR013
#   name: login-events-diagnostics
#   severity: note
#   symptoms:
#     - "403 Forbidden"
#     - "Client.Timeout exceeded while awaiting headers"
#     - "client with IP '<address>' is not allowed access"
#   remediation: |
#     Add a diagnostic setting on the registry that enables the
#     ContainerRegistryLoginEvents category (or the allLogs category group)
#     and sends it to a Log Analytics workspace, storage account or event
#     hub (azurerm_monitor_diagnostic_setting with enabled_log in Terraform,
#     Microsoft.Insights/diagnosticSettings scoped to the registry in Bicep
#     and ARM).
package acrlint.rules.acr013

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	not _targets_unknown
	some reg_id, reg in acr.registries
	access.restricted(reg)
	not _settings_unknown(reg_id)
	not _logs_logins(reg_id)
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"message": sprintf(
			"registry %q is network-restricted (%s) but no diagnostic setting sends its ContainerRegistryLoginEvents log anywhere, so blocked logins cannot be traced: add a diagnostic setting with that category or the allLogs group",
			[access.name(reg_id), access.restriction(reg)],
		),
		"related": [{"resource": id, "attr": "log_categories", "message": "a diagnostic setting of the registry without login events or a destination"} |
			some id in _settings_of(reg_id)
		],
	})
}

_settings := {id: input.nodes[id] | some id in acr.nodes_by_kind.diagnostic_setting}

# _by_target indexes the settings by their target once, so that each
# registry looks up its own instead of reading every setting. (A complete
# rule, computed once, grouped by target in one pass: see
# acr.record_index.)
_by_target := {target: ids |
	some target in {ds.attrs.target | some ds in _settings}
	ids := {id | some id, ds in _settings; ds.attrs.target == target}
}

_settings_of(reg_id) := object.get(_by_target, reg_id, set())

# A setting whose target is not known might be the registry's.
_targets_unknown if {
	some ds in _settings
	not acr.known(ds, "target")
}

_settings_unknown(reg_id) if {
	some id in _settings_of(reg_id)
	ds := _settings[id]
	some attr in ["log_categories", "category_groups", "destinations"]
	not acr.known(ds, attr)
}

_logs_logins(reg_id) if {
	some id in _settings_of(reg_id)
	ds := _settings[id]
	count(ds.attrs.destinations) > 0
	_login_events(ds)
}

_login_events(ds) if {
	some c in ds.attrs.log_categories
	lower(c) == "containerregistryloginevents"
}

_login_events(ds) if {
	some g in ds.attrs.category_groups
	lower(g) in {"alllogs", "audit"}
}
