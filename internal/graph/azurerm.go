package graph

import (
	"slices"
	"strings"
)

// The azurerm provider's resource types, documented at
// https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs.
func init() {
	mappings["azurerm_container_registry"] = mapping{armType: "Microsoft.ContainerRegistry/registries", kind: KindRegistry, primary: azurermRegistry}
	mappings["azurerm_private_endpoint"] = mapping{armType: "Microsoft.Network/privateEndpoints", kind: KindPrivateEndpoint, primary: azurermPrivateEndpoint}
	mappings["azurerm_private_dns_zone"] = mapping{armType: "Microsoft.Network/privateDnsZones", kind: KindPrivateDNSZone, primary: azurermPrivateDNSZone}
	mappings["azurerm_virtual_network"] = mapping{armType: "Microsoft.Network/virtualNetworks", kind: KindVNet, primary: azurermVNet}
	mappings["azurerm_subnet"] = mapping{armType: "Microsoft.Network/virtualNetworks/subnets", kind: KindSubnet, primary: azurermSubnet, armName: azurermSubnetName}
	mappings["azurerm_private_dns_a_record"] = mapping{fold: azurermARecord}
	mappings["azurerm_private_dns_zone_virtual_network_link"] = mapping{fold: azurermZoneLink}
	mappings["azurerm_virtual_network_dns_servers"] = mapping{fold: azurermVNetDNSServers}
}

func lower(s string) string { return strings.ToLower(s) }

// RegistryEndpoints fills the registry attributes derived from its name,
// location and replicas: login server, data endpoints and restricted.
func registryEndpoints(n *Node, replicas []string, replicasKnown bool) {
	name, nameOK := n.Attrs["name"].(string)
	if nameOK {
		n.Attrs["login_server"] = LoginServer(name)
	} else {
		n.Unknown = append(n.Unknown, "login_server")
	}
	if nameOK && n.Location != "" && replicasKnown {
		eps := []string{DataEndpoint(name, n.Location)}
		for _, l := range replicas {
			if ep := DataEndpoint(name, l); !slices.Contains(eps, ep) {
				eps = append(eps, ep)
			}
		}
		n.Attrs["data_endpoints"] = eps
	} else {
		n.Unknown = append(n.Unknown, "data_endpoints")
	}
	pub, pubOK := n.Attrs["public_network_access"].(bool)
	act, actOK := n.Attrs["default_action"].(string)
	switch {
	case pubOK && !pub, actOK && strings.EqualFold(act, "Deny"):
		n.Attrs["restricted"] = true
	case pubOK && actOK:
		n.Attrs["restricted"] = false
	default:
		n.Unknown = append(n.Unknown, "restricted")
	}
}

func azurermRegistry(m *mapper) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
		m.setLine(n, "name", "name")
	} else if _, ok := m.present("name", "name"); !ok {
		n.Unknown = append(n.Unknown, "name")
	}
	if n.Location != "" {
		m.setLine(n, "location", "location")
	}
	m.setString("sku", "sku", "")
	m.setBool("public_network_access", "public_network_access_enabled", DefaultPublicNetworkAccess)
	m.setBool("data_endpoint_enabled", "data_endpoint_enabled", DefaultDataEndpointEnabled)
	m.setFlag("bypass_azure_services", "network_rule_bypass_option", "AzureServices", DefaultBypassAzureServices)
	// network_rule_set { default_action, ip_rule { ip_range }, virtual_network { subnet_id } }
	m.setString("default_action", "network_rule_set.default_action", DefaultNetworkRuleAction)
	if _, ok := get(m.r.Body, "network_rule_set"); ok {
		if _, ok := n.AttrLines["default_action"]; !ok {
			m.setLine(n, "default_action", "network_rule_set")
		}
	}
	ipRules, ipOK := m.ruleList("ip_rules", "network_rule_set.ip_rule", "ip_range")
	if ipOK {
		n.Attrs["ip_rules"] = ipRules
	}
	vnetRules, vnetOK := m.subnetRules("vnet_rules", "network_rule_set.virtual_network", "subnet_id")
	if vnetOK {
		n.Attrs["vnet_rules"] = vnetRules
	}
	// georeplications { location }
	var replicas []string
	replicasOK := true
	if v, ok := m.present("replica_locations", "georeplications"); ok {
		bs, known := blocks(v)
		for _, b := range bs {
			loc, isString := Strip(b["location"]).(string)
			if !isString {
				known = false
				break
			}
			replicas = append(replicas, NormalizeLocation(loc))
		}
		replicasOK = known
	} else if slices.Contains(n.Unknown, "replica_locations") {
		replicasOK = false
	}
	if replicasOK {
		if replicas == nil {
			replicas = []string{}
		}
		n.Attrs["replica_locations"] = replicas
	} else {
		n.Unknown = append(n.Unknown, "replica_locations")
	}
	registryEndpoints(n, replicas, replicasOK && n.Location != "")
	m.commit()
}

// ruleList reads one string field of each block at p.
func (m *mapper) ruleList(attr, p, field string) ([]string, bool) {
	v, ok := m.present(attr, p)
	if !ok {
		return []string{}, !slices.Contains(m.n.Unknown, attr)
	}
	bs, known := blocks(v)
	out := []string{}
	for _, b := range bs {
		s, isString := Strip(b[field]).(string)
		if !isString {
			known = false
			break
		}
		out = append(out, s)
	}
	if !known {
		m.n.Unknown = append(m.n.Unknown, attr)
	}
	return out, known
}

// subnetRules reads the subnet reference of each block at p.
func (m *mapper) subnetRules(attr, p, field string) ([]string, bool) {
	v, ok := m.present(attr, p)
	if !ok {
		return []string{}, !slices.Contains(m.n.Unknown, attr)
	}
	bs, known := blocks(v)
	if !known {
		m.n.Unknown = append(m.n.Unknown, attr)
		return nil, false
	}
	n := m.n
	m.later(func() {
		out := []string{}
		for _, b := range bs {
			id, ok := m.b.resolve(m.r, b[field], KindSubnet)
			if !ok {
				n.Unknown = append(n.Unknown, attr)
				delete(n.Attrs, attr)
				return
			}
			out = append(out, id)
		}
		n.Attrs[attr] = out
	})
	return []string{}, true
}

// ref resolves the reference at p into attr once every node exists.
func (m *mapper) ref(attr, p, kind string) {
	v, ok := get(m.r.Body, p)
	if !ok || v == nil {
		return
	}
	m.setLine(m.n, attr, p)
	n := m.n
	m.later(func() {
		if id, ok := m.b.resolve(m.r, v, kind); ok {
			n.Attrs[attr] = id
		} else {
			n.Unknown = append(n.Unknown, attr)
		}
	})
}

func azurermPrivateEndpoint(m *mapper) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
	}
	m.ref("subnet", "subnet_id", KindSubnet)
	n.Attrs["custom_dns"] = []any{}
	// private_service_connection { name, private_connection_resource_id, subresource_names }
	if v, ok := m.present("connections", "private_service_connection"); ok {
		bs, known := blocks(v)
		if !known {
			n.Unknown = append(n.Unknown, "connections")
		} else {
			conns := make([]any, len(bs))
			n.Attrs["connections"] = conns
			for i, b := range bs {
				c := map[string]any{}
				conns[i] = c
				if s, ok := Strip(b["name"]).(string); ok {
					c["name"] = s
				}
				if gs, ok := stringList(b["subresource_names"]); ok {
					c["group_ids"] = gs
				}
				target := b["private_connection_resource_id"]
				m.later(func() {
					if id, ok := m.b.resolve(m.r, target, KindRegistry); ok {
						c["resource"] = id
					}
				})
			}
		}
	} else if !slices.Contains(n.Unknown, "connections") {
		n.Attrs["connections"] = []any{}
	}
	// private_dns_zone_group { name, private_dns_zone_ids }
	n.Attrs["dns_zones"] = []string{}
	if v, ok := m.present("dns_zones", "private_dns_zone_group"); ok {
		bs, known := blocks(v)
		var ids []Value
		for _, b := range bs {
			l, isList := b["private_dns_zone_ids"].([]Value)
			if !isList {
				known = false
				break
			}
			ids = append(ids, l...)
		}
		if !known {
			delete(n.Attrs, "dns_zones")
			n.Unknown = append(n.Unknown, "dns_zones")
		} else {
			m.setLine(n, "dns_zones", "private_dns_zone_group")
			m.later(func() {
				out := []string{}
				for _, v := range ids {
					id, ok := m.b.resolve(m.r, v, KindPrivateDNSZone)
					if !ok {
						delete(n.Attrs, "dns_zones")
						n.Unknown = append(n.Unknown, "dns_zones")
						return
					}
					out = append(out, id)
				}
				n.Attrs["dns_zones"] = out
			})
		}
	}
	m.commit()
}

func azurermPrivateDNSZone(m *mapper) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = strings.ToLower(n.Name)
		m.setLine(n, "name", "name")
	} else {
		n.Unknown = append(n.Unknown, "name")
	}
	n.Attrs["records"] = map[string]any{}
	n.Attrs["linked_vnets"] = []string{}
	m.commit()
}

// zoneOf finds the zone a record or link belongs to: by reference, else by
// name and resource group.
func (b *builder) zoneOf(r *Resource, nameAttr string) (*Node, bool) {
	v, ok := get(r.Body, nameAttr)
	if !ok {
		return nil, false
	}
	for _, ref := range RefsOf(v) {
		if id, ok := b.byAddr[addrKey(r, ref.Address)]; ok {
			return b.g.Nodes[id], true
		}
	}
	name, ok := Strip(v).(string)
	if !ok {
		return nil, false
	}
	rg, _ := Strip(r.Body["resource_group_name"]).(string)
	var found *Node
	for _, id := range b.named(KindPrivateDNSZone, name, r) {
		z := b.g.Nodes[id]
		if rg != "" && z.ResourceGroup != "" && !strings.EqualFold(rg, z.ResourceGroup) {
			continue
		}
		if found != nil {
			return nil, false // ambiguous
		}
		found = z
	}
	return found, found != nil
}

// azurermARecord folds an A record into its zone's records.
func azurermARecord(b *builder, r *Resource) {
	z, ok := b.zoneOf(r, "zone_name")
	if !ok || z.External {
		return
	}
	recs, ok := z.Attrs["records"].(map[string]any)
	if !ok {
		return
	}
	name, ok := Strip(r.Body["name"]).(string)
	if !ok {
		delete(z.Attrs, "records")
		z.Unknown = append(z.Unknown, "records")
		return
	}
	ips, ok := stringList(r.Body["records"])
	if !ok {
		ips = []string{}
	}
	key := strings.ToLower(name)
	recs[key] = append(append([]string{}, toStrings(recs[key])...), ips...)
	if r.Range.File == z.Source.File {
		if _, set := z.AttrLines["records"]; !set {
			z.AttrLines["records"] = r.Range.Start.Line
		}
	}
}

func toStrings(v any) []string {
	s, _ := v.([]string)
	return s
}

// azurermZoneLink folds a virtual network link into its zone.
func azurermZoneLink(b *builder, r *Resource) {
	z, ok := b.zoneOf(r, "private_dns_zone_name")
	if !ok || z.External {
		return
	}
	links, ok := z.Attrs["linked_vnets"].([]string)
	if !ok {
		return
	}
	id, ok := b.resolve(r, r.Body["virtual_network_id"], KindVNet)
	if !ok {
		delete(z.Attrs, "linked_vnets")
		z.Unknown = append(z.Unknown, "linked_vnets")
		return
	}
	if !slices.Contains(links, id) {
		z.Attrs["linked_vnets"] = append(links, id)
	}
	if r.Range.File == z.Source.File {
		if _, set := z.AttrLines["linked_vnets"]; !set {
			z.AttrLines["linked_vnets"] = r.Range.Start.Line
		}
	}
}

// azurermVNetDNSServers folds azurerm_virtual_network_dns_servers into the VNet.
func azurermVNetDNSServers(b *builder, r *Resource) {
	id, ok := b.resolve(r, r.Body["virtual_network_id"], KindVNet)
	if !ok {
		return
	}
	vn := b.g.Nodes[id]
	if vn == nil || vn.External {
		return
	}
	if s, ok := stringList(r.Body["dns_servers"]); ok {
		vn.Attrs["dns_servers"] = s
	} else {
		delete(vn.Attrs, "dns_servers")
		vn.Unknown = append(vn.Unknown, "dns_servers")
	}
}

func azurermVNet(m *mapper) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
	}
	m.setStrings("address_space", "address_space")
	m.setStrings("dns_servers", "dns_servers")
	vnet := m.commit()
	// Inline subnet blocks are subnets of their own.
	v, ok := get(m.r.Body, "subnet")
	if !ok {
		return
	}
	bs, known := blocks(v)
	if !known {
		return
	}
	for i, b := range bs {
		name, _ := Strip(b["name"]).(string)
		sn := &Node{
			ID:            vnet.ID + "/subnet/" + name,
			Kind:          KindSubnet,
			Name:          name,
			Location:      vnet.Location,
			ResourceGroup: vnet.ResourceGroup,
			Source:        vnet.Source,
			Attrs:         map[string]any{"vnet": vnet.ID, "name": name, "service_endpoints": []string{}, "bastion": isBastion(name)},
		}
		sn.Source.Line = m.r.Line(IndexPath("subnet", i)).Line
		if name == "" {
			sn.ID = IndexPath(vnet.ID+"/subnet", i)
			sn.Unknown = []string{"name"}
		}
		if p, ok := stringList(b["address_prefixes"]); ok {
			sn.Attrs["address_prefixes"] = p
		} else if p, ok := stringList(b["address_prefix"]); ok {
			sn.Attrs["address_prefixes"] = p
		}
		m.add(sn)
		if name != "" && vnet.Name != "" {
			m.index(vnet.ResourceGroup, "Microsoft.Network/virtualNetworks/subnets", vnet.Name+"/"+name, sn.ID)
		}
	}
}

func azurermSubnet(m *mapper) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
		n.Attrs["bastion"] = isBastion(n.Name)
	}
	m.setStrings("address_prefixes", "address_prefixes")
	m.setStrings("service_endpoints", "service_endpoints")
	// virtual_network_name: a reference to the VNet, else its name.
	v, ok := get(m.r.Body, "virtual_network_name")
	if ok {
		m.setLine(n, "vnet", "virtual_network_name")
		vnetName, _ := Strip(v).(string)
		m.later(func() {
			for _, ref := range RefsOf(v) {
				if id, ok := m.b.byAddr[addrKey(m.r, ref.Address)]; ok {
					n.Attrs["vnet"] = id
					return
				}
			}
			if vnetName == "" {
				n.Unknown = append(n.Unknown, "vnet")
				return
			}
			if id, ok := m.b.byARMID[armKey(n.ResourceGroup, "Microsoft.Network/virtualNetworks", vnetName)]; ok {
				n.Attrs["vnet"] = id
				return
			}
			n.Attrs["vnet"] = m.b.stub("/subscriptions/unknown/resourceGroups/"+n.ResourceGroup+"/providers/Microsoft.Network/virtualNetworks/"+vnetName, KindVNet)
		})
	}
	m.commit()
}

// azurermSubnetName is the subnet's name in its resource ID: vnet/subnet.
func azurermSubnetName(m *mapper) string {
	vnet, ok := m.str("virtual_network_name")
	if !ok || m.n.Name == "" {
		return ""
	}
	return vnet + "/" + m.n.Name
}

// isBastion reports whether a subnet is Azure Bastion's: Azure requires
// the name AzureBastionSubnet.
func isBastion(name string) bool { return strings.EqualFold(name, "AzureBastionSubnet") }
