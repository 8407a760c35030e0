package graph

import (
	"slices"
	"strings"
)

// Node kinds of the registry's clients and of the settings around it.
const (
	KindAKS                  = "aks_cluster"
	KindWebApp               = "web_app"
	KindContainerGroup       = "container_group"
	KindDefenderPlan         = "defender_plan"
	KindDiagnosticSetting    = "diagnostic_setting"
	KindRoleAssignment       = "role_assignment"
	KindProviderRegistration = "provider_registration"
	KindRegistryTask         = "registry_task"
)

// Defaults of the client resources.
const (
	// DefaultOutboundType: AKS clusters send egress through a load
	// balancer unless network_profile.outbound_type / outboundType says
	// otherwise.
	DefaultOutboundType = "loadBalancer"
	// DefaultVNetImagePull: App Service pulls images over the public
	// network unless vnet_image_pull_enabled / vnetImagePullEnabled is set.
	DefaultVNetImagePull = false
)

// roleNames maps the built-in role definition IDs acrlint knows to their
// names (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roleNames = map[string]string{
	"7f951dda-4ed3-4680-a7ca-43fe172d538d": "AcrPull",
	"8311e382-0749-4cb8-b61a-304f252e45ec": "AcrPush",
	"c2f4ef07-c644-48eb-af81-4b1b4947fb11": "AcrDelete",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
}

func init() {
	Kinds = append(Kinds, KindAKS, KindWebApp, KindContainerGroup, KindDefenderPlan, KindDiagnosticSetting, KindRoleAssignment, KindProviderRegistration, KindRegistryTask)
	mappings["azurerm_kubernetes_cluster"] = mapping{armType: "Microsoft.ContainerService/managedClusters", kind: KindAKS, primary: tfAKS}
	mappings["azurerm_kubernetes_cluster_node_pool"] = mapping{fold: tfNodePool}
	mappings["Microsoft.ContainerService/managedClusters"] = mapping{armType: "Microsoft.ContainerService/managedClusters", kind: KindAKS, primary: armAKS}
	mappings["Microsoft.ContainerService/managedClusters/agentPools"] = mapping{fold: armAgentPool}
	for _, t := range []string{"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_linux_web_app_slot"} {
		mappings[t] = mapping{armType: "Microsoft.Web/sites", kind: KindWebApp, primary: tfWebApp}
	}
	mappings["azurerm_app_service_virtual_network_swift_connection"] = mapping{fold: tfSwiftConnection}
	mappings["Microsoft.Web/sites"] = mapping{armType: "Microsoft.Web/sites", kind: KindWebApp, primary: armWebApp}
	mappings["azurerm_container_group"] = mapping{armType: "Microsoft.ContainerInstance/containerGroups", kind: KindContainerGroup, primary: tfContainerGroup}
	mappings["Microsoft.ContainerInstance/containerGroups"] = mapping{armType: "Microsoft.ContainerInstance/containerGroups", kind: KindContainerGroup, primary: armContainerGroup}
	mappings["azurerm_security_center_subscription_pricing"] = mapping{kind: KindDefenderPlan, primary: tfDefender}
	mappings["Microsoft.Security/pricings"] = mapping{kind: KindDefenderPlan, primary: armDefender}
	mappings["azurerm_monitor_diagnostic_setting"] = mapping{kind: KindDiagnosticSetting, primary: tfDiagnostic}
	mappings["Microsoft.Insights/diagnosticSettings"] = mapping{kind: KindDiagnosticSetting, primary: armDiagnostic}
	mappings["Microsoft.ContainerRegistry/registries/providers/diagnosticSettings"] = mapping{kind: KindDiagnosticSetting, primary: armDiagnostic}
	mappings["azurerm_role_assignment"] = mapping{kind: KindRoleAssignment, primary: tfRoleAssignment}
	mappings["Microsoft.Authorization/roleAssignments"] = mapping{kind: KindRoleAssignment, primary: armRoleAssignment}
	mappings["azurerm_resource_provider_registration"] = mapping{kind: KindProviderRegistration, primary: tfProvider}
	mappings["azurerm_container_registry_task"] = mapping{armType: "Microsoft.ContainerRegistry/registries/tasks", kind: KindRegistryTask, primary: tfTask}
	mappings["azurerm_container_registry_agent_pool"] = mapping{fold: tfAgentPool, early: true}
	mappings["Microsoft.ContainerRegistry/registries/tasks"] = mapping{armType: "Microsoft.ContainerRegistry/registries/tasks", kind: KindRegistryTask, primary: armTask}
	mappings["Microsoft.ContainerRegistry/registries/agentPools"] = mapping{fold: armAgentPoolACR, early: true}
}

// subnetList resolves the subnet references at paths into attr, once every
// node exists; a reference that does not resolve makes attr unknown.
func (m *mapper) subnetList(attr string, vals []Value) {
	n := m.n
	n.Attrs[attr] = []string{}
	m.later(func() {
		out, _ := n.Attrs[attr].([]string)
		for _, v := range vals {
			id, ok := m.b.resolve(m.r, v, KindSubnet)
			if !ok {
				delete(n.Attrs, attr)
				n.Unknown = append(n.Unknown, attr)
				return
			}
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		if _, still := n.Attrs[attr]; still {
			n.Attrs[attr] = out
		}
	})
}

func tfAKS(m *mapper) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
	}
	m.setString("outbound_type", "network_profile.outbound_type", DefaultOutboundType)
	m.setBool("private_cluster", "private_cluster_enabled", false)
	var subnets []Value
	if v, ok := get(m.r.Body, "default_node_pool.vnet_subnet_id"); ok && v != nil {
		subnets = append(subnets, v)
		m.setLine(n, "subnets", "default_node_pool.vnet_subnet_id")
	}
	m.subnetList("subnets", subnets)
	n.Attrs["pulls_from"] = []string{}
	m.commit()
}

func tfNodePool(b *builder, r *Resource) {
	id, ok := b.resolve(r, field(r.Body, "kubernetes_cluster_id"), KindAKS)
	if !ok {
		return
	}
	aks := b.g.Nodes[id]
	if aks == nil || aks.External {
		return
	}
	v := field(r.Body, "vnet_subnet_id")
	if v == nil {
		return
	}
	b.later = append(b.later, func() { b.addSubnet(aks, r, v) })
}

// addSubnet adds a node pool's subnet to a cluster.
func (b *builder) addSubnet(aks *Node, r *Resource, v Value) {
	l, ok := aks.Attrs["subnets"].([]string)
	if !ok {
		return
	}
	id, ok := b.resolve(r, v, KindSubnet)
	if !ok {
		delete(aks.Attrs, "subnets")
		aks.Unknown = append(aks.Unknown, "subnets")
		return
	}
	if !slices.Contains(l, id) {
		aks.Attrs["subnets"] = append(l, id)
	}
}

func armAKS(m *mapper) {
	n := m.n
	m.armName()
	m.setString("outbound_type", "properties.networkProfile.outboundType", DefaultOutboundType)
	m.setBool("private_cluster", "properties.apiServerAccessProfile.enablePrivateCluster", false)
	var subnets []Value
	if pools, ok := field(m.r.Body, "properties.agentPoolProfiles").([]Value); ok {
		for _, p := range pools {
			if v := field(asMap(p), "vnetSubnetID"); v != nil {
				subnets = append(subnets, v)
			}
		}
		m.setLine(n, "subnets", "properties.agentPoolProfiles")
	}
	m.subnetList("subnets", subnets)
	n.Attrs["pulls_from"] = []string{}
	m.commit()
}

func armAgentPool(b *builder, r *Resource) {
	aks, _, ok := b.parentOf(r, KindAKS)
	if !ok {
		return
	}
	if v := field(r.Body, "properties.vnetSubnetID"); v != nil {
		b.later = append(b.later, func() { b.addSubnet(aks, r, v) })
	}
}

// registryHost returns the registry host of an image reference or URL:
// "https://myacr.azurecr.io", "myacr.azurecr.io/app:1" or
// "DOCKER|myacr.azurecr.io/app:1" give "myacr.azurecr.io". Images without
// a registry host (Docker Hub) give "".
func registryHost(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "|"); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	host, _, _ := strings.Cut(s, "/")
	if !strings.Contains(host, ".") && !strings.Contains(host, ":") {
		return ""
	}
	return strings.ToLower(host)
}

// registryByHost finds the registry node whose login server is host.
func (b *builder) registryByHost(host string) (string, bool) {
	name, ok := strings.CutSuffix(host, "."+RegistryDomain)
	if !ok {
		return "", false
	}
	var found string
	for _, id := range b.byName[KindRegistry+"|"+name] {
		if found != "" {
			return "", false
		}
		found = id
	}
	return found, found != ""
}

// setImageRegistry sets image_registry (and registry, when in the scan)
// from an image reference or registry URL value.
func (m *mapper) setImageRegistry(v Value, p string) {
	n := m.n
	if v == nil {
		return
	}
	m.setLine(n, "image_registry", p)
	s, ok := Strip(v).(string)
	if !ok {
		n.Unknown = append(n.Unknown, "image_registry", "registry")
		return
	}
	host := registryHost(s)
	if host == "" {
		return
	}
	n.Attrs["image_registry"] = host
	m.later(func() {
		if id, ok := m.b.registryByHost(host); ok {
			n.Attrs["registry"] = id
		}
	})
}

func tfWebApp(m *mapper) {
	n := m.n
	if n.Name != "" {
		n.Attrs["name"] = n.Name
	}
	p := "site_config.application_stack.docker_registry_url"
	v, _ := get(m.r.Body, p)
	if v == nil {
		p = "site_config.application_stack.docker_image_name"
		v, _ = get(m.r.Body, p)
	}
	if v == nil {
		p = "app_settings.DOCKER_REGISTRY_SERVER_URL"
		v, _ = get(m.r.Body, p)
	}
	m.setImageRegistry(v, p)
	m.setBool("vnet_image_pull", "vnet_image_pull_enabled", DefaultVNetImagePull)
	m.setBool("managed_identity_pull", "site_config.container_registry_use_managed_identity", false)
	m.ref("subnet", "virtual_network_subnet_id", KindSubnet)
	m.commit()
}

func tfSwiftConnection(b *builder, r *Resource) {
	id, ok := b.resolve(r, field(r.Body, "app_service_id"), KindWebApp)
	if !ok || b.g.Nodes[id] == nil || b.g.Nodes[id].External {
		return
	}
	app := b.g.Nodes[id]
	v := field(r.Body, "subnet_id")
	b.later = append(b.later, func() {
		if sid, ok := b.resolve(r, v, KindSubnet); ok {
			app.Attrs["subnet"] = sid
		} else {
			app.Unknown = append(app.Unknown, "subnet")
		}
	})
}

func armWebApp(m *mapper) {
	m.armName()
	p := "properties.siteConfig.linuxFxVersion"
	v, _ := get(m.r.Body, p)
	if v == nil {
		p = "properties.siteConfig.windowsFxVersion"
		v, _ = get(m.r.Body, p)
	}
	m.setImageRegistry(v, p)
	if _, ok := get(m.r.Body, "properties.vnetImagePullEnabled"); ok {
		m.setBool("vnet_image_pull", "properties.vnetImagePullEnabled", DefaultVNetImagePull)
	} else {
		m.setBool("vnet_image_pull", "properties.siteConfig.vnetImagePullEnabled", DefaultVNetImagePull)
	}
	m.setBool("managed_identity_pull", "properties.siteConfig.acrUseManagedIdentityCreds", false)
	m.ref("subnet", "properties.virtualNetworkSubnetId", KindSubnet)
	m.commit()
}

// containerGroup reads images and registry credentials.
func (m *mapper) containerGroup(images []Value, creds []map[string]Value, identityKey string, subnets []Value) {
	n := m.n
	hosts := []string{}
	known := true
	for _, img := range images {
		s, ok := Strip(img).(string)
		if !ok {
			known = false
			continue
		}
		if h := registryHost(s); h != "" && !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	if known {
		n.Attrs["image_registries"] = hosts
		n.Attrs["registries"] = []string{}
		m.later(func() {
			var regs []string
			for _, h := range hosts {
				if id, ok := m.b.registryByHost(h); ok {
					regs = append(regs, id)
				}
			}
			if regs != nil {
				n.Attrs["registries"] = regs
			}
		})
	} else {
		n.Unknown = append(n.Unknown, "image_registries", "registries")
	}
	identity := len(creds) > 0
	for _, c := range creds {
		if c[identityKey] == nil {
			identity = false
		}
	}
	n.Attrs["managed_identity_pull"] = identity
	if len(subnets) > 0 {
		v := subnets[0]
		m.later(func() {
			if id, ok := m.b.resolve(m.r, v, KindSubnet); ok {
				n.Attrs["subnet"] = id
			} else {
				n.Unknown = append(n.Unknown, "subnet")
			}
		})
	}
	m.commit()
}

func tfContainerGroup(m *mapper) {
	if m.n.Name != "" {
		m.n.Attrs["name"] = m.n.Name
	}
	var images []Value
	cs, _ := blocks(field(m.r.Body, "container"))
	for _, c := range cs {
		images = append(images, c["image"])
	}
	m.setLine(m.n, "image_registries", "container")
	creds, _ := blocks(field(m.r.Body, "image_registry_credential"))
	m.setLine(m.n, "managed_identity_pull", "image_registry_credential")
	subnets, _ := field(m.r.Body, "subnet_ids").([]Value)
	m.containerGroup(images, creds, "user_assigned_identity_id", subnets)
}

func armContainerGroup(m *mapper) {
	m.armName()
	var images []Value
	if cs, ok := field(m.r.Body, "properties.containers").([]Value); ok {
		for _, c := range cs {
			images = append(images, field(asMap(c), "properties.image"))
		}
	}
	m.setLine(m.n, "image_registries", "properties.containers")
	var creds []map[string]Value
	if cl, ok := field(m.r.Body, "properties.imageRegistryCredentials").([]Value); ok {
		for _, c := range cl {
			creds = append(creds, asMap(c))
		}
	}
	m.setLine(m.n, "managed_identity_pull", "properties.imageRegistryCredentials")
	var subnets []Value
	if sl, ok := field(m.r.Body, "properties.subnetIds").([]Value); ok {
		for _, s := range sl {
			subnets = append(subnets, field(asMap(s), "id"))
		}
	}
	m.containerGroup(images, creds, "identity", subnets)
}

func tfDefender(m *mapper) {
	m.setString("plan", "resource_type", "VirtualMachines")
	m.setString("tier", "tier", "")
	m.commit()
}

func armDefender(m *mapper) {
	m.armName()
	if m.n.Name != "" {
		m.n.Attrs["plan"] = m.n.Name
		delete(m.n.Attrs, "name")
		m.setLine(m.n, "plan", "name")
	}
	m.setString("tier", "properties.pricingTier", "")
	m.commit()
}

// diagnostics reads log settings: a list of {category, category_group,
// enabled} objects under the given keys.
func (m *mapper) diagnostics(logs []map[string]Value, catKey, groupKey string, dests map[string]string) {
	n := m.n
	cats, groups := []string{}, []string{}
	known := true
	for _, l := range logs {
		if e, ok := Strip(l["enabled"]).(bool); ok && !e {
			continue
		}
		if _, ok := l["enabled"].(Unknown); ok {
			known = false
		}
		for key, dst := range map[string]*[]string{catKey: &cats, groupKey: &groups} {
			switch v := Strip(l[key]).(type) {
			case string:
				*dst = append(*dst, v)
			case nil:
			default:
				known = false
			}
		}
	}
	if known {
		n.Attrs["log_categories"] = cats
		n.Attrs["category_groups"] = groups
	} else {
		n.Unknown = append(n.Unknown, "log_categories", "category_groups")
	}
	out := []string{}
	for path, kind := range dests {
		if v, ok := get(m.r.Body, path); ok && v != nil && !slices.Contains(out, kind) {
			out = append(out, kind)
		}
	}
	slices.Sort(out)
	n.Attrs["destinations"] = out
}

func tfDiagnostic(m *mapper) {
	if m.n.Name != "" {
		m.n.Attrs["name"] = m.n.Name
	}
	m.ref("target", "target_resource_id", KindRegistry)
	var logs []map[string]Value
	for _, key := range []string{"enabled_log", "log"} {
		bs, _ := blocks(field(m.r.Body, key))
		logs = append(logs, bs...)
	}
	m.setLine(m.n, "log_categories", "enabled_log")
	m.diagnostics(logs, "category", "category_group", map[string]string{
		"log_analytics_workspace_id": "log_analytics", "storage_account_id": "storage",
		"eventhub_authorization_rule_id": "event_hub", "partner_solution_id": "partner",
	})
	m.commit()
}

func armDiagnostic(m *mapper) {
	m.armName()
	if _, ok := get(m.r.Body, "scope"); ok {
		m.ref("target", "scope", KindRegistry)
	} else if full, ok := m.str("name"); ok && strings.Contains(full, "/") {
		// registries/providers/diagnosticSettings: "<registry>/Microsoft.Insights/<setting>".
		reg, _, _ := strings.Cut(full, "/")
		n := m.n
		m.later(func() {
			ids := m.b.named(KindRegistry, reg, m.r)
			if len(ids) == 1 {
				n.Attrs["target"] = ids[0]
			}
		})
	}
	var logs []map[string]Value
	if l, ok := field(m.r.Body, "properties.logs").([]Value); ok {
		for _, x := range l {
			logs = append(logs, asMap(x))
		}
	}
	m.setLine(m.n, "log_categories", "properties.logs")
	m.diagnostics(logs, "category", "categoryGroup", map[string]string{
		"properties.workspaceId": "log_analytics", "properties.storageAccountId": "storage",
		"properties.eventHubAuthorizationRuleId": "event_hub", "properties.marketplacePartnerId": "partner",
	})
	m.commit()
}

// roleName turns a role definition name or ID into the role's name.
func roleName(v Value) (string, bool) {
	s, ok := Strip(v).(string)
	if !ok {
		return "", false
	}
	id := strings.ToLower(s[strings.LastIndex(s, "/")+1:])
	if name, ok := roleNames[id]; ok {
		return name, true
	}
	return s, true
}

// principalOf resolves a principal ID to the node whose identity it is:
// the resource the value was read from.
func (m *mapper) principal(v Value, p string) {
	n := m.n
	if v == nil {
		return
	}
	m.setLine(n, "principal", p)
	m.later(func() {
		for _, ref := range RefsOf(v) {
			if id, ok := m.b.byAddr[addrKey(m.r, ref.Address)]; ok {
				n.Attrs["principal"] = id
				return
			}
		}
		n.Unknown = append(n.Unknown, "principal")
	})
}

func (m *mapper) roleAssignment(scopePath, rolePaths, principalPath string) {
	n := m.n
	m.ref("scope", scopePath, KindRegistry)
	for p := range strings.SplitSeq(rolePaths, ",") {
		if v, ok := get(m.r.Body, p); ok && v != nil {
			m.setLine(n, "role", p)
			if name, ok := roleName(v); ok {
				n.Attrs["role"] = name
			} else {
				n.Unknown = append(n.Unknown, "role")
			}
			break
		}
	}
	v, _ := get(m.r.Body, principalPath)
	m.principal(v, principalPath)
	m.commit()
	// An AcrPull (or stronger) assignment to a cluster's kubelet identity
	// on a registry: the cluster pulls from it.
	m.finish(func() {
		role, _ := n.Attrs["role"].(string)
		scope, _ := n.Attrs["scope"].(string)
		principal, _ := n.Attrs["principal"].(string)
		if !slices.Contains([]string{"AcrPull", "AcrPush", "Contributor", "Owner"}, role) {
			return
		}
		reg, cl := m.b.g.Nodes[scope], m.b.g.Nodes[principal]
		if reg == nil || cl == nil || reg.Kind != KindRegistry || cl.Kind != KindAKS {
			return
		}
		if l, ok := cl.Attrs["pulls_from"].([]string); ok && !slices.Contains(l, scope) {
			cl.Attrs["pulls_from"] = append(l, scope)
		}
	})
}

func tfRoleAssignment(m *mapper) {
	m.roleAssignment("scope", "role_definition_name,role_definition_id", "principal_id")
}

func armRoleAssignment(m *mapper) {
	m.roleAssignment("scope", "properties.roleDefinitionId", "properties.principalId")
}

func tfProvider(m *mapper) {
	m.setString("namespace", "name", "")
	delete(m.n.Attrs, "name")
	m.commit()
}

// acrPool is an ACR agent pool: the resource and its subnet reference.
type acrPool struct {
	r      *Resource
	subnet Value
}

func tfAgentPool(b *builder, r *Resource) {
	name, _ := Strip(field(r.Body, "name")).(string)
	b.acrPools[strings.ToLower(name)] = acrPool{r: r, subnet: field(r.Body, "virtual_network_subnet_id")}
}

func armAgentPoolACR(b *builder, r *Resource) {
	full, _ := Strip(field(r.Body, "name")).(string)
	name := full[strings.LastIndex(full, "/")+1:]
	b.acrPools[strings.ToLower(name)] = acrPool{r: r, subnet: field(r.Body, "properties.virtualNetworkSubnetResourceId")}
}

// task reads the agent pool a task runs in, and that pool's subnet.
func (m *mapper) task(poolPath string) {
	n := m.n
	if v, ok := get(m.r.Body, poolPath); ok && v != nil {
		m.setLine(n, "agent_pool", poolPath)
		pool, ok := Strip(v).(string)
		if !ok {
			n.Unknown = append(n.Unknown, "agent_pool")
		} else {
			n.Attrs["agent_pool"] = pool
			m.later(func() {
				p, ok := m.b.acrPools[strings.ToLower(pool)]
				if !ok || p.subnet == nil {
					return
				}
				if id, ok := m.b.resolve(p.r, p.subnet, KindSubnet); ok {
					n.Attrs["agent_pool_subnet"] = id
				} else {
					n.Unknown = append(n.Unknown, "agent_pool_subnet")
				}
			})
		}
	}
	m.commit()
}

func tfTask(m *mapper) {
	if m.n.Name != "" {
		m.n.Attrs["name"] = m.n.Name
	}
	m.ref("registry", "container_registry_id", KindRegistry)
	m.task("agent_pool_name")
}

func armTask(m *mapper) {
	m.armName()
	n := m.n
	m.later(func() {
		if reg, _, ok := m.b.parentOf(m.r, KindRegistry); ok {
			n.Attrs["registry"] = reg.ID
		}
	})
	m.task("properties.agentPoolName")
}
