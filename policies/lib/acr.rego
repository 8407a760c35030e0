# METADATA
# description: |
#   Helpers over the graph that the shipped rules use and user policies may
#   import (import data.acrlint.lib.acr). Every helper is defined only on
#   known values: a conclusion that would rest on an unknown attribute or an
#   external node is not drawn.
package acrlint.lib.acr

# nodes_by_kind indexes node ids by kind once per evaluation.
nodes_by_kind[kind] contains id if {
	some id, node in input.nodes
	kind := node.kind
}

# registries, private_endpoints, zones, vnets and subnets are the nodes of
# each kind, by id.
registries[id] := input.nodes[id] if some id in nodes_by_kind.registry

private_endpoints[id] := input.nodes[id] if some id in nodes_by_kind.private_endpoint

zones[id] := input.nodes[id] if some id in nodes_by_kind.private_dns_zone

vnets[id] := input.nodes[id] if some id in nodes_by_kind.vnet

subnets[id] := input.nodes[id] if some id in nodes_by_kind.subnet

# is_unknown holds when the attribute is set in source but not known
# statically.
is_unknown(node, attr) if attr in node.unknown

# known holds when the node is defined in the scan and attr is known.
known(node, attr) if {
	not node.external
	_ := node.attrs[attr]
}

# privatelink_zone_names are the zone names a registry's private endpoint
# must use, in the public, China and US Government clouds.
privatelink_zone_names := {"privatelink.azurecr.io", "privatelink.azurecr.cn", "privatelink.azurecr.us"}

# registry_domains are the domains of registry host names in each cloud.
registry_domains := {"azurecr.io", "azurecr.cn", "azurecr.us"}

# registry_fqdns is the set of names a client resolves to reach a registry:
# its login server and the data endpoint of every region. Undefined when any
# of them is unknown.
registry_fqdns(reg) := names if {
	known(reg, "login_server")
	known(reg, "data_endpoints")
	names := {reg.attrs.login_server} | {ep | some ep in reg.attrs.data_endpoints}
}

# endpoint_connections maps a registry id to the private endpoints that
# connect to it, with the connection: {registry: {pe_id: connection}}.
endpoint_connections[reg_id][pe_id] := conn if {
	some pe_id, pe in private_endpoints
	some conn in pe.attrs.connections
	reg_id := conn.resource
	registries[reg_id]
}

# endpoints_of returns the ids of the private endpoints connected to a
# registry.
endpoints_of(reg_id) := {pe_id | some pe_id, _ in endpoint_connections[reg_id]}

# zone_group_zones returns the zone ids of a private endpoint's DNS zone
# groups (empty when it has none; undefined when unknown).
zone_group_zones(pe) := {z | some z in pe.attrs.dns_zones}

# covered_fqdn is the name an A record of a zone answers for, with the
# privatelink label removed: "myacr" in privatelink.azurecr.io covers
# myacr.azurecr.io, which resolves through a CNAME to it.
covered_fqdn(record, zone_name) := fqdn if {
	startswith(zone_name, "privatelink.")
	fqdn := sprintf("%s.%s", [record, substring(zone_name, count("privatelink."), -1)])
}

covered_fqdn(record, zone_name) := sprintf("%s.%s", [record, zone_name]) if {
	not startswith(zone_name, "privatelink.")
}

# privatelink_zones are the zones named like a registry privatelink zone.
privatelink_zones[id] := zone if {
	some id, zone in zones
	zone.attrs.name in privatelink_zone_names
}

# record_zones_for returns the zones, of any name, holding an A record for
# one of the names.
record_zones_for(names) := {id |
	some id, zone in zones
	some record, _ in zone.attrs.records
	covered_fqdn(record, zone.attrs.name) in names
}

# subnet_vnet returns the VNet node id of a subnet node id.
subnet_vnet(subnet_id) := input.nodes[subnet_id].attrs.vnet

# uses_azure_dns holds for a VNet that resolves through Azure-provided DNS.
uses_azure_dns(vnet) if {
	known(vnet, "dns_servers")
	count(vnet.attrs.dns_servers) == 0
}

# uses_custom_dns holds for a VNet with its own DNS servers.
uses_custom_dns(vnet) if {
	known(vnet, "dns_servers")
	count(vnet.attrs.dns_servers) > 0
}

# client_vnets returns the VNets from which a registry reached through a
# private endpoint must resolve: the endpoint's own VNet. (Clients such as
# AKS and App Service VNet integration extend this set.)
client_vnets(pe) := {vnet_id |
	vnet_id := subnet_vnet(pe.attrs.subnet)
	input.nodes[vnet_id]
}

# sorted_join joins a set of strings in order.
sorted_join(s) := concat(", ", sort([x | some x in s]))
