# METADATA
# description: |
#   Helpers about who may reach a registry and by which path: its network
#   restrictions, the trusted-services bypass, the clients that pull from it,
#   the private endpoints that could carry them, and the subscriptions
#   resources live in (import data.acrlint.lib.access). Like
#   data.acrlint.lib.acr, every helper holds only on known values of nodes
#   defined in the scan: an unknown attribute or an external node makes a
#   helper undefined, never false.
package acrlint.lib.access

import data.acrlint.lib.acr

# restricted holds for a registry whose public endpoint is closed to
# arbitrary clients: public network access disabled, or a network rule set
# whose default action is Deny (IP and virtual network rules only ever
# matter under Deny).
restricted(reg) if {
	acr.known(reg, "restricted")
	reg.attrs.restricted == true
}

# public_access_disabled holds when the registry's public network access is
# known to be off.
public_access_disabled(reg) if {
	acr.known(reg, "public_network_access")
	reg.attrs.public_network_access == false
}

# public_access_enabled holds when it is known to be on.
public_access_enabled(reg) if {
	acr.known(reg, "public_network_access")
	reg.attrs.public_network_access == true
}

# deny_by_default holds when the network rule set's default action is known
# to be Deny.
deny_by_default(reg) if {
	acr.known(reg, "default_action")
	lower(reg.attrs.default_action) == "deny"
}

# no_public_path holds for a restricted registry whose public endpoint
# admits no client of a multi-tenant service: public access off, or Deny by
# default with no IP rule (an IP rule might admit the service's outbound
# address).
no_public_path(reg) if public_access_disabled(reg)

no_public_path(reg) if {
	deny_by_default(reg)
	acr.known(reg, "ip_rules")
	count(reg.attrs.ip_rules) == 0
}

# restriction says in words why a restricted registry is restricted.
restriction(reg) := "public network access is disabled" if public_access_disabled(reg)

restriction(reg) := "its network rule set denies by default" if {
	not public_access_disabled(reg)
	deny_by_default(reg)
}

# restriction_attr is the registry attribute that restricts it, for the
# line a finding points at.
restriction_attr(reg) := "public_network_access" if public_access_disabled(reg)

restriction_attr(reg) := "default_action" if {
	not public_access_disabled(reg)
	deny_by_default(reg)
}

# bypass holds when trusted Azure services may bypass the registry's network
# rules; no_bypass when they are known not to.
bypass(reg) if {
	acr.known(reg, "bypass_azure_services")
	reg.attrs.bypass_azure_services == true
}

no_bypass(reg) if {
	acr.known(reg, "bypass_azure_services")
	reg.attrs.bypass_azure_services == false
}

# clients maps a registry id to the nodes of the scan that pull images from
# it, with the attribute that says so: AKS clusters whose kubelet identity
# holds AcrPull on it, App Service apps and container groups whose images
# come from it. {registry: {client: attr}}.
# (A complete rule, computed once and grouped by registry in one pass: see
# acr.record_index.)
clients := {reg_id: by_client |
	some reg_id in {r | some [r, _, _] in _pulls}
	by_client := {id: attr | some [r, id, attr] in _pulls; r == reg_id}
}

_pulls contains [reg_id, id, "pulls_from"] if {
	some id in acr.nodes_by_kind.aks_cluster
	node := input.nodes[id]
	not node.external
	some reg_id in node.attrs.pulls_from
}

_pulls contains [reg_id, id, "image_registry"] if {
	some id in acr.nodes_by_kind.web_app
	node := input.nodes[id]
	not node.external
	reg_id := node.attrs.registry
}

_pulls contains [reg_id, id, "image_registries"] if {
	some id in acr.nodes_by_kind.container_group
	node := input.nodes[id]
	not node.external
	some reg_id in node.attrs.registries
}

# endpoints_unknown holds when some private endpoint might connect to a
# registry without the graph showing it: its connections are unknown or it
# is defined outside the scan, or one of its connections has an unknown
# target.
endpoints_unknown if {
	some id in acr.nodes_by_kind.private_endpoint
	not acr.known(input.nodes[id], "connections")
}

endpoints_unknown if {
	some id in acr.nodes_by_kind.private_endpoint
	some conn in input.nodes[id].attrs.connections
	not conn.resource
}

# resources_hidden holds when the parsers left resources out of the graph
# (diagnostics with code "incomplete"): instances of a count, for_each, copy
# or condition that is not known, modules or linked templates not read,
# limits reached. Any of them could be the resource a rule finds missing.
resources_hidden if {
	some d in input.diagnostics
	d.code == "incomplete"
}

# subscription returns the subscription ID of a node, lowercase, where it is
# known: from its resource ID or from the source.
subscription(node) := sub if {
	s := _subscription(node)
	is_string(s)
	sub := lower(s)
	sub != ""
	sub != "unknown"
}

_subscription(node) := node.subscription

_subscription(node) := node.attrs.subscription if not node.subscription

# subscription_said holds when the source says anything about a node's
# subscription, known or not.
subscription_said(node) if node.subscription

subscription_said(node) if node.attrs.subscription

subscription_said(node) if acr.is_unknown(node, "subscription")

# name returns the name of a node, or its id.
name(id) := input.nodes[id].attrs.name

name(id) := input.nodes[id].name if not input.nodes[id].attrs.name

name(id) := id if {
	not input.nodes[id].attrs.name
	not input.nodes[id].name
}
