# METADATA
# description: |
#   Helpers about the way a registry's clients leave their subnets (import
#   data.acrlint.lib.egress): the subnets their pulls leave from, a default
#   route that forces them through an Azure Firewall, the DNS their VNet
#   resolves through (Azure DNS, or a firewall's DNS proxy), whether they
#   reach a registry over its public endpoint or its private endpoints, the
#   endpoints a pull needs, and the matching of firewall and NSG rule
#   fields (FQDNs, addresses, ports, protocols). Like data.acrlint.lib.acr,
#   a helper holds only on known values of nodes defined in the scan; where
#   a match cannot be decided, it says "maybe".
package acrlint.lib.egress

import data.acrlint.lib.access
import data.acrlint.lib.acr

# client_subnets maps a registry id to the subnets its clients' pulls leave
# from, and those to the clients with the attribute that places them there:
# {registry: {subnet: {client: attr}}}. AKS node pools pull from their
# subnets, App Service apps from their VNet integration subnet when they
# pull over it, container groups from their subnet.
# (A complete rule, computed in one pass; the subnets of one registry's
# clients are grouped within that registry, a few pulls, rather than
# across the whole graph.)
client_subnets := {reg_id: subnets |
	some reg_id, clients in access.clients
	pulls := {[subnet_id, client_id, attr] |
		some client_id, _ in clients
		some [subnet_id, attr] in _pull_subnets(input.nodes[client_id])
	}
	count(pulls) > 0
	subnets := {subnet_id: {client_id: attr | some [s, client_id, attr] in pulls; s == subnet_id} |
		some [subnet_id, _, _] in pulls
	}
}

_pull_subnets(node) := {[s, "subnets"] | some s in node.attrs.subnets} if node.kind == "aks_cluster"

_pull_subnets(node) := {[node.attrs.subnet, "subnet"]} if {
	node.kind == "web_app"
	node.attrs.vnet_image_pull == true
}

_pull_subnets(node) := {[node.attrs.subnet, "subnet"]} if node.kind == "container_group"

# client_role names a client in words: AKS cluster "aks-app".
client_role(id) := sprintf("%s %q", [_kind_words[input.nodes[id].kind], access.name(id)])

_kind_words := {
	"aks_cluster": "AKS cluster",
	"web_app": "App Service app",
	"container_group": "container group",
	"private_endpoint": "private endpoint",
}

# firewall_routes maps a subnet id to the Azure Firewalls its traffic to
# the Internet is forced through: its route table sends 0.0.0.0/0 to the
# firewall, and no other route of the table might take the registry's
# public addresses elsewhere (a public prefix or a service tag).
# {subnet: {{"firewall", "route_table"}}}.
firewall_routes[subnet_id] contains {"firewall": fw_id, "route_table": rt_id} if {
	some subnet_id, subnet in acr.subnets
	acr.known(subnet, "route_table")
	rt_id := subnet.attrs.route_table
	rt := input.nodes[rt_id]
	acr.known(rt, "routes")
	some route in rt.attrs.routes
	route.prefix == "0.0.0.0/0"
	lower(route.next_hop_type) == "virtualappliance"
	fw_id := route.next_hop
	fw := input.nodes[fw_id]
	fw.kind == "firewall"
	not acr.is_external(fw)
	not _bypass(rt, fw_id)
}

_bypass(rt, fw_id) if {
	some route in rt.attrs.routes
	route.prefix != "0.0.0.0/0"
	not _to(route, fw_id)
	not is_private(route.prefix)
}

_bypass(rt, _) if {
	some route in rt.attrs.routes
	not is_string(route.prefix)
}

_to(route, fw_id) if route.next_hop == fw_id

# cidr normalizes an address or prefix to a prefix; undefined for anything
# else (a service tag, "*", a range).
cidr(s) := s if {
	is_string(s)
	net.cidr_is_valid(s)
}

cidr(s) := concat("", [s, "/32"]) if {
	is_string(s)
	not contains(s, "/")
	net.cidr_is_valid(concat("", [s, "/32"]))
}

_private_ranges := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]

# is_private holds for a prefix inside the private address ranges, where no
# public endpoint of a registry lives.
is_private(s) if {
	c := cidr(s)
	some r in _private_ranges
	net.cidr_contains(r, c)
}

# prefix_match tells whether an address prefix holds the addresses of a
# set of prefixes (the prefixes of a subnet): "yes" when it contains them
# all, "no" when it meets none, "maybe" otherwise or when either side is
# not an address prefix.
prefix_match(s, prefixes) := "yes" if {
	c := cidr(s)
	_prefixes(prefixes)
	every p in prefixes {
		net.cidr_contains(c, cidr(p))
	}
} else := "no" if {
	c := cidr(s)
	_prefixes(prefixes)
	every p in prefixes {
		not net.cidr_intersects(c, cidr(p))
	}
} else := "maybe"

_prefixes(prefixes) if {
	count(prefixes) > 0
	every p in prefixes {
		cidr(p)
	}
}

# any_of folds the matches of a list's entries: "yes" when one entry
# matches, "no" when every entry is known not to (and there is one),
# "maybe" otherwise.
any_of(ms) := "yes" if {
	"yes" in ms
} else := "no" if {
	count(ms) > 0
	every m in ms {
		m == "no"
	}
} else := "maybe"

# all_of folds the matches of a rule's fields: "no" when one field does not
# match, "yes" when all do, "maybe" otherwise.
all_of(ms) := "no" if {
	"no" in ms
} else := "yes" if {
	every m in ms {
		m == "yes"
	}
} else := "maybe"

# port_match tells whether a list of destination ports holds 443: "*",
# "443" or a range "a-b" around it.
port_match(ports) := any_of([_port(p) | some p in ports])

_port(p) := "yes" if {
	is_string(p)
	lower(p) in {"*", "any", "443"}
} else := "yes" if {
	is_string(p)
	regex.match(`^\s*[0-9]+\s*-\s*[0-9]+\s*$`, p)
	[lo, hi] := split(p, "-")
	to_number(trim_space(lo)) <= 443
	to_number(trim_space(hi)) >= 443
} else := "no" if {
	is_string(p)
	regex.match(`^\s*[0-9]+\s*(-\s*[0-9]+\s*)?$`, p)
} else := "maybe"

# protocol_match tells whether a protocol name carries HTTPS: *, Any, Tcp.
protocol_match(p) := "yes" if {
	is_string(p)
	lower(p) in {"*", "any", "tcp"}
} else := "no" if {
	is_string(p)
} else := "maybe"

# registry_regions are the regions a registry serves from: its location,
# its replicas and the regions of its data endpoints (lower case); empty,
# meaning any, when its replicas are unknown.
registry_regions(reg) := {lower(r) |
	some r in array.concat(
		array.concat([loc | loc := reg.location], reg.attrs.replica_locations),
		[split(e, ".")[1] | some e in object.get(reg.attrs, "data_endpoints", [])],
	)
} if {
	acr.known(reg, "replica_locations")
} else := set()

# tag_match tells whether a service tag holds the addresses of a service
# in a set of regions: base is the tag of the service (lower case, e.g.
# "azurecontainerregistry"); the regional tag base.<region> holds them when
# the service lives in that region only, and maybe when it lives in several.
# AzureCloud holds every Azure service.
tag_match(tag, base, regions) := "yes" if {
	is_string(tag)
	lower(tag) in {base, "azurecloud"}
} else := _regional(lower(tag), regions) if {
	is_string(tag)
	some b in {base, "azurecloud"}
	startswith(lower(tag), concat("", [b, "."]))
} else := "no"

_regional(tag, regions) := "yes" if {
	regions == {_region(tag)}
} else := "maybe" if {
	_region(tag) in regions
} else := "maybe" if {
	count(regions) == 0
} else := "no"

_region(tag) := substring(tag, indexof(tag, ".") + 1, -1)

# fqdn_covers holds when an FQDN pattern of a firewall rule covers a name:
# the same name in any case, or a pattern starting with "*" whose rest ends
# the name ("*" covers everything, "*.azurecr.io" covers
# myacr.westeurope.data.azurecr.io and "*.core.windows.net" covers
# "*.blob.core.windows.net").
fqdn_covers(pattern, name) if acr.normalize_dns_name(pattern) == acr.normalize_dns_name(name)

fqdn_covers(pattern, name) if {
	startswith(pattern, "*")
	endswith(acr.normalize_dns_name(name), acr.normalize_dns_name(substring(pattern, 1, -1)))
}

# storage_wildcard is the name that covers the storage accounts a registry
# without dedicated data endpoints serves layers from, in its cloud.
storage_wildcard(reg) := "*.blob.core.chinacloudapi.cn" if {
	endswith(acr.normalize_dns_name(reg.attrs.login_server), ".azurecr.cn")
} else := "*.blob.core.usgovcloudapi.net" if {
	endswith(acr.normalize_dns_name(reg.attrs.login_server), ".azurecr.us")
} else := "*.blob.core.windows.net"

# pull_needs are the endpoints a pull over the public endpoint reaches, each
# {"name": FQDN or wildcard, "tag": the service tag holding its addresses,
# "regions": the regions it may live in, "storage": whether it is the
# storage of a registry without dedicated data endpoints}: the login server,
# and the data endpoint of every region when dedicated data endpoints are
# on, otherwise the storage accounts. When whether they are on is unknown,
# only the login server.
pull_needs(reg) := needs if {
	acr.known(reg, "login_server")
	regions := registry_regions(reg)
	rest := {{"name": acr.normalize_dns_name(reg.attrs.login_server), "tag": "azurecontainerregistry", "regions": regions, "storage": false}}
	needs := rest | _data_needs(reg, regions)
}

_data_needs(reg, _) := {{"name": acr.normalize_dns_name(e), "tag": "azurecontainerregistry", "regions": {lower(split(e, ".")[1])}, "storage": false} |
	some e in reg.attrs.data_endpoints
} if {
	reg.attrs.data_endpoint_enabled == true
	acr.known(reg, "data_endpoints")
}

_data_needs(reg, regions) := {{"name": storage_wildcard(reg), "tag": "storage", "regions": regions, "storage": true}} if {
	acr.known(reg, "data_endpoint_enabled")
	reg.attrs.data_endpoint_enabled == false
}

_data_needs(reg, _) := set() if not acr.known(reg, "data_endpoint_enabled")

# resolver returns how a VNet resolves names through Azure DNS: {"vnet":
# the VNet whose links to private DNS zones answer, "via": the firewall
# whose DNS proxy forwards the queries, "" when none}. A VNet with Azure
# DNS answers for itself; a VNet whose only DNS server is the private
# address of an Azure Firewall with DNS proxy on resolves through the
# firewall, hence through the links of the firewall's VNet. Undefined for
# other DNS servers and unknown values.
resolver(vnet_id) := {"vnet": vnet_id, "via": ""} if acr.uses_azure_dns(acr.vnets[vnet_id])

resolver(vnet_id) := {"vnet": hub, "via": fw_id} if {
	vnet := acr.vnets[vnet_id]
	acr.known(vnet, "dns_servers")
	servers := {s | some s in vnet.attrs.dns_servers}
	count(servers) == 1
	some ip in servers
	fw_id := _firewall_at(ip)
	fw := input.nodes[fw_id]
	acr.known(fw, "dns_proxy")
	fw.attrs.dns_proxy == true
	subnet := acr.subnets[fw.attrs.subnet]
	not acr.is_external(subnet)
	hub := subnet.attrs.vnet
	acr.vnets[hub]
}

_firewall_at(ip) := fw_id if {
	ids := object.get(_firewalls_by_ip, ip, set())
	count(ids) == 1
	some fw_id in ids
}

_firewalls_by_ip := {ip: ids |
	some ip in {i | some [i, _] in _firewall_ips}
	ids := {id | some [i, id] in _firewall_ips; i == ip}
}

_firewall_ips := {[ip, id] |
	some id in acr.nodes_by_kind.firewall
	fw := input.nodes[id]
	acr.known(fw, "private_ip")
	ip := fw.attrs.private_ip
}

# public_path holds when clients in a VNet reach a registry over its
# public endpoint: public network access is on, and either the registry
# has no private endpoint (and none may be hidden from the scan), or the
# VNet resolves its names through Azure DNS from a VNet linked to no
# private DNS zone that could answer for them.
public_path(reg_id, _) if {
	_public(reg_id)
	count(acr.endpoints_of(reg_id)) == 0
	not access.endpoints_unknown
	not access.resources_hidden
}

public_path(reg_id, vnet_id) if {
	_public(reg_id)
	count(acr.endpoints_of(reg_id)) > 0
	reg := acr.registries[reg_id]
	acr.known(reg, "login_server")
	res := resolver(vnet_id)
	not _zones_unknown
	not _may_answer(res.vnet, reg)
	not private_path(reg_id, vnet_id)
}

_public(reg_id) if {
	reg := acr.registries[reg_id]
	access.public_access_enabled(reg)
}

_zones_unknown if {
	some zone in acr.zones
	_zone_unknown(zone)
}

_zone_unknown(zone) if acr.is_external(zone)

_zone_unknown(zone) if not acr.known(zone, "name")

_zone_unknown(zone) if not acr.known(zone, "linked_vnets")

# _may_answer holds when a VNet is linked to a zone whose name is one of
# the registry's names, their privatelink aliases, or a parent of one.
_may_answer(vnet_id, reg) if {
	some zone_id in object.get(acr.linked_zones, vnet_id, set())
	zone := acr.zones[zone_id]
	name := acr.normalize_dns_name(zone.attrs.name)
	some fqdn in _aliases(reg)
	_within(fqdn, name)
}

_within(fqdn, zone) if fqdn == zone

_within(fqdn, zone) if endswith(fqdn, concat("", [".", zone]))

_aliases(reg) := {n |
	some fqdn in array.concat([reg.attrs.login_server], object.get(reg.attrs, "data_endpoints", []))
	some n in _alias_pair(acr.normalize_dns_name(fqdn))
}

# The privatelink alias of a registry name inserts "privatelink" before the
# registry domain: myacr.westeurope.data.privatelink.azurecr.io.
_alias_pair(fqdn) := {fqdn, concat(".", array.concat(array.slice(parts, 0, n - 2), array.concat(["privatelink"], array.slice(parts, n - 2, n))))} if {
	parts := split(fqdn, ".")
	n := count(parts)
	n > 2
}

# private_path holds when clients in a VNet reach a registry through its
# private endpoints: the VNet resolves through Azure DNS from a VNet linked
# to a privatelink zone that holds the registry's records (through a zone
# group of one of its endpoints, or an A record for its login server).
private_path(reg_id, vnet_id) if {
	endpoints := acr.endpoints_of(reg_id)
	count(endpoints) > 0
	res := resolver(vnet_id)
	some zone_id in object.get(acr.linked_zones, res.vnet, set())
	acr.privatelink_zones[zone_id]
	_holds_registry(zone_id, reg_id, endpoints)
}

_holds_registry(zone_id, _, endpoints) if {
	some pe_id in endpoints
	zone_id in acr.private_endpoints[pe_id].attrs.dns_zones
}

_holds_registry(zone_id, reg_id, _) if {
	reg := acr.registries[reg_id]
	acr.known(reg, "login_server")
	zone_id in acr.record_zones_for({acr.normalize_dns_name(reg.attrs.login_server)})
}

# endpoint_prefixes returns the address prefixes of the subnets of a
# registry's private endpoints; undefined when one is unknown.
endpoint_prefixes(reg_id) := prefixes if {
	endpoints := acr.endpoints_of(reg_id)
	every pe_id in endpoints {
		_endpoint_subnet_known(acr.private_endpoints[pe_id])
	}
	prefixes := {p |
		some pe_id in endpoints
		some p in acr.subnets[acr.private_endpoints[pe_id].attrs.subnet].attrs.address_prefixes
	}
}

_endpoint_subnet_known(pe) if {
	subnet := acr.subnets[pe.attrs.subnet]
	acr.known(subnet, "address_prefixes")
	every p in subnet.attrs.address_prefixes {
		cidr(p)
	}
}

# subnet_prefixes returns the address prefixes of a subnet, when known and
# well formed.
subnet_prefixes(subnet_id) := {p | some p in subnet.attrs.address_prefixes} if {
	subnet := acr.subnets[subnet_id]
	acr.known(subnet, "address_prefixes")
	count(subnet.attrs.address_prefixes) > 0
	every p in subnet.attrs.address_prefixes {
		cidr(p)
	}
}

# allows holds for a firewall rule of a collection that allows traffic (an
# action left out or not known is taken to allow: the rule may then let the
# traffic through).
allows(rule) if not _denies(rule)

_denies(rule) if {
	is_string(rule.action)
	lower(rule.action) == "deny"
}

# source_match tells whether a firewall rule's sources hold a subnet's
# addresses. Rules whose sources the graph does not show (IP groups) and
# subnets whose prefixes are unknown give "maybe".
source_match(rule, subnet_id) := any_of([_source(s, subnet_id) | some s in object.get(rule, "source", [])])

_source(s, _) := "yes" if s == "*"

_source(s, subnet_id) := prefix_match(s, subnet_prefixes(subnet_id)) if {
	s != "*"
	cidr(s)
	subnet_prefixes(subnet_id)
}

_source(s, subnet_id) := "maybe" if {
	s != "*"
	not _prefix_pair(s, subnet_id)
}

_prefix_pair(s, subnet_id) if {
	cidr(s)
	subnet_prefixes(subnet_id)
}

# app_rule_match tells whether an application rule names an endpoint: one
# of its FQDNs covers the endpoint's name; a rule with neither FQDNs nor
# FQDN tags targets what the graph does not show (web categories, URLs)
# and may. FQDN tags never cover a registry: AzureKubernetesService opens
# AKS's own endpoints, not the customer's registry.
app_rule_match(rule, need) := "yes" if {
	some p in object.get(rule, "fqdns", [])
	fqdn_covers(p, need.name)
} else := "maybe" if {
	count(object.get(rule, "fqdns", [])) == 0
	count(object.get(rule, "fqdn_tags", [])) == 0
} else := "no"

# net_rule_match tells whether a network rule lets HTTPS through to an
# endpoint: port 443 over TCP to an address, an FQDN or a service tag that
# holds it. A public prefix other than 0.0.0.0/0 may hold the endpoint's
# addresses; a rule without any destination the graph shows (IP groups)
# may too.
net_rule_match(rule, need) := all_of([
	port_match(object.get(rule, "ports", [])),
	any_of([protocol_match(p) | some p in object.get(rule, "protocols", [])]),
	any_of(array.concat(
		array.concat(
			[_fqdn(p, need.name) | some p in object.get(rule, "fqdns", [])],
			[tag_match(t, need.tag, need.regions) | some t in object.get(rule, "service_tags", [])],
		),
		[_address(d) | some d in object.get(rule, "destinations", [])],
	)),
])

_fqdn(p, name) := "yes" if {
	fqdn_covers(p, name)
} else := "no"

_address(d) := "yes" if {
	d in {"*", "0.0.0.0/0"}
} else := "no" if {
	is_private(d)
} else := "maybe"
