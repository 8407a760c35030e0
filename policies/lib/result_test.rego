package acrlint.lib.result_test

import data.acrlint.lib.result

chain := [
	{"path": ["acrlint", "rules", "x", "report"]},
	{
		"path": ["acrlint", "rules", "x"],
		"annotations": {"scope": "package", "custom": {"id": "ACR999", "name": "example", "severity": "error"}},
	},
]

test_fail_fills_rule_fields if {
	result.fail(chain, {"resource": "n", "message": "m"}) == {
		"rule_id": "ACR999",
		"rule_name": "example",
		"severity": "error",
		"resource": "n",
		"attr": "",
		"message": "m",
		"related": [],
	}
}

test_fail_keeps_attr_severity_and_related if {
	f := result.fail(chain, {
		"resource": "n",
		"attr": "sku",
		"severity": "note",
		"message": "m",
		"related": [{"resource": "o", "message": "other"}],
	})
	f.attr == "sku"
	f.severity == "note"
	f.related == [{"resource": "o", "attr": "", "message": "other"}]
}
