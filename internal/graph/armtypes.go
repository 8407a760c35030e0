package graph

import (
	"slices"
	"strings"
)

// Azure resource types, as ARM templates and Bicep files declare them
// (https://learn.microsoft.com/azure/templates/). Property names are those
// of the published API versions; ARM matches them case-insensitively.
func init() {
	mappings["Microsoft.ContainerRegistry/registries"] = mapping{armType: "Microsoft.ContainerRegistry/registries", kind: KindRegistry, primary: armRegistry}
	mappings["Microsoft.ContainerRegistry/registries/replications"] = mapping{fold: armReplication}
	mappings["Microsoft.Network/privateEndpoints"] = mapping{armType: "Microsoft.Network/privateEndpoints", kind: KindPrivateEndpoint, primary: armPrivateEndpoint}
	mappings["Microsoft.Network/privateEndpoints/privateDnsZoneGroups"] = mapping{fold: armZoneGroup}
	mappings["Microsoft.Network/privateDnsZones"] = mapping{armType: "Microsoft.Network/privateDnsZones", kind: KindPrivateDNSZone, primary: armPrivateDNSZone}
	mappings["Microsoft.Network/privateDnsZones/A"] = mapping{fold: armARecord}
	mappings["Microsoft.Network/privateDnsZones/virtualNetworkLinks"] = mapping{fold: armZoneLink}
	mappings["Microsoft.Network/virtualNetworks"] = mapping{armType: "Microsoft.Network/virtualNetworks", kind: KindVNet, primary: armVNet}
	mappings["Microsoft.Network/virtualNetworks/subnets"] = mapping{armType: "Microsoft.Network/virtualNetworks/subnets", kind: KindSubnet, primary: armSubnet, armName: armFullName}
}

// armMappingFor finds the mapping of an ARM type whatever its casing.
func armMappingFor(typ string) (mapping, bool) {
	if m, ok := mappings[typ]; ok {
		return m, true
	}
	for k, m := range mappings {
		if strings.EqualFold(k, typ) {
			return m, true
		}
	}
	return mapping{}, false
}

// armFullName is a child resource's name in its ID: parent/child.
func armFullName(m *mapper) string {
	s, _ := m.str("name")
	return s
}

// armNames reads the name of a resource; a child resource's name is
// "parent/child", of which the node takes the last segment.
func (m *mapper) armName() {
	full, ok := m.str("name")
	if !ok {
		m.n.Name = ""
		if _, set := get(m.r.Body, "name"); set {
			m.n.Unknown = append(m.n.Unknown, "name")
		}
		return
	}
	m.n.Name = full[strings.LastIndex(full, "/")+1:]
	m.n.Attrs["name"] = m.n.Name
	m.setLine(m.n, "name", "name")
}

func armRegistry(m *mapper) {
	n := m.n
	m.armName()
	if n.Location != "" {
		m.setLine(n, "location", "location")
	}
	m.setString("sku", "sku.name", "")
	// publicNetworkAccess: "Enabled" | "Disabled".
	m.setFlag("public_network_access", "properties.publicNetworkAccess", "Enabled", DefaultPublicNetworkAccess)
	m.setBool("data_endpoint_enabled", "properties.dataEndpointEnabled", DefaultDataEndpointEnabled)
	// networkRuleBypassOptions: "AzureServices" | "None".
	m.setFlag("bypass_azure_services", "properties.networkRuleBypassOptions", "AzureServices", DefaultBypassAzureServices)
	m.setString("default_action", "properties.networkRuleSet.defaultAction", DefaultNetworkRuleAction)
	if ips, ok := m.ruleList("ip_rules", "properties.networkRuleSet.ipRules", "value"); ok {
		n.Attrs["ip_rules"] = ips
	}
	if rules, ok := m.subnetRules("vnet_rules", "properties.networkRuleSet.virtualNetworkRules", "id"); ok {
		n.Attrs["vnet_rules"] = rules
	}
	// Replicas are child resources, folded in after every node exists.
	n.Attrs["replica_locations"] = []string{}
	m.commit()
	m.finish(func() {
		replicas, ok := n.Attrs["replica_locations"].([]string)
		registryEndpoints(n, replicas, ok && n.Location != "")
	})
}

// parentOf finds the node a child resource belongs to: by its parent
// reference (Bicep's parent:, a dependsOn or a nested resource), else by the
// first segment of its "parent/child" name.
func (b *builder) parentOf(r *Resource, kind string) (*Node, string, bool) {
	full, ok := Strip(field(r.Body, "name")).(string)
	if !ok {
		return nil, "", false
	}
	parentName, child, found := strings.Cut(full, "/")
	if !found {
		return nil, "", false
	}
	if r.Parent != "" {
		if id, ok := b.byAddr[addrKey(r, r.Parent)]; ok {
			return b.g.Nodes[id], child, true
		}
	}
	var match *Node
	for _, id := range b.named(kind, parentName, r) {
		n := b.g.Nodes[id]
		if n.Source.Format != r.Format || n.External {
			continue
		}
		if match != nil {
			return nil, "", false
		}
		match = n
	}
	return match, child, match != nil
}

func armReplication(b *builder, r *Resource) {
	reg, _, ok := b.parentOf(r, KindRegistry)
	if !ok {
		if _, known := Strip(field(r.Body, "name")).(string); !known {
			// A replica whose name is unknown may belong to any registry of
			// its file: none of them has known replicas.
			b.unknownInFile(r, KindRegistry, "replica_locations", "data_endpoints")
		}
		return
	}
	loc, ok := Strip(field(r.Body, "location")).(string)
	replicas, known := reg.Attrs["replica_locations"].([]string)
	if !known {
		return
	}
	if !ok {
		delete(reg.Attrs, "replica_locations")
		reg.Unknown = append(reg.Unknown, "replica_locations")
		return
	}
	reg.Attrs["replica_locations"] = append(replicas, NormalizeLocation(loc))
	foldedAt(reg, "replica_locations", r)
}

func armPrivateEndpoint(m *mapper) {
	n := m.n
	m.armName()
	m.ref("subnet", "properties.subnet.id", KindSubnet)
	n.Attrs["custom_dns"] = []any{}
	n.Attrs["dns_zones"] = []string{}
	var conns []any
	known := true
	at := "" // the list the connections attribute points at
	for _, p := range []string{"properties.privateLinkServiceConnections", "properties.manualPrivateLinkServiceConnections"} {
		v, ok := m.present("connections", p)
		if !ok {
			if _, set := get(m.r.Body, p); set {
				known = false
			}
			continue
		}
		list, isList := v.([]Value)
		if !isList {
			known = false
			continue
		}
		if at == "" && len(list) > 0 {
			at = p
		}
		for _, e := range list {
			obj, isObj := e.(map[string]Value)
			if !isObj {
				known = false
				continue
			}
			c := map[string]any{}
			if s, ok := Strip(obj["name"]).(string); ok {
				c["name"] = s
			}
			props, _ := obj["properties"].(map[string]Value)
			if gs, ok := stringList(props["groupIds"]); ok {
				c["group_ids"] = gs
			}
			target := props["privateLinkServiceId"]
			m.later(func() {
				if id, ok := m.b.resolve(m.r, target, KindRegistry); ok {
					c["resource"] = id
				}
			})
			conns = append(conns, c)
		}
	}
	// Point at the list that holds the connections, not at an empty one
	// beside it (templates exported from Azure carry both), and at the
	// property itself rather than its first element.
	if at != "" {
		if pos, ok := m.r.Lines[at]; ok {
			n.AttrLines["connections"] = pos.Line
			n.attrCols["connections"] = pos.Column
		} else {
			m.setLine(n, "connections", at)
		}
	}
	if known {
		if conns == nil {
			conns = []any{}
		}
		n.Attrs["connections"] = conns
	} else {
		n.Unknown = append(n.Unknown, "connections")
	}
	m.commit()
}

// armZoneGroup folds a private DNS zone group into its private endpoint.
func armZoneGroup(b *builder, r *Resource) {
	pe, _, ok := b.parentOf(r, KindPrivateEndpoint)
	if !ok {
		return
	}
	zones, known := pe.Attrs["dns_zones"].([]string)
	if !known {
		return
	}
	v, _ := get(r.Body, "properties.privateDnsZoneConfigs")
	configs, isList := v.([]Value)
	unknown := func() {
		delete(pe.Attrs, "dns_zones")
		pe.Unknown = append(pe.Unknown, "dns_zones")
	}
	if !isList {
		unknown()
		return
	}
	for _, c := range configs {
		zv, _ := get(asMap(c), "properties.privateDnsZoneId")
		id, ok := b.resolve(r, zv, KindPrivateDNSZone)
		if !ok {
			unknown()
			return
		}
		zones = append(zones, id)
	}
	pe.Attrs["dns_zones"] = zones
	foldedAt(pe, "dns_zones", r)
}

// foldedAt records that attr of n is set by the child resource r: at the
// start of the first such child in n's file, line and column.
func foldedAt(n *Node, attr string, r *Resource) {
	if r.Range.File != n.Source.File {
		return
	}
	if _, set := n.AttrLines[attr]; set {
		return
	}
	n.AttrLines[attr] = r.Range.Start.Line
	if n.attrCols == nil {
		n.attrCols = map[string]int{}
	}
	n.attrCols[attr] = r.Range.Start.Column
}

func asMap(v Value) map[string]Value {
	m, _ := v.(map[string]Value)
	return m
}

func armPrivateDNSZone(m *mapper) {
	n := m.n
	m.armName()
	if n.Name != "" {
		n.Name = strings.ToLower(n.Name)
		n.Attrs["name"] = n.Name
	}
	n.Attrs["records"] = map[string]any{}
	n.Attrs["linked_vnets"] = []string{}
	m.commit()
}

// armARecord folds an A record set into its zone.
func armARecord(b *builder, r *Resource) {
	z, rel, ok := b.parentOf(r, KindPrivateDNSZone)
	if !ok {
		if _, known := Strip(field(r.Body, "name")).(string); !known {
			// A record whose name is unknown may belong to any zone of its
			// file: none of them can be said to lack a record.
			b.unknownInFile(r, KindPrivateDNSZone, "records")
		}
		return
	}
	recs, ok := z.Attrs["records"].(map[string]any)
	if !ok {
		return
	}
	ips := []string{}
	v, _ := get(r.Body, "properties.aRecords")
	if list, isList := v.([]Value); isList {
		for _, e := range list {
			if s, ok := Strip(asMap(e)["ipv4Address"]).(string); ok {
				ips = append(ips, s)
			}
		}
	}
	key := strings.ToLower(rel)
	recs[key] = append(append([]string{}, toStrings(recs[key])...), ips...)
	foldedAt(z, "records", r)
}

// armZoneLink folds a virtual network link into its zone.
func armZoneLink(b *builder, r *Resource) {
	z, _, ok := b.parentOf(r, KindPrivateDNSZone)
	if !ok {
		return
	}
	links, ok := z.Attrs["linked_vnets"].([]string)
	if !ok {
		return
	}
	v, _ := get(r.Body, "properties.virtualNetwork.id")
	id, ok := b.resolve(r, v, KindVNet)
	if !ok {
		delete(z.Attrs, "linked_vnets")
		z.Unknown = append(z.Unknown, "linked_vnets")
		return
	}
	if !slices.Contains(links, id) {
		z.Attrs["linked_vnets"] = append(links, id)
	}
	foldedAt(z, "linked_vnets", r)
}

func armVNet(m *mapper) {
	n := m.n
	m.armName()
	m.setStrings("address_space", "properties.addressSpace.addressPrefixes")
	m.setStrings("dns_servers", "properties.dhcpOptions.dnsServers")
	vnet := m.commit()
	v, ok := get(m.r.Body, "properties.subnets")
	list, isList := v.([]Value)
	if !ok || !isList {
		return
	}
	for i, e := range list {
		obj := asMap(e)
		name, _ := Strip(obj["name"]).(string)
		sn := &Node{
			ID: vnet.ID + "/subnet/" + name, Kind: KindSubnet, Name: name,
			Location: vnet.Location, ResourceGroup: vnet.ResourceGroup, Source: vnet.Source,
			Attrs: map[string]any{"vnet": vnet.ID, "name": name, "bastion": isBastion(name)},
		}
		sn.Source.Line = m.r.Line(IndexPath("properties.subnets", i)).Line
		if name == "" {
			sn.ID = IndexPath(vnet.ID+"/subnet", i)
			sn.Unknown = []string{"name"}
		}
		props := asMap(obj["properties"])
		armSubnetProps(sn, props)
		m.add(sn)
		m.subnetRefs(sn, props)
		if name != "" && n.Name != "" {
			m.index(vnet.ResourceGroup, "Microsoft.Network/virtualNetworks/subnets", n.Name+"/"+name, sn.ID)
		}
	}
}

// armSubnetProps reads a subnet's properties object.
func armSubnetProps(sn *Node, props map[string]Value) {
	if p, ok := stringList(props["addressPrefixes"]); ok {
		sn.Attrs["address_prefixes"] = p
	} else if p, ok := stringList(props["addressPrefix"]); ok {
		sn.Attrs["address_prefixes"] = p
	}
	eps := []string{}
	if list, ok := props["serviceEndpoints"].([]Value); ok {
		for _, e := range list {
			if s, ok := Strip(asMap(e)["service"]).(string); ok {
				eps = append(eps, s)
			}
		}
	}
	sn.Attrs["service_endpoints"] = eps
}

func armSubnet(m *mapper) {
	n := m.n
	m.armName()
	if n.Name != "" {
		n.Attrs["bastion"] = isBastion(n.Name)
	}
	props := asMap(field(m.r.Body, "properties"))
	armSubnetProps(n, props)
	m.commit()
	m.subnetRefs(n, props)
	m.later(func() {
		if parent, _, ok := m.b.parentOf(m.r, KindVNet); ok {
			n.Attrs["vnet"] = parent.ID
		} else {
			n.Unknown = append(n.Unknown, "vnet")
		}
	})
}

// field reads a property of a body case-insensitively.
func field(b map[string]Value, p string) Value {
	v, _ := get(b, p)
	return v
}

// subnetRefs resolves an ARM subnet's NSG and route table.
func (m *mapper) subnetRefs(sn *Node, props map[string]Value) {
	for _, ref := range []struct{ attr, path, kind string }{
		{"nsg", "networkSecurityGroup.id", KindNSG},
		{"route_table", "routeTable.id", KindRouteTable},
	} {
		attr, kind := ref.attr, ref.kind
		v, ok := get(props, ref.path)
		if !ok {
			continue
		}
		m.later(func() {
			if id, ok := m.b.resolve(m.r, v, kind); ok {
				sn.Attrs[attr] = id
			} else {
				sn.Unknown = append(sn.Unknown, attr)
			}
		})
	}
}

// unknownInFile makes attrs unknown on every node of a kind declared in r's
// file: r adds to one of them, but which cannot be told.
func (b *builder) unknownInFile(r *Resource, kind string, attrs ...string) {
	for _, n := range b.g.Nodes {
		if n.Kind == kind && n.Source.File == r.Range.File && !n.External {
			for _, a := range attrs {
				delete(n.Attrs, a)
				n.Unknown = append(n.Unknown, a)
			}
		}
	}
}
