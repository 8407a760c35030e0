package acrlint.rules.acr010_test

import data.acrlint.rules.acr010

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union({"name": "myacr", "public_network_access": true, "default_action": "Deny", "ip_rules": []}, attrs),
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_ip_rules_with_public_access_disabled if {
	reg := registry({"public_network_access": false, "ip_rules": ["203.0.113.0/24", "198.51.100.7"]})
	findings := acr010.report with input as graph([reg])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.attr == "ip_rules"
	f.severity == "warning"
	contains(f.message, `registry "myacr" has public network access disabled, so its IP rules (203.0.113.0/24, 198.51.100.7) have no effect`)
}

test_public_access_disabled_says_it_once if {
	reg := registry({"public_network_access": false, "ip_rules": ["10.0.0.0/16"]})
	count(acr010.report) == 1 with input as graph([reg])
}

test_private_ranges if {
	reg := registry({"ip_rules": ["10.1.0.0/16", "203.0.113.0/24", "172.20.1.4", "192.168.10.0/24", "100.100.0.0/16"]})
	findings := acr010.report with input as graph([reg])
	count(findings) == 1
	some f in findings
	f.attr == "ip_rules"
	contains(f.message, `registry "myacr" has IP rules for private address ranges (10.1.0.0/16, 100.100.0.0/16, 172.20.1.4, 192.168.10.0/24)`)
}

test_range_edges if {
	inside := ["10.255.255.255", "172.31.0.0/16", "172.16.0.0/12", "100.127.255.255/32"]
	outside := ["11.0.0.0/8", "172.32.0.0/16", "172.15.255.255", "100.128.0.0/10", "8.0.0.0/7", "10.0.0.0/7", "192.169.0.0/16"]
	every rule in inside {
		count(acr010.report) == 1 with input as graph([registry({"ip_rules": [rule]})])
	}
	every rule in outside {
		count(acr010.report) == 0 with input as graph([registry({"ip_rules": [rule]})])
	}
}

test_public_rules_are_fine if {
	count(acr010.report) == 0 with input as graph([registry({"ip_rules": ["203.0.113.0/24", "198.51.100.7/32"]})])
}

test_unparsable_rules_are_skipped if {
	count(acr010.report) == 0 with input as graph([registry({"ip_rules": ["10.0.0.0/33", "300.1.1.1", "fd00::/8", "10.0.0"]})])
}

test_no_rules if {
	count(acr010.report) == 0 with input as graph([registry({"public_network_access": false})])
}

test_unknown_public_access_with_private_range if {
	reg := json.patch(registry({"ip_rules": ["10.0.0.0/8"]}), [
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access"]},
	])
	some f in acr010.report with input as graph([reg])
	contains(f.message, "private address ranges (10.0.0.0/8)")
}

test_unknown_public_access_with_public_rules_is_silent if {
	reg := json.patch(registry({"ip_rules": ["203.0.113.0/24"]}), [
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access"]},
	])
	count(acr010.report) == 0 with input as graph([reg])
}

test_unknown_ip_rules_are_silent if {
	reg := json.patch(registry({"public_network_access": false}), [
		{"op": "remove", "path": "/attrs/ip_rules"},
		{"op": "replace", "path": "/unknown", "value": ["ip_rules"]},
	])
	count(acr010.report) == 0 with input as graph([reg])
}

test_external_registry_is_silent if {
	reg := object.union(registry({"public_network_access": false, "ip_rules": ["10.0.0.0/8"]}), {"external": true})
	count(acr010.report) == 0 with input as graph([reg])
}
