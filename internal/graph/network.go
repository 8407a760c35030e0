package graph

import (
	"slices"
	"strings"
)

// Node kinds of the network path between a client and a registry.
const (
	KindNSG        = "nsg"
	KindRouteTable = "route_table"
	KindFirewall   = "firewall"
)

func init() {
	Kinds = append(Kinds, KindNSG, KindRouteTable, KindFirewall)
	// azurerm
	mappings["azurerm_network_security_group"] = mapping{armType: "Microsoft.Network/networkSecurityGroups", kind: KindNSG, primary: func(m *mapper) { m.nsg("security_rule", tfNSGRule) }}
	mappings["azurerm_network_security_rule"] = mapping{fold: tfNSGRuleFold}
	mappings["azurerm_subnet_network_security_group_association"] = mapping{fold: func(b *builder, r *Resource) {
		b.associate(r, "subnet_id", "network_security_group_id", "nsg", KindNSG)
	}}
	mappings["azurerm_route_table"] = mapping{armType: "Microsoft.Network/routeTables", kind: KindRouteTable, primary: func(m *mapper) { m.routeTable("route", tfRoute) }}
	mappings["azurerm_route"] = mapping{fold: tfRouteFold}
	mappings["azurerm_subnet_route_table_association"] = mapping{fold: func(b *builder, r *Resource) {
		b.associate(r, "subnet_id", "route_table_id", "route_table", KindRouteTable)
	}}
	// ARM
	mappings["Microsoft.Network/networkSecurityGroups"] = mapping{armType: "Microsoft.Network/networkSecurityGroups", kind: KindNSG, primary: func(m *mapper) {
		m.armName()
		m.nsg("properties.securityRules", armNSGRule)
	}}
	mappings["Microsoft.Network/networkSecurityGroups/securityRules"] = mapping{fold: armNSGRuleFold}
	mappings["Microsoft.Network/routeTables"] = mapping{armType: "Microsoft.Network/routeTables", kind: KindRouteTable, primary: func(m *mapper) {
		m.armName()
		m.routeTable("properties.routes", armRoute)
	}}
	mappings["Microsoft.Network/routeTables/routes"] = mapping{fold: armRouteFold}
}

// record reads fields of an object into a record: for each output field,
// the first source path present; a list field gathers the singular and
// plural forms. Fields whose value is unknown are left out and returned.
func record(obj map[string]Value, scalars map[string][]string, lists map[string][]string) (map[string]any, []string) {
	out := map[string]any{}
	var unknown []string
	for field, paths := range scalars {
		for _, p := range paths {
			v, found := get(obj, p)
			if !found || v == nil {
				continue
			}
			switch x := Strip(v).(type) {
			case string, bool, float64, int64:
				out[field] = x
			default:
				unknown = append(unknown, field)
			}
			break
		}
	}
	for field, paths := range lists {
		l := []string{}
		for _, p := range paths {
			v, found := get(obj, p)
			if !found || v == nil {
				continue
			}
			s, ok := stringList(v)
			if !ok {
				unknown = append(unknown, field)
				break
			}
			l = append(l, s...)
		}
		if !slices.Contains(unknown, field) {
			out[field] = l
		}
	}
	slices.Sort(unknown)
	return out, unknown
}

// tfNSGRule reads a security_rule block or azurerm_network_security_rule.
func tfNSGRule(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj,
		map[string][]string{"name": {"name"}, "priority": {"priority"}, "direction": {"direction"}, "access": {"access"}, "protocol": {"protocol"}},
		map[string][]string{
			"source":      {"source_address_prefix", "source_address_prefixes"},
			"destination": {"destination_address_prefix", "destination_address_prefixes"},
			"ports":       {"destination_port_range", "destination_port_ranges"},
		})
	return rec, len(unknown) == 0
}

// armNSGRule reads an ARM security rule: {name, properties: {...}}.
func armNSGRule(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj,
		map[string][]string{"name": {"name"}, "priority": {"properties.priority"}, "direction": {"properties.direction"}, "access": {"properties.access"}, "protocol": {"properties.protocol"}},
		map[string][]string{
			"source":      {"properties.sourceAddressPrefix", "properties.sourceAddressPrefixes"},
			"destination": {"properties.destinationAddressPrefix", "properties.destinationAddressPrefixes"},
			"ports":       {"properties.destinationPortRange", "properties.destinationPortRanges"},
		})
	if name, isString := rec["name"].(string); isString {
		rec["name"] = name[strings.LastIndex(name, "/")+1:]
	}
	return rec, len(unknown) == 0
}

// nsg reads the inline rules at p.
func (m *mapper) nsg(p string, read func(map[string]Value) (map[string]any, bool)) {
	if m.n.Name != "" {
		m.n.Attrs["name"] = m.n.Name
	}
	m.readList("rules", p, read)
	m.commit()
}

// readList reads the objects at p into attr with read; attr is unknown when
// the list or any element is.
func (m *mapper) readList(attr, p string, read func(map[string]Value) (map[string]any, bool)) {
	n := m.n
	out := []any{}
	if v, ok := m.present(attr, p); ok {
		bs, known := blocks(v)
		for _, b := range bs {
			rec, ok := read(b)
			if !ok {
				known = false
				break
			}
			out = append(out, rec)
		}
		if !known {
			n.Unknown = append(n.Unknown, attr)
			return
		}
	} else if slices.Contains(n.Unknown, attr) {
		return
	}
	n.Attrs[attr] = out
}

// addRule folds a rule resource into its parent's list attr.
func addRule(parent *Node, attr string, r *Resource, rec map[string]any, ok bool) {
	list, known := parent.Attrs[attr].([]any)
	if !known {
		return
	}
	if !ok {
		delete(parent.Attrs, attr)
		parent.Unknown = append(parent.Unknown, attr)
		return
	}
	parent.Attrs[attr] = append(list, rec)
	if r.Range.File == parent.Source.File {
		if _, set := parent.AttrLines[attr]; !set {
			parent.AttrLines[attr] = r.Range.Start.Line
		}
	}
}

// byNameRef finds the node a child resource names in nameAttr: by
// reference, else by name (and resource group) in the same scope.
func (b *builder) byNameRef(r *Resource, nameAttr, kind string) (*Node, bool) {
	v, ok := get(r.Body, nameAttr)
	if !ok {
		return nil, false
	}
	for _, ref := range RefsOf(v) {
		if id, ok := b.byAddr[addrKey(r, ref.Address)]; ok && b.g.Nodes[id].Kind == kind {
			return b.g.Nodes[id], true
		}
	}
	name, ok := Strip(v).(string)
	if !ok {
		return nil, false
	}
	rg, _ := Strip(field(r.Body, "resource_group_name")).(string)
	match := b.namedIn(kind, name, rg, r)
	if match.n != 1 {
		return nil, false
	}
	found := b.g.Nodes[match.first]
	return found, !found.External
}

func tfNSGRuleFold(b *builder, r *Resource) {
	if nsg, ok := b.byNameRef(r, "network_security_group_name", KindNSG); ok {
		rec, ok := tfNSGRule(r.Body)
		addRule(nsg, "rules", r, rec, ok)
	}
}

func armNSGRuleFold(b *builder, r *Resource) {
	if nsg, _, ok := b.parentOf(r, KindNSG); ok {
		rec, ok := armNSGRule(r.Body)
		addRule(nsg, "rules", r, rec, ok)
	}
}

// associate sets a subnet's attr to the node an association resource
// names (azurerm_subnet_network_security_group_association and the like).
func (b *builder) associate(r *Resource, subnetAttr, targetAttr, attr, kind string) {
	subnetID, ok := b.resolve(r, field(r.Body, subnetAttr), KindSubnet)
	if !ok {
		return
	}
	sn := b.g.Nodes[subnetID]
	if sn == nil || sn.External {
		return
	}
	if id, ok := b.resolve(r, field(r.Body, targetAttr), kind); ok {
		sn.Attrs[attr] = id
	} else {
		sn.Unknown = append(sn.Unknown, attr)
	}
}

// tfRoute reads a route block or azurerm_route.
func tfRoute(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj,
		map[string][]string{"name": {"name"}, "prefix": {"address_prefix"}, "next_hop_type": {"next_hop_type"}, "next_hop_ip": {"next_hop_in_ip_address"}},
		nil)
	return routeRecord(rec, unknown, field(obj, "next_hop_in_ip_address"))
}

// routeRecord keeps the next hop address's references for resolveHops; a
// route is known when only its next hop address is unknown and that
// address names a resource (a firewall's private address).
func routeRecord(rec map[string]any, unknown []string, hop Value) (map[string]any, bool) {
	if name, isString := rec["name"].(string); isString {
		rec["name"] = name[strings.LastIndex(name, "/")+1:]
	}
	rec["next_hop_ref"] = hop
	switch {
	case len(unknown) == 0:
		return rec, true
	case len(unknown) == 1 && unknown[0] == "next_hop_ip" && len(RefsOf(hop)) > 0:
		return rec, true
	}
	return rec, false
}

// armRoute reads an ARM route: {name, properties: {...}}.
func armRoute(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj,
		map[string][]string{"name": {"name"}, "prefix": {"properties.addressPrefix"}, "next_hop_type": {"properties.nextHopType"}, "next_hop_ip": {"properties.nextHopIpAddress"}},
		nil)
	return routeRecord(rec, unknown, field(obj, "properties.nextHopIpAddress"))
}

// routeTable reads the inline routes at p; next hops are resolved once
// every firewall exists.
func (m *mapper) routeTable(p string, read func(map[string]Value) (map[string]any, bool)) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
	}
	m.readList("routes", p, read)
	m.commit()
	r := m.r
	m.finish(func() { m.b.resolveHops(r, n) })
}

func tfRouteFold(b *builder, r *Resource) {
	if rt, ok := b.byNameRef(r, "route_table_name", KindRouteTable); ok {
		rec, ok := tfRoute(r.Body)
		addRule(rt, "routes", r, rec, ok)
	}
}

func armRouteFold(b *builder, r *Resource) {
	if rt, _, ok := b.parentOf(r, KindRouteTable); ok {
		rec, ok := armRoute(r.Body)
		addRule(rt, "routes", r, rec, ok)
	}
}

// resolveHops sets next_hop on each VirtualAppliance route whose address is
// a firewall's private address, by reference or literally, and makes the
// routes unknown when a next hop address is unknown and names no firewall.
func (b *builder) resolveHops(r *Resource, rt *Node) {
	routes, ok := rt.Attrs["routes"].([]any)
	if !ok {
		return
	}
	for _, x := range routes {
		route := x.(map[string]any)
		ref := route["next_hop_ref"]
		delete(route, "next_hop_ref")
		if typ, _ := route["next_hop_type"].(string); !strings.EqualFold(typ, "VirtualAppliance") {
			continue
		}
		for _, rf := range RefsOf(ref) {
			if id, ok := b.byAddr[addrKey(r, rf.Address)]; ok && b.g.Nodes[id].Kind == KindFirewall {
				route["next_hop"] = id
			}
		}
		if _, done := route["next_hop"]; done {
			continue
		}
		ip, known := route["next_hop_ip"].(string)
		if !known {
			delete(rt.Attrs, "routes")
			rt.Unknown = append(rt.Unknown, "routes")
			return
		}
		if id, ok := b.firewallByIP()[ip]; ok {
			route["next_hop"] = id
		}
	}
}

// firewallByIP indexes firewalls by their known private address, once.
func (b *builder) firewallByIP() map[string]string {
	if b.fwIPs == nil {
		b.fwIPs = map[string]string{}
		for _, id := range b.g.SortedIDs() {
			n := b.g.Nodes[id]
			if ip, ok := n.Attrs["private_ip"].(string); ok && n.Kind == KindFirewall {
				if _, dup := b.fwIPs[ip]; !dup {
					b.fwIPs[ip] = id
				}
			}
		}
	}
	return b.fwIPs
}
