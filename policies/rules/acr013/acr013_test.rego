package acrlint.rules.acr013_test

import data.acrlint.rules.acr013

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union({"name": "myacr", "public_network_access": false, "default_action": "Allow", "restricted": true}, attrs),
	"unknown": [],
}

setting(attrs) := {
	"id": "diagnostic_setting/main.tf/acr", "kind": "diagnostic_setting", "external": false,
	"attrs": object.union(
		{
			"name": "acr-logs", "target": "registry/main.tf/acr",
			"log_categories": ["ContainerRegistryLoginEvents"], "category_groups": [], "destinations": ["log_analytics"],
		},
		attrs,
	),
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

unknown(node, attr) := json.patch(node, [
	{"op": "remove", "path": sprintf("/attrs/%s", [attr])},
	{"op": "replace", "path": "/unknown", "value": [attr]},
])

test_restricted_without_setting if {
	findings := acr013.report with input as graph([registry({})])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.severity == "note"
	f.attr == ""
	contains(f.message, `registry "myacr" is network-restricted (public network access is disabled) but no diagnostic setting sends its ContainerRegistryLoginEvents log`)
	f.related == []
}

test_setting_without_login_events if {
	ds := setting({"log_categories": ["ContainerRegistryRepositoryEvents"]})
	findings := acr013.report with input as graph([registry({}), ds])
	count(findings) == 1
	some f in findings
	[r.resource | some r in f.related] == ["diagnostic_setting/main.tf/acr"]
}

test_setting_without_destination if {
	count(acr013.report) == 1 with input as graph([registry({}), setting({"destinations": []})])
}

test_setting_of_another_registry if {
	count(acr013.report) == 1 with input as graph([registry({}), setting({"target": "registry/main.tf/other"})])
}

test_login_events if {
	count(acr013.report) == 0 with input as graph([registry({}), setting({})])
}

test_all_logs_group if {
	ds := setting({"log_categories": [], "category_groups": ["allLogs"]})
	count(acr013.report) == 0 with input as graph([registry({}), ds])
}

test_audit_group if {
	ds := setting({"log_categories": [], "category_groups": ["audit"]})
	count(acr013.report) == 0 with input as graph([registry({}), ds])
}

test_unrestricted_registry if {
	reg := registry({"public_network_access": true, "restricted": false})
	count(acr013.report) == 0 with input as graph([reg])
}

test_unknown_target_is_silent if {
	count(acr013.report) == 0 with input as graph([registry({}), unknown(setting({}), "target")])
}

test_unknown_categories_are_silent if {
	ds := json.patch(setting({}), [
		{"op": "remove", "path": "/attrs/log_categories"},
		{"op": "remove", "path": "/attrs/category_groups"},
		{"op": "replace", "path": "/unknown", "value": ["category_groups", "log_categories"]},
	])
	count(acr013.report) == 0 with input as graph([registry({}), ds])
}

test_missing_destinations_are_silent if {
	ds := json.remove(setting({"log_categories": []}), ["/attrs/destinations"])
	count(acr013.report) == 0 with input as graph([registry({}), ds])
}

test_unknown_restriction_is_silent if {
	count(acr013.report) == 0 with input as graph([unknown(registry({}), "restricted")])
}

test_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr013.report) == 0 with input as graph([reg])
}

test_external_setting_is_silent if {
	ds := {"id": "diagnostic_setting/main.tf/acr", "kind": "diagnostic_setting", "external": true, "attrs": {"name": "x"}, "unknown": []}
	count(acr013.report) == 0 with input as graph([registry({}), ds])
}
