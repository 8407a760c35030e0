package acrlint.rules.acr017_test

import data.acrlint.rules.acr017

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union(
		{"name": "myacr", "public_network_access": false, "default_action": "Allow", "bypass_azure_services": false, "restricted": true},
		attrs,
	),
	"unknown": [],
}

task(attrs) := {
	"id": "registry_task/main.tf/build", "kind": "registry_task", "external": false,
	"attrs": object.union({"name": "build-app", "registry": "registry/main.tf/acr"}, attrs),
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_task_on_shared_pool if {
	findings := acr017.report with input as graph([registry({}), task({})])
	count(findings) == 1
	some f in findings
	f.resource == "registry_task/main.tf/build"
	f.attr == "agent_pool"
	f.severity == "error"
	contains(f.message, `task "build-app" runs on shared ACR Tasks compute, but registry "myacr" is network-restricted (public network access is disabled)`)
	[r.resource | some r in f.related] == ["registry/main.tf/acr"]
}

test_deny_by_default if {
	reg := registry({"public_network_access": true, "default_action": "Deny"})
	some f in acr017.report with input as graph([reg, task({})])
	contains(f.message, "its network rule set denies by default")
}

test_dedicated_pool_in_vnet if {
	t := task({"agent_pool": "vnetpool", "agent_pool_subnet": "subnet/main.tf/tasks"})
	count(acr017.report) == 0 with input as graph([registry({}), t])
}

test_pool_defined_elsewhere_is_not_judged if {
	count(acr017.report) == 0 with input as graph([registry({}), task({"agent_pool": "vnetpool"})])
}

test_trusted_services_bypass if {
	count(acr017.report) == 0 with input as graph([registry({"bypass_azure_services": true}), task({})])
}

test_open_registry if {
	reg := registry({"public_network_access": true, "restricted": false})
	count(acr017.report) == 0 with input as graph([reg, task({})])
}

test_unknown_agent_pool_is_silent if {
	t := object.union(task({}), {"unknown": ["agent_pool"]})
	count(acr017.report) == 0 with input as graph([registry({}), t])
}

test_unknown_registry_is_silent if {
	t := json.patch(task({}), [
		{"op": "remove", "path": "/attrs/registry"},
		{"op": "replace", "path": "/unknown", "value": ["registry"]},
	])
	count(acr017.report) == 0 with input as graph([registry({}), t])
}

test_unknown_bypass_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/bypass_azure_services"},
		{"op": "replace", "path": "/unknown", "value": ["bypass_azure_services"]},
	])
	count(acr017.report) == 0 with input as graph([reg, task({})])
}

test_unknown_restriction_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/restricted"},
		{"op": "replace", "path": "/unknown", "value": ["restricted"]},
	])
	count(acr017.report) == 0 with input as graph([reg, task({})])
}

test_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr017.report) == 0 with input as graph([reg, task({})])
}

test_external_task_is_silent if {
	t := object.union(task({}), {"external": true})
	count(acr017.report) == 0 with input as graph([registry({}), t])
}
