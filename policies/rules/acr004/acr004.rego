# METADATA
# title: Defender cannot scan a network-restricted registry
# description: |
#   Microsoft Defender for Containers (the Containers plan, or the older
#   ContainerRegistry plan) scans registry images from Microsoft's own
#   network. A registry restricted to private endpoints, selected subnets or
#   IP addresses turns the scanner away unless it lets trusted Azure
#   services bypass its network rules: images are never scanned and no
#   result appears in Defender for Cloud. The rule pairs a Standard-tier
#   plan with the registries of the same subscription; where the scanned
#   sources state no subscription for either, they are taken to be deployed
#   to the same one.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/allow-access-trusted-services
#     description: Allow trusted services to securely access a network-restricted container registry
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
#   - ref: https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-containers-introduction
#     description: Overview of Container protection in Microsoft Defender for Containers
# custom:
#   id: ACR004
#   name: defender-restricted-registry
#   severity: error
#   symptoms:
#     - "403 Forbidden"
#     - "Defender for Cloud shows no vulnerability assessment results for the registry's images"
#   remediation: |
#     Let trusted Azure services bypass the registry's network rules
#     (network_rule_bypass_option = "AzureServices" in Terraform,
#     networkRuleBypassOptions: 'AzureServices' in Bicep and ARM), or lift the
#     network restriction.
package acrlint.rules.acr004

import data.acrlint.lib.access
import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some reg_id, reg in acr.registries
	access.restricted(reg)
	access.no_bypass(reg)
	plans := _plans_for(reg)
	count(plans) > 0
	finding := result.fail(rego.metadata.chain(), {
		"resource": reg_id,
		"attr": "bypass_azure_services",
		"message": sprintf(
			"registry %q is network-restricted (%s) and does not let trusted Azure services bypass its network rules, so Microsoft Defender (%s) cannot scan its images: allow trusted services to bypass the network rules",
			[access.name(reg_id), access.restriction(reg), _plan_names(plans)],
		),
		"related": [{"resource": id, "attr": "tier", "message": "the Defender plan that scans registry images"} | some id in sort([p | some p in plans])],
	})
}

# _plans_for returns the Standard-tier plans that scan registry images and
# apply to the registry's subscription: both subscriptions known and equal,
# or neither stated by the source (one deployment target). One known and
# the other not is undecided. The plans are indexed once, by subscription,
# rather than read again for every registry.
_plans_for(reg) := _plans_with_subscription(reg) | _plans_unsaid_for(reg)

_plans_with_subscription(reg) := ids if {
	sub := access.subscription(reg)
	ids := object.get(_plans_by_subscription, sub, set())
} else := set()

_plans_unsaid_for(reg) := _plans_unsaid if not access.subscription_said(reg)

_plans_unsaid_for(reg) := set() if access.subscription_said(reg)

# _plans_by_subscription groups the scanning plans by their known
# subscription (see acr.record_index for the form).
_plans_by_subscription := {sub: ids |
	some sub in {s | some [s, _] in _plan_subscriptions}
	ids := {id | some [s, id] in _plan_subscriptions; s == sub}
}

_plan_subscriptions := {[access.subscription(input.nodes[id]), id] | some id in _scanning_plans}

_plans_unsaid := {id | some id in _scanning_plans; not access.subscription_said(input.nodes[id])}

_scanning_plans := {id | some id in acr.nodes_by_kind.defender_plan; _scans(input.nodes[id])}

# _scans holds when a Standard-tier plan scans registry images.
_scans(plan) if {
	acr.known(plan, "plan")
	acr.known(plan, "tier")
	lower(plan.attrs.plan) in {"containers", "containerregistry"}
	lower(plan.attrs.tier) == "standard"
}

_plan_names(plans) := concat(", ", sort({sprintf("%s plan", [input.nodes[id].attrs.plan]) | some id in plans}))
