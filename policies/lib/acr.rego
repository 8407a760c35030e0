# METADATA
# description: |
#   Helpers over the graph that the shipped rules use and user policies may
#   import (import data.acrlint.lib.acr). Every helper is defined only on
#   known values: a conclusion that would rest on an unknown attribute or an
#   external node is not drawn.
package acrlint.lib.acr

import data.acrlint.lib.egress

# nodes_by_kind indexes node ids by kind once per evaluation: {kind: {id}}.
# acrlint's engine gives the index with the graph (input.kinds); an input
# without it, as in a policy test, gets it computed here.
# (A complete rule is computed once; the inner comprehension closes over
# kind, so OPA indexes it by kind in one pass over the nodes instead of one
# pass per kind.)
nodes_by_kind := input.kinds if is_object(input.kinds)

else := {kind: ids |
	some kind in {node.kind | some node in input.nodes}
	ids := {id | some id, node in input.nodes; node.kind == kind}
}

# registries, private_endpoints, zones, vnets and subnets are the nodes of
# each kind, by id. (Complete rules, computed once per evaluation: a lookup
# such as registries[id] in a partial rule would evaluate its body again.)
registries := {id: input.nodes[id] | some id in nodes_by_kind.registry}

private_endpoints := {id: input.nodes[id] | some id in nodes_by_kind.private_endpoint}

zones := {id: input.nodes[id] | some id in nodes_by_kind.private_dns_zone}

vnets := {id: input.nodes[id] | some id in nodes_by_kind.vnet}

subnets := {id: input.nodes[id] | some id in nodes_by_kind.subnet}

# nodes_of_kind returns the nodes of any kind, by id.
nodes_of_kind(kind) := {id: input.nodes[id] | some id in object.get(nodes_by_kind, kind, set())}

# is_external holds for a node defined outside the scanned files (a stub
# whose attributes are mostly missing).
is_external(node) if node.external == true

# display_name is the name to show for a node in messages: its name, else
# its id.
display_name(node) := node.name if {
	is_string(node.name)
	node.name != ""
} else := node.attrs.name if {
	is_string(node.attrs.name)
	node.attrs.name != ""
} else := node.id

# is_unknown holds when the attribute is set in source but not known
# statically.
is_unknown(node, attr) if attr in node.unknown

# known holds when the node is defined in the scan and attr is known.
known(node, attr) if {
	object.get(node, "external", false) == false
	_ := node.attrs[attr]
}

# privatelink_zone_names are the zone names a registry's private endpoint
# must use, in the public, China and US Government clouds.
privatelink_zone_names := {"privatelink.azurecr.io", "privatelink.azurecr.cn", "privatelink.azurecr.us"}

# registry_domains are the domains of registry host names in each cloud.
registry_domains := {"azurecr.io", "azurecr.cn", "azurecr.us"}

# normalize_dns_name lowers a DNS name and drops a trailing dot.
normalize_dns_name(name) := trim_suffix(lower(name), ".")

# is_privatelink_zone_name holds for a zone name a registry's private
# endpoint may use.
is_privatelink_zone_name(name) if normalize_dns_name(name) in privatelink_zone_names

# privatelink_zone_for is the zone name a registry's private endpoint must
# use: privatelink. followed by the domain of its login server, or
# privatelink.azurecr.io when that is unknown.
privatelink_zone_for(reg) := zone if {
	parts := split(normalize_dns_name(reg.attrs.login_server), ".")
	zone := concat(".", ["privatelink", concat(".", array.slice(parts, 1, count(parts)))])
	zone in privatelink_zone_names
} else := "privatelink.azurecr.io"

# registry_fqdns is the set of names a client resolves to reach a registry:
# its login server and the data endpoint of every region. Undefined when any
# of them is unknown.
registry_fqdns(reg) := names if {
	known(reg, "login_server")
	known(reg, "data_endpoints")
	names := {normalize_dns_name(n) | some n in array.concat([reg.attrs.login_server], reg.attrs.data_endpoints)}
}

# endpoint_connections maps a registry id to the private endpoints that
# connect to it, with the connection: {registry: {pe_id: connection}}.
endpoint_connections := {reg_id: conns |
	some reg_id in {r | some [r, _, _] in _connections}
	conns := {pe_id: conn | some [r, pe_id, conn] in _connections; r == reg_id}
}

_connections := {[reg_id, pe_id, conn] |
	some pe_id, pe in private_endpoints
	some conn in pe.attrs.connections
	reg_id := conn.resource
	registries[reg_id]
}

# endpoints_of returns the ids of the private endpoints connected to a
# registry.
# (The whole index is read once and then looked up: a lookup with the
# registry id bound would scan every private endpoint again.)
endpoints_of(reg_id) := {pe_id | some pe_id, _ in object.get(endpoint_connections, reg_id, {})}

# zone_group_zones returns the zone ids of a private endpoint's DNS zone
# groups (empty when it has none; undefined when unknown).
zone_group_zones(pe) := {z | some z in pe.attrs.dns_zones}

# covered_fqdn is the name an A record of a zone answers for, lower case,
# with a leading privatelink label of the zone removed: "myacr" in
# privatelink.azurecr.io covers myacr.azurecr.io, which resolves through a
# CNAME to it; "@" is the zone's apex.
covered_fqdn(record, zone_name) := _public_zone(zone_name) if record == "@"

covered_fqdn(record, zone_name) := normalize_dns_name(sprintf("%s.%s", [record, _public_zone(zone_name)])) if {
	record != "@"
}

_public_zone(zone_name) := trim_prefix(normalize_dns_name(zone_name), "privatelink.")

# privatelink_zones are the zones named like a registry privatelink zone.
privatelink_zones := {id: zone |
	some id, zone in zones
	is_privatelink_zone_name(zone.attrs.name)
}

# record_index maps every name an A record covers to the zones, of any
# name, holding such a record; zones whose name or records are unknown are
# left out.
# (A complete rule, computed once: OPA does not keep the whole of a partial
# rule between the lookups of a function. The inner comprehension closes
# over the key, so OPA indexes it by key in one pass. The keys are taken
# once each, from the set of them: going through the pairs instead takes
# each key once per value, which grows faster than the graph. The other
# indexes below are written the same way.)
record_index := {fqdn: ids |
	some fqdn in {f | some [f, _] in _records}
	ids := {id | some [f, id] in _records; f == fqdn}
}

_records := {[fqdn, id] |
	some id, zone in zones
	is_string(zone.attrs.name)
	some record, _ in zone.attrs.records
	fqdn := covered_fqdn(record, zone.attrs.name)
}

# record_zones_for returns the zones, of any name, holding an A record for
# one of the names.
record_zones_for(names) := {id |
	some name in names
	some id in object.get(record_index, name, set())
}

# subnet_vnet returns the VNet node id of a subnet node id.
subnet_vnet(subnet_id) := input.nodes[subnet_id].attrs.vnet

# azure_dns_ip is the address of Azure-provided DNS in every VNet.
azure_dns_ip := "168.63.129.16"

# uses_azure_dns holds for a VNet that resolves through Azure-provided DNS:
# no DNS servers of its own, or only 168.63.129.16.
uses_azure_dns(vnet) if {
	known(vnet, "dns_servers")
	every server in vnet.attrs.dns_servers {
		server == azure_dns_ip
	}
}

# uses_custom_dns holds for a VNet with DNS servers of its own.
uses_custom_dns(vnet) if {
	known(vnet, "dns_servers")
	some server in vnet.attrs.dns_servers
	server != azure_dns_ip
}

# linked_zones maps a VNet id to the zones linked to it.
linked_zones := {vnet_id: ids |
	some vnet_id in {v | some [v, _] in _links}
	ids := {id | some [v, id] in _links; v == vnet_id}
}

_links := {[vnet_id, id] |
	some id, zone in zones
	some vnet_id in zone.attrs.linked_vnets
}

# client_vnets returns the VNets from which a client in a subnet must
# resolve a registry reached through a private endpoint: the subnet's VNet.
# Undefined parts (an unknown or external subnet) leave the set empty.
client_vnets(subnet_id) := {vnet_id |
	subnet := subnets[subnet_id]
	not is_external(subnet)
	vnet_id := subnet.attrs.vnet
	input.nodes[vnet_id]
}

# registry_clients maps a registry id to every client that must resolve the
# registry's names to its private endpoints, one object per client and VNet:
# {"client": node id, "attr": its attribute that places it in the VNet,
# "vnet": VNet id, "role": words naming the client, "endpoints": ids of the
# private endpoints whose zones it resolves through}. A private endpoint is
# a client of its own VNet.
# (A complete rule grouping the pairs of _registry_clients by registry in
# one pass, as record_index does: a partial rule keyed by registry is
# evaluated again in every lookup, and grows faster than the graph.)
registry_clients := {reg_id: clients |
	some reg_id in {r | some [r, _] in _registry_clients}
	clients := {c | some [r, c] in _registry_clients; r == reg_id}
}

# _registry_clients are the pairs [registry id, client] of registry_clients.
_registry_clients contains [reg_id, client] if {
	some reg_id, conns in endpoint_connections
	some pe_id, _ in conns
	some vnet_id in client_vnets(private_endpoints[pe_id].attrs.subnet)
	client := {
		"client": pe_id,
		"attr": "subnet",
		"vnet": vnet_id,
		"role": sprintf("private endpoint %q", [display_name(private_endpoints[pe_id])]),
		"endpoints": {pe_id},
	}
}

# Clients that pull from a registry with private endpoints (AKS node pools,
# App Service apps pulling over their VNet integration, container groups)
# resolve it from the VNets of the subnets their pulls leave from, through
# any of its endpoints.
_registry_clients contains [reg_id, client] if {
	some reg_id, subnets in egress.client_subnets
	endpoint_connections[reg_id]
	some subnet_id, clients in subnets
	some vnet_id in client_vnets(subnet_id)
	some client_id, attr in clients
	client := {
		"client": client_id,
		"attr": attr,
		"vnet": vnet_id,
		"role": egress.client_role(client_id),
		"endpoints": endpoints_of(reg_id),
	}
}

# sorted_join joins a set of strings in order.
sorted_join(s) := concat(", ", sort([x | some x in s]))
