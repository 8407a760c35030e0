# METADATA
# description: |
#   Builds findings from a rule's METADATA, so that every rule reports the
#   same shape: rule_id, rule_name, severity, resource (a node id), attr (the
#   attribute to change, for its line), message and related nodes.
package acrlint.lib.result

# fail returns the finding of the calling rule: pass rego.metadata.chain()
# and an object with resource, message and optionally attr, related and
# severity (to report below the rule's default severity).
fail(chain, finding) := {
	"rule_id": custom.id,
	"rule_name": object.get(custom, "name", lower(custom.id)),
	"severity": object.get(finding, "severity", custom.severity),
	"resource": finding.resource,
	"attr": object.get(finding, "attr", ""),
	"message": finding.message,
	"related": [_related(r) | some r in object.get(finding, "related", [])],
} if {
	custom := _custom(chain)
}

_custom(chain) := custom if {
	some link in chain
	link.annotations.scope == "package"
	custom := link.annotations.custom
}

_related(r) := {
	"resource": r.resource,
	"attr": object.get(r, "attr", ""),
	"message": object.get(r, "message", ""),
}
