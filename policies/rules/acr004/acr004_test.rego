package acrlint.rules.acr004_test

import data.acrlint.rules.acr004

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "name": "myacr", "external": false,
	"attrs": object.union(
		{
			"name": "myacr", "public_network_access": false, "default_action": "Allow",
			"bypass_azure_services": false, "restricted": true,
		},
		attrs,
	),
	"unknown": [],
}

plan(attrs) := {
	"id": "defender_plan/main.tf/containers", "kind": "defender_plan", "external": false,
	"attrs": object.union({"plan": "Containers", "tier": "Standard"}, attrs),
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_restricted_without_bypass if {
	findings := acr004.report with input as graph([registry({}), plan({})])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.attr == "bypass_azure_services"
	f.severity == "error"
	contains(f.message, `registry "myacr" is network-restricted (public network access is disabled)`)
	contains(f.message, "Microsoft Defender (Containers plan)")
	[r.resource | some r in f.related] == ["defender_plan/main.tf/containers"]
}

test_deny_by_default_and_registry_plan if {
	reg := registry({"public_network_access": true, "default_action": "Deny"})
	some f in acr004.report with input as graph([reg, plan({"plan": "ContainerRegistry", "tier": "standard"})])
	contains(f.message, "its network rule set denies by default")
	contains(f.message, "ContainerRegistry plan")
}

test_plans_are_listed_once_per_registry if {
	other := object.union(plan({"plan": "ContainerRegistry"}), {"id": "defender_plan/main.tf/registry"})
	findings := acr004.report with input as graph([registry({}), plan({}), other])
	count(findings) == 1
	some f in findings
	contains(f.message, "(ContainerRegistry plan, Containers plan)")
	count(f.related) == 2
}

test_same_known_subscription if {
	reg := object.union(registry({}), {"subscription": "AAAA"})
	p := object.union(plan({}), {"subscription": "aaaa"})
	count(acr004.report) == 1 with input as graph([reg, p])
}

test_bypass_allowed if {
	count(acr004.report) == 0 with input as graph([registry({"bypass_azure_services": true}), plan({})])
}

test_unrestricted_registry if {
	reg := registry({"public_network_access": true, "restricted": false})
	count(acr004.report) == 0 with input as graph([reg, plan({})])
}

test_free_tier if {
	count(acr004.report) == 0 with input as graph([registry({}), plan({"tier": "Free"})])
}

test_other_plan if {
	count(acr004.report) == 0 with input as graph([registry({}), plan({"plan": "VirtualMachines"})])
}

test_no_plan if {
	count(acr004.report) == 0 with input as graph([registry({})])
}

test_other_subscription if {
	reg := object.union(registry({}), {"subscription": "aaaa"})
	p := object.union(plan({}), {"subscription": "bbbb"})
	count(acr004.report) == 0 with input as graph([reg, p])
}

test_one_subscription_unknown_is_silent if {
	p := object.union(plan({}), {"subscription": "bbbb"})
	count(acr004.report) == 0 with input as graph([registry({}), p])
}

test_unknown_bypass_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/bypass_azure_services"},
		{"op": "replace", "path": "/unknown", "value": ["bypass_azure_services"]},
	])
	count(acr004.report) == 0 with input as graph([reg, plan({})])
}

test_unknown_restricted_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/restricted"},
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access", "restricted"]},
	])
	count(acr004.report) == 0 with input as graph([reg, plan({})])
}

test_unknown_tier_is_silent if {
	p := json.patch(plan({}), [
		{"op": "remove", "path": "/attrs/tier"},
		{"op": "replace", "path": "/unknown", "value": ["tier"]},
	])
	count(acr004.report) == 0 with input as graph([registry({}), p])
}

test_unknown_plan_subscription_is_silent if {
	p := object.union(plan({}), {"unknown": ["subscription"]})
	count(acr004.report) == 0 with input as graph([registry({}), p])
}

test_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr004.report) == 0 with input as graph([reg, plan({})])
}

test_external_plan_is_silent if {
	p := object.union(plan({}), {"external": true})
	count(acr004.report) == 0 with input as graph([registry({}), p])
}
