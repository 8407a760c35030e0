# A design that passes every shipped rule but breaks the organization's
# own: the payments registry has its private endpoint in the spoke instead
# of the hub (ORG101), the tools registry is open to the Internet and
# pulled from over its public endpoint by the AKS cluster (ORG101, ORG102),
# and the tools team's Bicep (app-team.bicep) links a second registry zone
# to the hub VNet (ORG103).
#
#   acrlint scan --policy examples/policies examples/policies/sample

resource "azurerm_resource_group" "rg" {
  name     = "rg-fabrikam"
  location = "westeurope"
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "hub_endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_virtual_network" "payments" {
  name                = "vnet-payments"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "payments_aks" {
  name                 = "snet-aks"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.payments.name
  address_prefixes     = ["10.1.0.0/22"]
}

resource "azurerm_subnet" "payments_endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.payments.name
  address_prefixes     = ["10.1.8.0/24"]
}

resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_private_dns_zone_virtual_network_link" "hub" {
  name                  = "hub"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}

resource "azurerm_private_dns_zone_virtual_network_link" "payments" {
  name                  = "payments"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = azurerm_virtual_network.payments.id
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "log-fabrikam"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

# The payments team's registry: private, but its endpoint is in the spoke.
resource "azurerm_container_registry" "payments" {
  name                          = "fabrikampayments"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_private_endpoint" "payments" {
  name                = "pe-fabrikampayments"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.payments_endpoints.id

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.payments.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "registry"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id]
  }
}

resource "azurerm_monitor_diagnostic_setting" "payments" {
  name                       = "registry-logins"
  target_resource_id         = azurerm_container_registry.payments.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }
}

# A registry for build tools, left open to the Internet.
resource "azurerm_container_registry" "tools" {
  name                = "fabrikamtools"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  sku                 = "Premium"
}

resource "azurerm_kubernetes_cluster" "payments" {
  name                = "aks-payments"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  dns_prefix          = "akspayments"

  default_node_pool {
    name           = "system"
    node_count     = 3
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.payments_aks.id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
  }
}

resource "azurerm_role_assignment" "payments_pull" {
  scope                = azurerm_container_registry.payments.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.payments.kubelet_identity[0].object_id
}

resource "azurerm_role_assignment" "tools_pull" {
  scope                = azurerm_container_registry.tools.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.payments.kubelet_identity[0].object_id
}
