package graph

import (
	"net/netip"
	"slices"
	"strings"
)

func init() {
	mappings["azurerm_firewall"] = mapping{armType: "Microsoft.Network/azureFirewalls", kind: KindFirewall, primary: tfFirewall}
	mappings["azurerm_firewall_application_rule_collection"] = mapping{fold: tfClassicRules("application_rules", tfAppRule)}
	mappings["azurerm_firewall_network_rule_collection"] = mapping{fold: tfClassicRules("network_rules", tfNetRule)}
	mappings["azurerm_firewall_policy"] = mapping{fold: tfPolicy, early: true}
	mappings["azurerm_firewall_policy_rule_collection_group"] = mapping{fold: tfRuleCollectionGroup}
	mappings["Microsoft.Network/azureFirewalls"] = mapping{armType: "Microsoft.Network/azureFirewalls", kind: KindFirewall, primary: armFirewall}
	mappings["Microsoft.Network/firewallPolicies"] = mapping{fold: armPolicy, early: true}
	mappings["Microsoft.Network/firewallPolicies/ruleCollectionGroups"] = mapping{fold: armRuleCollectionGroup}
}

// policy is a firewall policy: not a node, but merged into each firewall
// that uses it.
type policy struct {
	dnsProxy Value
	app, net []any
	// unknown is set when some of its rules cannot be known.
	unknown bool
}

// policies of the build, by addrKey and by lowercased resource ID key.
func (b *builder) policyFor(key string) *policy {
	if b.policies == nil {
		b.policies = map[string]*policy{}
	}
	p, ok := b.policies[key]
	if !ok {
		p = &policy{}
		b.policies[key] = p
	}
	return p
}

// registerPolicy makes a policy resource findable by reference and by ID.
func (b *builder) registerPolicy(r *Resource) *policy {
	p := b.policyFor(addrKey(r, r.Address))
	if name, ok := Strip(field(r.Body, "name")).(string); ok {
		rg := r.ResourceGroup
		if s, ok := Strip(field(r.Body, "resource_group_name")).(string); ok {
			rg = s
		}
		if rg == "" {
			rg = anyGroup
		}
		b.policies[armKey(rg, "Microsoft.Network/firewallPolicies", name)] = p
	}
	return p
}

// policyOf finds the policy a value refers to.
func (b *builder) policyOf(r *Resource, v Value) (*policy, bool) {
	for _, ref := range RefsOf(v) {
		if p, ok := b.policies[addrKey(r, ref.Address)]; ok {
			return p, true
		}
	}
	s, ok := Strip(v).(string)
	if !ok {
		return nil, false
	}
	rg, typ, name, ok := ParseResourceID(s)
	if !ok {
		return nil, false
	}
	if p, ok := b.policies[armKey(rg, typ, name)]; ok {
		return p, true
	}
	p, ok := b.policies[armKey(anyGroup, typ, name)]
	return p, ok
}

func tfPolicy(b *builder, r *Resource) {
	p := b.registerPolicy(r)
	if v, ok := get(r.Body, "dns.proxy_enabled"); ok {
		p.dnsProxy = Strip(v)
	}
}

func armPolicy(b *builder, r *Resource) {
	p := b.registerPolicy(r)
	if v, ok := get(r.Body, "properties.dnsSettings.enableProxy"); ok {
		p.dnsProxy = Strip(v)
	}
}

// firewallIP is the private address Azure gives a firewall: the fourth
// address of its AzureFirewallSubnet (the first three are Azure's own).
func firewallIP(prefix string) (string, bool) {
	pfx, err := netip.ParsePrefix(prefix)
	if err != nil || !pfx.Addr().Is4() {
		return "", false
	}
	a := pfx.Masked().Addr().As4()
	a[3] += 4
	ip := netip.AddrFrom4(a)
	if !pfx.Contains(ip) {
		return "", false
	}
	return ip.String(), true
}

// firewallCommon reads what azurerm and ARM firewalls share, once every
// node exists: the subnet (and from it the private address) and the policy.
func (m *mapper) firewallCommon(subnetPath, policyPath string, dnsProxy Value) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
	}
	if _, ok := n.Attrs["application_rules"]; !ok && !slices.Contains(n.Unknown, "application_rules") {
		n.Attrs["application_rules"] = []any{}
	}
	if _, ok := n.Attrs["network_rules"]; !ok && !slices.Contains(n.Unknown, "network_rules") {
		n.Attrs["network_rules"] = []any{}
	}
	if b, ok := Strip(dnsProxy).(bool); ok {
		n.Attrs["dns_proxy"] = b
	} else if s, ok := Strip(dnsProxy).(string); ok {
		n.Attrs["dns_proxy"] = strings.EqualFold(s, "true")
	} else if dnsProxy == nil {
		n.Attrs["dns_proxy"] = false
	}
	m.ref("subnet", subnetPath, KindSubnet)
	policyRef, hasPolicy := get(m.r.Body, policyPath)
	if hasPolicy {
		m.setLine(n, "policy", policyPath)
	}
	m.commit()
	m.later(func() {
		if sid, ok := n.Attrs["subnet"].(string); ok {
			if sn := m.b.g.Nodes[sid]; sn != nil {
				if ps, ok := sn.Attrs["address_prefixes"].([]string); ok && len(ps) > 0 {
					if ip, ok := firewallIP(ps[0]); ok {
						n.Attrs["private_ip"] = ip
					}
				}
			}
		}
		if _, ok := n.Attrs["private_ip"]; !ok {
			n.Unknown = append(n.Unknown, "private_ip")
		}
	})
	if !hasPolicy || policyRef == nil {
		return
	}
	m.finishFirst(func() {
		if name := policyName(policyRef); name != "" {
			n.Attrs["policy"] = name
		} else {
			n.Unknown = append(n.Unknown, "policy")
		}
		p, ok := m.b.policyOf(m.r, policyRef)
		if !ok {
			// A policy outside the scan: its rules are unknown.
			delete(n.Attrs, "application_rules")
			delete(n.Attrs, "network_rules")
			n.Unknown = append(n.Unknown, "application_rules", "network_rules", "dns_proxy")
			delete(n.Attrs, "dns_proxy")
			return
		}
		if p.unknown {
			delete(n.Attrs, "application_rules")
			delete(n.Attrs, "network_rules")
			n.Unknown = append(n.Unknown, "application_rules", "network_rules")
		} else {
			if l, ok := n.Attrs["application_rules"].([]any); ok {
				n.Attrs["application_rules"] = append(l, p.app...)
			}
			if l, ok := n.Attrs["network_rules"].([]any); ok {
				n.Attrs["network_rules"] = append(l, p.net...)
			}
		}
		switch x := p.dnsProxy.(type) {
		case bool:
			n.Attrs["dns_proxy"] = x
		case nil:
		default:
			delete(n.Attrs, "dns_proxy")
			n.Unknown = append(n.Unknown, "dns_proxy")
		}
	})
}

func policyName(v Value) string {
	if s, ok := Strip(v).(string); ok {
		return s[strings.LastIndex(s, "/")+1:]
	}
	for _, r := range RefsOf(v) {
		return r.Address
	}
	return ""
}

func tfFirewall(m *mapper) {
	dns, _ := get(m.r.Body, "dns_proxy_enabled")
	m.firewallCommon("ip_configuration.subnet_id", "firewall_policy_id", dns)
}

func armFirewall(m *mapper) {
	m.armName()
	dns, _ := get(m.r.Body, "properties.additionalProperties.Network.DNS.EnableProxy")
	if props, ok := get(m.r.Body, "properties.additionalProperties"); ok {
		if obj, ok := props.(map[string]Value); ok {
			dns = obj["Network.DNS.EnableProxy"]
		}
	}
	n := m.n
	app, appOK := armRuleCollections(field(m.r.Body, "properties.applicationRuleCollections"), armAppRule)
	net, netOK := armRuleCollections(field(m.r.Body, "properties.networkRuleCollections"), armNetRule)
	setRules(n, "application_rules", app, appOK)
	setRules(n, "network_rules", net, netOK)
	m.setLine(n, "application_rules", "properties.applicationRuleCollections")
	m.setLine(n, "network_rules", "properties.networkRuleCollections")
	m.firewallCommon("properties.ipConfigurations.properties.subnet.id", "properties.firewallPolicy.id", dns)
}

func setRules(n *Node, attr string, rules []any, ok bool) {
	if ok {
		n.Attrs[attr] = rules
	} else {
		n.Unknown = append(n.Unknown, attr)
	}
}

// ruleFields are the rule fields both formats share, by source name.
func appRule(rec map[string]any, collection string, priority any, action string) map[string]any {
	rec["collection"] = collection
	if priority != nil {
		rec["priority"] = priority
	}
	rec["action"] = action
	return rec
}

func tfAppRule(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj, map[string][]string{"name": {"name"}},
		map[string][]string{"source": {"source_addresses"}, "fqdns": {"target_fqdns", "destination_fqdns"}, "fqdn_tags": {"fqdn_tags", "destination_fqdn_tags"}})
	return rec, len(unknown) == 0
}

func tfNetRule(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj, map[string][]string{"name": {"name"}},
		map[string][]string{"source": {"source_addresses"}, "destinations": {"destination_addresses"}, "fqdns": {"destination_fqdns"}, "ports": {"destination_ports"}, "protocols": {"protocols"}})
	splitTags(rec)
	return rec, len(unknown) == 0
}

func armAppRule(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj, map[string][]string{"name": {"name"}},
		map[string][]string{"source": {"sourceAddresses"}, "fqdns": {"targetFqdns"}, "fqdn_tags": {"fqdnTags"}})
	return rec, len(unknown) == 0
}

func armNetRule(obj map[string]Value) (map[string]any, bool) {
	rec, unknown := record(obj, map[string][]string{"name": {"name"}},
		map[string][]string{"source": {"sourceAddresses"}, "destinations": {"destinationAddresses"}, "fqdns": {"destinationFqdns"}, "ports": {"destinationPorts"}, "protocols": {"ipProtocols", "protocols"}})
	splitTags(rec)
	return rec, len(unknown) == 0
}

// splitTags moves service tags (AzureContainerRegistry, Storage.WestEurope,
// ...) out of a network rule's destinations into service_tags.
func splitTags(rec map[string]any) {
	dests, _ := rec["destinations"].([]string)
	var addrs, tags []string
	for _, d := range dests {
		if d == "*" || strings.ContainsAny(d[:1], "0123456789") || strings.Contains(d, ":") {
			addrs = append(addrs, d)
		} else {
			tags = append(tags, d)
		}
	}
	if addrs == nil {
		addrs = []string{}
	}
	if tags == nil {
		tags = []string{}
	}
	rec["destinations"], rec["service_tags"] = addrs, tags
}

// tfClassicRules folds an azurerm_firewall_*_rule_collection into its
// firewall.
func tfClassicRules(attr string, read func(map[string]Value) (map[string]any, bool)) func(*builder, *Resource) {
	return func(b *builder, r *Resource) {
		fw, ok := b.byNameRef(r, "azure_firewall_name", KindFirewall)
		if !ok {
			return
		}
		name, _ := Strip(field(r.Body, "name")).(string)
		action, _ := Strip(field(r.Body, "action")).(string)
		bs, known := blocks(field(r.Body, "rule"))
		for _, rule := range bs {
			rec, ok := read(rule)
			if !ok {
				known = false
				break
			}
			addRule(fw, attr, r, appRule(rec, name, Strip(field(r.Body, "priority")), action), true)
		}
		if !known {
			addRule(fw, attr, r, nil, false)
		}
	}
}

// tfRuleCollectionGroup folds a policy rule collection group into its
// policy.
func tfRuleCollectionGroup(b *builder, r *Resource) {
	p, ok := b.policyOf(r, field(r.Body, "firewall_policy_id"))
	if !ok {
		return
	}
	for _, kind := range []struct {
		block string
		dst   *[]any
		read  func(map[string]Value) (map[string]any, bool)
	}{{"application_rule_collection", &p.app, tfAppRule}, {"network_rule_collection", &p.net, tfNetRule}} {
		cols, known := blocks(field(r.Body, kind.block))
		for _, c := range cols {
			name, _ := Strip(c["name"]).(string)
			action, _ := Strip(c["action"]).(string)
			rules, ok := blocks(c["rule"])
			known = known && ok
			for _, rule := range rules {
				rec, ok := kind.read(rule)
				if !ok {
					known = false
					continue
				}
				*kind.dst = append(*kind.dst, appRule(rec, name, Strip(c["priority"]), action))
			}
		}
		if !known {
			p.unknown = true
		}
	}
}

// armRuleCollections reads classic ARM firewall rule collections.
func armRuleCollections(v Value, read func(map[string]Value) (map[string]any, bool)) ([]any, bool) {
	out := []any{}
	if v == nil {
		return out, true
	}
	cols, ok := v.([]Value)
	if !ok {
		return nil, false
	}
	for _, c := range cols {
		obj := asMap(c)
		name, _ := Strip(obj["name"]).(string)
		action, _ := Strip(field(obj, "properties.action.type")).(string)
		rules, ok := field(obj, "properties.rules").([]Value)
		if !ok {
			return nil, false
		}
		for _, rule := range rules {
			rec, ok := read(asMap(rule))
			if !ok {
				return nil, false
			}
			out = append(out, appRule(rec, name, Strip(field(obj, "properties.priority")), action))
		}
	}
	return out, true
}

// armRuleCollectionGroup folds a firewall policy's rule collection group.
func armRuleCollectionGroup(b *builder, r *Resource) {
	full, _ := Strip(field(r.Body, "name")).(string)
	policyName, _, _ := strings.Cut(full, "/")
	var p *policy
	if r.Parent != "" {
		p = b.policies[addrKey(r, r.Parent)]
	}
	if p == nil {
		rg := r.ResourceGroup
		if rg == "" {
			rg = anyGroup
		}
		p = b.policies[armKey(rg, "Microsoft.Network/firewallPolicies", policyName)]
	}
	if p == nil {
		return
	}
	cols, ok := field(r.Body, "properties.ruleCollections").([]Value)
	if !ok {
		p.unknown = true
		return
	}
	for _, c := range cols {
		obj := asMap(c)
		name, _ := Strip(obj["name"]).(string)
		action, _ := Strip(field(obj, "action.type")).(string)
		rules, ok := obj["rules"].([]Value)
		if !ok {
			p.unknown = true
			return
		}
		for _, rule := range rules {
			ro := asMap(rule)
			typ, _ := Strip(ro["ruleType"]).(string)
			read, dst := armAppRule, &p.app
			if strings.EqualFold(typ, "NetworkRule") {
				read, dst = armNetRule, &p.net
			}
			rec, ok := read(ro)
			if !ok {
				p.unknown = true
				return
			}
			*dst = append(*dst, appRule(rec, name, Strip(obj["priority"]), action))
		}
	}
}
