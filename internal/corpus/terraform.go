package corpus

import (
	"bytes"
	"strings"
	"text/template"
)

// nsgModuleDir holds the shared local module every Terraform stack calls
// for its network security groups.
const nsgModuleDir = "modules/nsg"

var nsgModule = map[string]string{
	"variables.tf": `variable "name" {
  description = "Name of the network security group."
  type        = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "rules" {
  description = "Security rules, in priority order."
  type = list(object({
    name                       = string
    priority                   = number
    direction                  = string
    access                     = string
    protocol                   = string
    source_address_prefix      = string
    destination_address_prefix = string
    destination_port_range     = string
  }))
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
`,
	"main.tf": `resource "azurerm_network_security_group" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags

  dynamic "security_rule" {
    for_each = var.rules
    content {
      name                       = security_rule.value.name
      priority                   = security_rule.value.priority
      direction                  = security_rule.value.direction
      access                     = security_rule.value.access
      protocol                   = security_rule.value.protocol
      source_port_range          = "*"
      source_address_prefix      = security_rule.value.source_address_prefix
      destination_address_prefix = security_rule.value.destination_address_prefix
      destination_port_range     = security_rule.value.destination_port_range
    }
  }
}
`,
	"outputs.tf": `output "id" {
  value = azurerm_network_security_group.this.id
}

output "name" {
  value = azurerm_network_security_group.this.name
}
`,
}

func writeSharedTerraform(w *writer) error {
	for _, name := range []string{"variables.tf", "main.tf", "outputs.tf"} {
		if err := w.write(nsgModuleDir+"/"+name, []byte(nsgModule[name])); err != nil {
			return err
		}
	}
	return nil
}

// tfData is what the Terraform templates read.
type tfData struct {
	Workload, Env, Instance, Location string
	Replicas                          []string
	HubSpace, SpokeSpace              string
	SKU, Zone, Subresource            string
	ZoneGroup, LinkHub                bool
	Pools                             int
	ModulePath                        string
}

func (d tfData) Quoted(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = `"` + s + `"`
	}
	return "[" + strings.Join(q, ", ") + "]"
}

var tfFiles = []string{"versions.tf", "variables.tf", "terraform.tfvars", "locals.tf", "network.tf", "firewall.tf", "registry.tf", "aks.tf", "outputs.tf"}

var tfTemplates = template.Must(template.New("tf").Parse(`
{{define "versions.tf"}}terraform {
  required_version = ">= 1.6"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
  }
}

provider "azurerm" {
  features {}
}
{{end}}

{{define "variables.tf"}}variable "workload" {
  description = "Short name of the workload, used in every resource name."
  type        = string
}

variable "environment" {
  type    = string
  default = "dev"

  validation {
    condition     = contains(["dev", "test", "prod"], var.environment)
    error_message = "environment must be dev, test or prod."
  }
}

variable "instance" {
  type = string
}

variable "location" {
  type = string
}

variable "replica_locations" {
  description = "Regions the registry is geo-replicated to."
  type        = list(string)
  default     = []
}

variable "hub_address_space" {
  type = string
}

variable "spoke_address_space" {
  type = string
}

variable "registry_sku" {
  type    = string
  default = "Premium"
}

variable "kubernetes_version" {
  type    = string
  default = "1.30"
}

variable "user_node_pools" {
  type    = number
  default = 1
}

variable "enable_defender" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = {}
}
{{end}}

{{define "terraform.tfvars"}}workload            = "{{.Workload}}"
environment         = "{{.Env}}"
instance            = "{{.Instance}}"
location            = "{{.Location}}"
replica_locations   = {{.Quoted .Replicas}}
hub_address_space   = "{{.HubSpace}}"
spoke_address_space = "{{.SpokeSpace}}"
registry_sku        = "{{.SKU}}"
user_node_pools     = {{.Pools}}

tags = {
  owner       = "platform-team"
  cost_center = "cc-{{.Instance}}"
}
{{end}}

{{define "locals.tf"}}locals {
  name          = "${var.workload}-${var.environment}-${var.instance}"
  registry_name = "acr${var.workload}${var.environment}${var.instance}"

  common_tags = merge(var.tags, {
    workload    = var.workload
    environment = var.environment
    managed_by  = "terraform"
  })

  hub_subnets = {
    AzureFirewallSubnet = cidrsubnet(var.hub_address_space, 5, 0)
    snet-pe             = cidrsubnet(var.hub_address_space, 3, 1)
    snet-shared         = cidrsubnet(var.hub_address_space, 3, 2)
  }

  spoke_subnets = {
    snet-aks-system = cidrsubnet(var.spoke_address_space, 2, 0)
    snet-aks-user   = cidrsubnet(var.spoke_address_space, 2, 1)
  }

  registry_regions = concat([var.location], var.replica_locations)
  registry_fqdns = concat(
    ["${local.registry_name}.azurecr.io"],
    [for region in local.registry_regions : "${local.registry_name}.${region}.data.azurecr.io"],
  )

  # VNets that resolve the registry through the privatelink zone.
  dns_links = {
{{- if .LinkHub}}
    hub   = azurerm_virtual_network.hub.id
{{- end}}
    spoke = azurerm_virtual_network.spoke.id
  }

  nsgs = {
    aks = {
      name = "nsg-aks-${local.name}"
      rules = [
        {
          name                       = "allow-hub-https-in"
          priority                   = 100
          direction                  = "Inbound"
          access                     = "Allow"
          protocol                   = "Tcp"
          source_address_prefix      = var.hub_address_space
          destination_address_prefix = "VirtualNetwork"
          destination_port_range     = "443"
        },
        {
          name                       = "allow-vnet-https-out"
          priority                   = 100
          direction                  = "Outbound"
          access                     = "Allow"
          protocol                   = "Tcp"
          source_address_prefix      = "VirtualNetwork"
          destination_address_prefix = "VirtualNetwork"
          destination_port_range     = "443"
        },
      ]
    }
    pe = {
      name = "nsg-pe-${local.name}"
      rules = [
        {
          name                       = "allow-spoke-https-in"
          priority                   = 100
          direction                  = "Inbound"
          access                     = "Allow"
          protocol                   = "Tcp"
          source_address_prefix      = var.spoke_address_space
          destination_address_prefix = "VirtualNetwork"
          destination_port_range     = "443"
        },
      ]
    }
  }

  extra_aks_rules = {
    deny-internet-in = {
      priority  = 4000
      direction = "Inbound"
      access    = "Deny"
      source    = "Internet"
    }
    allow-lb-in = {
      priority  = 200
      direction = "Inbound"
      access    = "Allow"
      source    = "AzureLoadBalancer"
    }
  }
}
{{end}}

{{define "network.tf"}}resource "azurerm_resource_group" "hub" {
  name     = "rg-hub-${local.name}"
  location = var.location
  tags     = local.common_tags
}

resource "azurerm_resource_group" "spoke" {
  name     = "rg-spoke-${local.name}"
  location = var.location
  tags     = local.common_tags
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub-${local.name}"
  location            = azurerm_resource_group.hub.location
  resource_group_name = azurerm_resource_group.hub.name
  address_space       = [var.hub_address_space]
  tags                = local.common_tags
}

resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-spoke-${local.name}"
  location            = azurerm_resource_group.spoke.location
  resource_group_name = azurerm_resource_group.spoke.name
  address_space       = [var.spoke_address_space]
  tags                = local.common_tags
}

resource "azurerm_subnet" "hub" {
  for_each = local.hub_subnets

  name                              = each.key
  resource_group_name               = azurerm_resource_group.hub.name
  virtual_network_name              = azurerm_virtual_network.hub.name
  address_prefixes                  = [each.value]
  private_endpoint_network_policies = each.key == "snet-pe" ? "Enabled" : "Disabled"
}

resource "azurerm_subnet" "spoke" {
  for_each = local.spoke_subnets

  name                 = each.key
  resource_group_name  = azurerm_resource_group.spoke.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = [each.value]
}

resource "azurerm_virtual_network_peering" "hub_to_spoke" {
  name                      = "peer-hub-to-spoke"
  resource_group_name       = azurerm_resource_group.hub.name
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = azurerm_virtual_network.spoke.id
  allow_forwarded_traffic   = true
  allow_gateway_transit     = false
}

resource "azurerm_virtual_network_peering" "spoke_to_hub" {
  name                      = "peer-spoke-to-hub"
  resource_group_name       = azurerm_resource_group.spoke.name
  virtual_network_name      = azurerm_virtual_network.spoke.name
  remote_virtual_network_id = azurerm_virtual_network.hub.id
  allow_forwarded_traffic   = true
}

module "nsg" {
  source   = "{{.ModulePath}}"
  for_each = local.nsgs

  name                = each.value.name
  location            = each.key == "pe" ? azurerm_resource_group.hub.location : azurerm_resource_group.spoke.location
  resource_group_name = each.key == "pe" ? azurerm_resource_group.hub.name : azurerm_resource_group.spoke.name
  rules               = each.value.rules
  tags                = local.common_tags
}

resource "azurerm_network_security_rule" "aks" {
  for_each = local.extra_aks_rules

  name                        = each.key
  priority                    = each.value.priority
  direction                   = each.value.direction
  access                      = each.value.access
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = each.value.source
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.spoke.name
  network_security_group_name = module.nsg["aks"].name
}

resource "azurerm_subnet_network_security_group_association" "spoke" {
  for_each = local.spoke_subnets

  subnet_id                 = azurerm_subnet.spoke[each.key].id
  network_security_group_id = module.nsg["aks"].id
}

resource "azurerm_subnet_network_security_group_association" "pe" {
  subnet_id                 = azurerm_subnet.hub["snet-pe"].id
  network_security_group_id = module.nsg["pe"].id
}

resource "azurerm_route_table" "spoke" {
  name                          = "rt-spoke-${local.name}"
  location                      = azurerm_resource_group.spoke.location
  resource_group_name           = azurerm_resource_group.spoke.name
  bgp_route_propagation_enabled = false

  route {
    name                   = "default-via-firewall"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = azurerm_firewall.hub.ip_configuration[0].private_ip_address
  }

  tags = local.common_tags
}

resource "azurerm_subnet_route_table_association" "spoke" {
  for_each = local.spoke_subnets

  subnet_id      = azurerm_subnet.spoke[each.key].id
  route_table_id = azurerm_route_table.spoke.id
}
{{end}}

{{define "firewall.tf"}}resource "azurerm_public_ip" "firewall" {
  name                = "pip-fw-${local.name}"
  location            = azurerm_resource_group.hub.location
  resource_group_name = azurerm_resource_group.hub.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
  tags                = local.common_tags
}

resource "azurerm_firewall_policy" "hub" {
  name                     = "afwp-${local.name}"
  location                 = azurerm_resource_group.hub.location
  resource_group_name      = azurerm_resource_group.hub.name
  sku                      = "Standard"
  threat_intelligence_mode = "Deny"

  dns {
    proxy_enabled = true
  }
}

resource "azurerm_firewall_policy_rule_collection_group" "egress" {
  name               = "rcg-egress"
  firewall_policy_id = azurerm_firewall_policy.hub.id
  priority           = 200

  application_rule_collection {
    name     = "arc-platform"
    priority = 200
    action   = "Allow"

    rule {
      name              = "container-registry"
      source_addresses  = [var.spoke_address_space]
      destination_fqdns = local.registry_fqdns

      protocols {
        type = "Https"
        port = 443
      }
    }

    rule {
      name                  = "aks-required"
      source_addresses      = [var.spoke_address_space]
      destination_fqdn_tags = ["AzureKubernetesService"]

      protocols {
        type = "Https"
        port = 443
      }
    }
  }

  network_rule_collection {
    name     = "nrc-platform"
    priority = 300
    action   = "Allow"

    rule {
      name                  = "ntp"
      protocols             = ["UDP"]
      source_addresses      = [var.spoke_address_space]
      destination_addresses = ["*"]
      destination_ports     = ["123"]
    }

    rule {
      name                  = "azure-monitor"
      protocols             = ["TCP"]
      source_addresses      = [var.spoke_address_space]
      destination_addresses = ["AzureMonitor"]
      destination_ports     = ["443"]
    }
  }
}

resource "azurerm_firewall" "hub" {
  name                = "afw-${local.name}"
  location            = azurerm_resource_group.hub.location
  resource_group_name = azurerm_resource_group.hub.name
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.hub.id
  zones               = ["1", "2", "3"]

  ip_configuration {
    name                 = "ipconfig"
    subnet_id            = azurerm_subnet.hub["AzureFirewallSubnet"].id
    public_ip_address_id = azurerm_public_ip.firewall.id
  }

  tags = local.common_tags
}
{{end}}

{{define "registry.tf"}}resource "azurerm_container_registry" "acr" {
  name                          = local.registry_name
  resource_group_name           = azurerm_resource_group.hub.name
  location                      = azurerm_resource_group.hub.location
  sku                           = var.registry_sku
  admin_enabled                 = false
  public_network_access_enabled = false
  network_rule_bypass_option    = "AzureServices"

  dynamic "georeplications" {
    for_each = var.replica_locations
    content {
      location                = georeplications.value
      zone_redundancy_enabled = true
      tags                    = local.common_tags
    }
  }

  tags = local.common_tags
}

resource "azurerm_private_dns_zone" "acr" {
  name                = "{{.Zone}}"
  resource_group_name = azurerm_resource_group.hub.name
  tags                = local.common_tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "acr" {
  for_each = local.dns_links

  name                  = "link-${each.key}"
  resource_group_name   = azurerm_resource_group.hub.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = each.value
  registration_enabled  = false
}

resource "azurerm_private_endpoint" "acr" {
  name                          = "pe-${local.registry_name}"
  location                      = azurerm_resource_group.hub.location
  resource_group_name           = azurerm_resource_group.hub.name
  subnet_id                     = azurerm_subnet.hub["snet-pe"].id
  custom_network_interface_name = "nic-pe-${local.registry_name}"

  private_service_connection {
    name                           = "psc-${local.registry_name}"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["{{.Subresource}}"]
    is_manual_connection           = false
  }
{{- if .ZoneGroup}}

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id]
  }
{{- end}}

  tags = local.common_tags
}

resource "azurerm_log_analytics_workspace" "hub" {
  name                = "log-${local.name}"
  location            = azurerm_resource_group.hub.location
  resource_group_name = azurerm_resource_group.hub.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
  tags                = local.common_tags
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "diag-${local.registry_name}"
  target_resource_id         = azurerm_container_registry.acr.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.hub.id

  dynamic "enabled_log" {
    for_each = ["ContainerRegistryLoginEvents", "ContainerRegistryRepositoryEvents"]
    content {
      category = enabled_log.value
    }
  }

  metric {
    category = "AllMetrics"
  }
}

resource "azurerm_security_center_subscription_pricing" "containers" {
  count = var.enable_defender ? 1 : 0

  tier          = "Standard"
  resource_type = "Containers"
}
{{end}}

{{define "aks.tf"}}resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-aks-${local.name}"
  location            = azurerm_resource_group.spoke.location
  resource_group_name = azurerm_resource_group.spoke.name
  tags                = local.common_tags
}

resource "azurerm_role_assignment" "aks_network" {
  scope                = azurerm_resource_group.spoke.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                    = "aks-${local.name}"
  location                = azurerm_resource_group.spoke.location
  resource_group_name     = azurerm_resource_group.spoke.name
  dns_prefix              = local.name
  kubernetes_version      = var.kubernetes_version
  private_cluster_enabled = true
  sku_tier                = var.environment == "prod" ? "Standard" : "Free"

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4s_v5"
    node_count                   = 3
    vnet_subnet_id               = azurerm_subnet.spoke["snet-aks-system"].id
    only_critical_addons_enabled = true
    zones                        = ["1", "2", "3"]
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
    outbound_type  = "userDefinedRouting"
    service_cidr   = "172.16.0.0/16"
    dns_service_ip = "172.16.0.10"
  }

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.hub.id
  }

  depends_on = [
    azurerm_subnet_route_table_association.spoke,
    azurerm_role_assignment.aks_network,
  ]

  tags = local.common_tags
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  count = var.user_node_pools

  name                  = "user${count.index}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D8s_v5"
  node_count            = 2
  mode                  = "User"
  vnet_subnet_id        = azurerm_subnet.spoke["snet-aks-user"].id
  zones                 = ["1", "2", "3"]
}

resource "azurerm_role_assignment" "acr_pull" {
  scope                            = azurerm_container_registry.acr.id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}
{{end}}

{{define "outputs.tf"}}output "registry_login_server" {
  value = azurerm_container_registry.acr.login_server
}

output "registry_fqdns" {
  value = local.registry_fqdns
}

output "aks_id" {
  value = azurerm_kubernetes_cluster.aks.id
}

output "firewall_private_ip" {
  value = azurerm_firewall.hub.ip_configuration[0].private_ip_address
}
{{end}}
`))

// tfResources is the number of resource instances a Terraform stack
// declares: 36, plus one per user node pool and one for the hub's zone
// link.
func tfResources(p plan) int {
	n := 36 + p.pools
	if p.mistake != NoHubLink {
		n++
	}
	return n
}

func writeTerraform(w *writer, p plan) (int, error) {
	d := tfData{
		Workload: p.workload, Env: p.env, Instance: p.instance, Location: p.location,
		Replicas: p.replicas, HubSpace: p.hubSpace(), SpokeSpace: p.spokeSpace(),
		SKU: p.sku(), Zone: p.zoneName(), Subresource: p.subresource(),
		ZoneGroup: p.mistake != NoZoneGroup, LinkHub: p.mistake != NoHubLink,
		Pools: p.pools, ModulePath: "../../" + nsgModuleDir,
	}
	for _, name := range tfFiles {
		var buf bytes.Buffer
		if err := tfTemplates.ExecuteTemplate(&buf, name, d); err != nil {
			return 0, err
		}
		if err := w.write(p.dir+"/"+name, buf.Bytes()); err != nil {
			return 0, err
		}
	}
	return tfResources(p), nil
}
