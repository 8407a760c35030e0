package acrlint.rules.acr005_test

import data.acrlint.rules.acr005

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union(
		{
			"name": "myacr", "public_network_access": false, "default_action": "Allow", "ip_rules": [],
			"bypass_azure_services": true, "restricted": true,
		},
		attrs,
	),
	"unknown": [],
}

app(attrs) := {
	"id": "web_app/main.tf/app", "kind": "web_app", "external": false,
	"attrs": object.union(
		{
			"name": "app-web", "image_registry": "myacr.azurecr.io", "registry": "registry/main.tf/acr",
			"vnet_image_pull": false, "managed_identity_pull": true,
		},
		attrs,
	),
	"unknown": [],
}

group(attrs) := {
	"id": "container_group/main.tf/ci", "kind": "container_group", "external": false,
	"attrs": object.union(
		{
			"name": "ci-job", "image_registries": ["myacr.azurecr.io"], "registries": ["registry/main.tf/acr"],
			"managed_identity_pull": false,
		},
		attrs,
	),
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

without(node, attr) := json.patch(node, [
	{"op": "remove", "path": sprintf("/attrs/%s", [attr])},
	{"op": "replace", "path": "/unknown", "value": [attr]},
])

# App Service.

test_web_app_without_vnet_image_pull if {
	findings := acr005.report with input as graph([registry({}), app({"subnet": "subnet/main.tf/app"})])
	count(findings) == 1
	some f in findings
	f.resource == "web_app/main.tf/app"
	f.attr == "vnet_image_pull"
	f.severity == "error"
	contains(f.message, `App Service app "app-web" pulls its image from registry "myacr", where public network access is disabled, but pulls over the public network`)
	[r.resource | some r in f.related] == ["registry/main.tf/acr"]
}

test_web_app_vnet_image_pull_without_integration if {
	some f in acr005.report with input as graph([registry({}), app({"vnet_image_pull": true})])
	f.attr == "subnet"
	contains(f.message, "has no VNet integration")
}

test_web_app_deny_by_default_without_ip_rules if {
	reg := registry({"public_network_access": true, "default_action": "Deny"})
	some f in acr005.report with input as graph([reg, app({})])
	contains(f.message, "its network rule set denies by default")
}

test_web_app_vnet_image_pull_with_integration if {
	a := app({"vnet_image_pull": true, "subnet": "subnet/main.tf/app"})
	count(acr005.report) == 0 with input as graph([registry({}), a])
}

test_web_app_open_registry if {
	reg := registry({"public_network_access": true, "restricted": false})
	count(acr005.report) == 0 with input as graph([reg, app({})])
}

test_web_app_ip_rules_might_admit_it if {
	reg := registry({"public_network_access": true, "default_action": "Deny", "ip_rules": ["203.0.113.0/24"]})
	count(acr005.report) == 0 with input as graph([reg, app({})])
}

test_web_app_other_registry if {
	a := json.remove(app({}), ["/attrs/registry"])
	count(acr005.report) == 0 with input as graph([registry({}), a])
}

test_web_app_unknown_vnet_image_pull_is_silent if {
	count(acr005.report) == 0 with input as graph([registry({}), without(app({}), "vnet_image_pull")])
}

test_web_app_unknown_subnet_is_silent if {
	a := object.union(app({"vnet_image_pull": true}), {"unknown": ["subnet"]})
	count(acr005.report) == 0 with input as graph([registry({}), a])
}

test_web_app_unknown_registry_is_silent if {
	count(acr005.report) == 0 with input as graph([registry({}), without(app({}), "registry")])
}

test_web_app_unknown_restriction_is_silent if {
	reg := without(registry({}), "restricted")
	count(acr005.report) == 0 with input as graph([reg, app({})])
}

test_web_app_unknown_ip_rules_are_silent if {
	reg := without(registry({"public_network_access": true, "default_action": "Deny"}), "ip_rules")
	count(acr005.report) == 0 with input as graph([reg, app({})])
}

test_web_app_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr005.report) == 0 with input as graph([reg, app({})])
}

test_external_web_app_is_silent if {
	a := object.union(app({}), {"external": true})
	count(acr005.report) == 0 with input as graph([registry({}), a])
}

# Container Instances.

test_group_without_managed_identity if {
	findings := acr005.report with input as graph([registry({}), group({})])
	count(findings) == 1
	some f in findings
	f.resource == "container_group/main.tf/ci"
	f.attr == "managed_identity_pull"
	contains(f.message, `container group "ci-job" pulls from registry "myacr", where public network access is disabled, but it does not pull with a managed identity:`)
}

test_group_without_identity_or_bypass if {
	some f in acr005.report with input as graph([registry({"bypass_azure_services": false}), group({})])
	f.attr == "managed_identity_pull"
	contains(f.message, "does not pull with a managed identity, and the registry does not let trusted services bypass")
}

test_group_with_identity_without_bypass if {
	some f in acr005.report with input as graph([registry({"bypass_azure_services": false}), group({"managed_identity_pull": true})])
	f.attr == "image_registries"
	contains(f.message, "but the registry does not let trusted services bypass its network rules")
}

test_group_with_identity_and_bypass if {
	count(acr005.report) == 0 with input as graph([registry({}), group({"managed_identity_pull": true})])
}

test_group_open_registry if {
	reg := registry({"public_network_access": true, "restricted": false})
	count(acr005.report) == 0 with input as graph([reg, group({})])
}

test_group_unknown_bypass_is_silent if {
	reg := without(registry({}), "bypass_azure_services")
	count(acr005.report) == 0 with input as graph([reg, group({"managed_identity_pull": true})])
}

test_group_unknown_registries_are_silent if {
	g := json.patch(group({}), [
		{"op": "remove", "path": "/attrs/registries"},
		{"op": "remove", "path": "/attrs/image_registries"},
		{"op": "replace", "path": "/unknown", "value": ["image_registries", "registries"]},
	])
	count(acr005.report) == 0 with input as graph([registry({}), g])
}

test_group_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr005.report) == 0 with input as graph([reg, group({})])
}

test_external_group_is_silent if {
	g := object.union(group({}), {"external": true})
	count(acr005.report) == 0 with input as graph([registry({}), g])
}

test_related_points_at_the_restriction if {
	reg := registry({"public_network_access": true, "default_action": "Deny"})
	some f in acr005.report with input as graph([reg, app({})])
	[r.attr | some r in f.related] == ["default_action"]
}
