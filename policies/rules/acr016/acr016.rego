# METADATA
# title: NSG on a client subnet denies HTTPS to the registry
# description: |
#   Azure evaluates a subnet's network security group outbound rules by
#   ascending priority and applies the first that matches, then its default
#   rules: AllowVnetOutBound (65000), AllowInternetOutBound (65001) and
#   DenyAllOutBound (65500). A pull from an AKS node pool, an App Service
#   VNet integration subnet or a container group's subnet needs outbound
#   TCP 443 to the registry: to its private endpoint's address when the
#   client resolves the registry through a private DNS zone, otherwise to
#   the registry's public addresses (the AzureContainerRegistry service
#   tag, and Storage for the layers of a registry without dedicated data
#   endpoints). A Deny rule that matches this traffic ahead of every rule
#   that allows it blocks the pull. The VirtualNetwork tag holds the
#   prefixes of the subnet's user-defined routes, so with a 0.0.0.0/0 route
#   it holds the public endpoints as well. The rule is silent when any rule
#   ahead of the deciding one, or the path the client takes, cannot be told.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
#     description: Network security groups
#   - ref: https://learn.microsoft.com/en-us/azure/virtual-network/network-security-group-how-it-works
#     description: How network security groups filter network traffic
#   - ref: https://learn.microsoft.com/en-us/azure/virtual-network/service-tags-overview
#     description: Virtual network service tags
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-firewall-access-rules
#     description: Configure rules to access an Azure container registry behind a firewall
#   - ref: https://learn.microsoft.com/en-us/azure/container-registry/container-registry-troubleshoot-access
#     description: Troubleshoot network issues with registry
# custom:
#   id: ACR016
#   name: nsg-blocks-registry
#   severity: error
#   symptoms:
#     - "Client.Timeout exceeded while awaiting headers"
#     - "dial tcp: i/o timeout"
#     - "host is not reachable"
#     - "Could not connect to the registry login server"
#   remediation: |
#     Add an outbound security rule that allows TCP 443 from the client
#     subnet to the registry, with a lower priority number than the rule
#     that denies it: to the AzureContainerRegistry service tag (and Storage
#     without dedicated data endpoints) for the public endpoint, or to the
#     private endpoint's subnet (or VirtualNetwork) for a private endpoint.
package acrlint.rules.acr016

import data.acrlint.lib.acr
import data.acrlint.lib.egress
import data.acrlint.lib.result

report contains finding if {
	some block in _blocks
	whats := {b.flow.what | some b in _blocks; _same(b, block)}
	suggests := {b.flow.suggest | some b in _blocks; _same(b, block)}
	rule := block.rule
	finding := result.fail(rego.metadata.chain(), {
		"resource": block.nsg,
		"attr": "rules",
		"message": sprintf(
			"NSG %q on subnet %q denies outbound HTTPS (TCP 443) to %s with rule %q (priority %v) before any rule allows it, so %s cannot pull from registry %q: add an outbound rule allowing TCP 443 to %s with a priority number below %v",
			[
				acr.display_name(input.nodes[block.nsg]), acr.display_name(input.nodes[block.subnet]),
				concat(" and ", sort([w | some w in whats])), object.get(rule, "name", ""), rule.priority,
				egress.client_role(block.client), acr.display_name(input.nodes[block.registry]),
				concat(" and ", sort([s | some s in suggests])), rule.priority,
			],
		),
		"related": [
			{"resource": block.subnet, "attr": "nsg", "message": "the client subnet the NSG filters"},
			{"resource": block.client, "attr": block.attr, "message": sprintf("%s pulls from the registry from this subnet", [egress.client_role(block.client)])},
		],
	})
}

_same(a, b) if {
	a.nsg == b.nsg
	a.subnet == b.subnet
	a.client == b.client
	a.registry == b.registry
	a.rule == b.rule
}

# _blocks are the flows a pull needs that the NSG of a client subnet
# denies, with the deciding rule.
_blocks contains {"registry": reg_id, "subnet": subnet_id, "nsg": nsg_id, "client": client_id, "attr": attr, "flow": flow, "rule": rule} if {
	some reg_id, subnets in egress.client_subnets
	reg := acr.registries[reg_id]
	not acr.is_external(reg)
	some subnet_id, clients in subnets
	subnet := acr.subnets[subnet_id]
	acr.known(subnet, "nsg")
	acr.known(subnet, "vnet")
	nsg_id := subnet.attrs.nsg
	nsg := input.nodes[nsg_id]
	acr.known(nsg, "rules")
	_may_deny_outbound(nsg)
	some flow in _flows(reg_id, reg, subnet.attrs.vnet)
	rule := _decide(nsg.attrs.rules, flow, subnet_id)
	_lower(rule.access) == "deny"
	some client_id, attr in clients
}

# _may_deny_outbound are the NSGs with a rule that may deny outbound
# traffic. Only such a rule can decide a flow against the pull: without
# one, Azure's default rules allow every flow of a pull (AllowVnetOutBound
# the private ones, AllowInternetOutBound the public ones) ahead of
# DenyAllOutBound, and the flows need not be decided.
_may_deny_outbound(nsg) if {
	some rule in nsg.attrs.rules
	_lower(rule.access) == "deny"
	_direction(rule) != "no"
}

# _flows are the HTTPS flows of a pull from a VNet: to the private
# endpoints when the VNet resolves the registry to them, to the public
# endpoints (and the storage accounts without dedicated data endpoints)
# when it reaches the registry over its public endpoint.
_flows(reg_id, _, vnet_id) := {{
	"kind": "private",
	"prefixes": _endpoint_prefixes(reg_id),
	"what": _private_what(reg_id),
	"suggest": _private_suggest(reg_id),
}} if {
	egress.private_path(reg_id, vnet_id)
}

_flows(reg_id, reg, vnet_id) := {_public_flow(reg, "azurecontainerregistry")} | _storage_flows(reg) if {
	egress.public_path(reg_id, vnet_id)
	not egress.private_path(reg_id, vnet_id)
}

_public_flow(reg, tag) := {
	"kind": "public",
	"tag": tag,
	"regions": egress.registry_regions(reg),
	"what": sprintf("the registry's %s", [_public_words[tag]]),
	"suggest": sprintf("the %s service tag", [_tag_names[tag]]),
}

_public_words := {
	"azurecontainerregistry": "public endpoints (service tag AzureContainerRegistry)",
	"storage": "storage accounts (service tag Storage)",
}

_tag_names := {"azurecontainerregistry": "AzureContainerRegistry", "storage": "Storage"}

_storage_flows(reg) := {_public_flow(reg, "storage")} if {
	acr.known(reg, "data_endpoint_enabled")
	reg.attrs.data_endpoint_enabled == false
} else := set()

# _endpoint_prefixes are the prefixes of the private endpoints' subnets,
# or null when they are not known.
_endpoint_prefixes(reg_id) := egress.endpoint_prefixes(reg_id) if {
	egress.endpoint_prefixes(reg_id)
} else := null

_private_what(reg_id) := sprintf("the registry's private endpoint (subnet %s)", [acr.sorted_join(egress.endpoint_prefixes(reg_id))]) if {
	count(egress.endpoint_prefixes(reg_id)) > 0
} else := "the registry's private endpoint"

_private_suggest(reg_id) := sprintf("%s (or VirtualNetwork)", [acr.sorted_join(egress.endpoint_prefixes(reg_id))]) if {
	count(egress.endpoint_prefixes(reg_id)) > 0
} else := "VirtualNetwork"

# Azure's default outbound rules, after every rule of the NSG.
_defaults := [
	{
		"name": "AllowVnetOutBound", "priority": 65000, "direction": "Outbound", "access": "Allow",
		"protocol": "*", "source": ["VirtualNetwork"], "destination": ["VirtualNetwork"], "ports": ["*"],
	},
	{
		"name": "AllowInternetOutBound", "priority": 65001, "direction": "Outbound", "access": "Allow",
		"protocol": "*", "source": ["*"], "destination": ["Internet"], "ports": ["*"],
	},
	{
		"name": "DenyAllOutBound", "priority": 65500, "direction": "Outbound", "access": "Deny",
		"protocol": "*", "source": ["*"], "destination": ["*"], "ports": ["*"],
	},
]

# _decide returns the rule Azure applies to a flow: the first that matches
# by ascending priority, the NSG's rules before the defaults. Undefined
# when a rule ahead of it might match, or a rule that might match has no
# known priority.
_decide(rules, flow, subnet_id) := candidates[first].rule if {
	matches := {i: _match(rule, flow, subnet_id) | some i, rule in rules}
	every i, rule in rules {
		_ordered(rule, matches[i])
	}
	ordered := sort([[rule.priority, i] | some i, rule in rules; is_number(rule.priority)])
	candidates := array.concat(
		[{"rule": rules[i], "match": matches[i]} | some [_, i] in ordered],
		[{"rule": d, "match": _match(d, flow, subnet_id)} | some d in _defaults],
	)
	first := min([i | some i, c in candidates; c.match == "yes"])
	every c in array.slice(candidates, 0, first) {
		c.match == "no"
	}
}

_ordered(rule, _) if is_number(rule.priority)

_ordered(_, match) if match == "no"

# _match tells whether a security rule matches the flow: "yes", "no", or
# "maybe" when a field is unknown or cannot be decided.
_match(rule, flow, subnet_id) := egress.all_of([
	_direction(rule),
	egress.protocol_match(object.get(rule, "protocol", null)),
	egress.port_match(object.get(rule, "ports", [])),
	egress.any_of([_source(s, subnet_id) | some s in object.get(rule, "source", [])]),
	egress.any_of([_destination(d, flow, subnet_id) | some d in object.get(rule, "destination", [])]),
])

_direction(rule) := "yes" if {
	rule.direction == "Outbound"
} else := "no" if {
	is_string(rule.direction)
} else := "maybe"

# The client subnet is in its VNet: * and VirtualNetwork hold it, a prefix
# holds it when it holds the subnet's prefixes, other service tags do not.
_source(s, subnet_id) := "yes" if {
	_lower(s) in {"*", "virtualnetwork"}
} else := egress.prefix_match(s, egress.subnet_prefixes(subnet_id)) if {
	egress.cidr(s)
	egress.subnet_prefixes(subnet_id)
} else := "maybe" if {
	egress.cidr(s)
} else := "no"

# A private endpoint's address is in the VNet, inside its subnet's prefixes.
_destination(d, flow, _) := "yes" if {
	flow.kind == "private"
	_lower(d) in {"*", "virtualnetwork"}
} else := egress.prefix_match(d, flow.prefixes) if {
	flow.kind == "private"
	egress.cidr(d)
	flow.prefixes != null
} else := "maybe" if {
	flow.kind == "private"
	egress.cidr(d)
} else := "no" if {
	flow.kind == "private"
}

# A public endpoint's address is on the Internet, in its service tag, and in
# VirtualNetwork when the subnet's routes name it.
_destination(d, flow, subnet_id) := "yes" if {
	flow.kind == "public"
	_lower(d) in {"*", "internet", "0.0.0.0/0"}
} else := _udr_prefixes(subnet_id) if {
	flow.kind == "public"
	_lower(d) == "virtualnetwork"
} else := "no" if {
	flow.kind == "public"
	egress.is_private(d)
} else := "maybe" if {
	flow.kind == "public"
	egress.cidr(d)
} else := egress.tag_match(d, flow.tag, flow.regions) if {
	flow.kind == "public"
}

_lower(s) := lower(s) if is_string(s)

# _udr_prefixes tells whether the VirtualNetwork tag of a subnet holds
# public addresses: it holds the prefixes of the subnet's user-defined
# routes.
_udr_prefixes(subnet_id) := "maybe" if {
	acr.is_unknown(acr.subnets[subnet_id], "route_table")
} else := "no" if {
	not acr.subnets[subnet_id].attrs.route_table
} else := "yes" if {
	rt := input.nodes[acr.subnets[subnet_id].attrs.route_table]
	acr.known(rt, "routes")
	some route in rt.attrs.routes
	route.prefix == "0.0.0.0/0"
} else := "no" if {
	rt := input.nodes[acr.subnets[subnet_id].attrs.route_table]
	acr.known(rt, "routes")
	every route in rt.attrs.routes {
		egress.is_private(route.prefix)
	}
} else := "maybe"
