# The same design, fixed: the private endpoint registers every registry name
# (login server and one data endpoint per region) through a DNS zone group,
# and the zone is linked to the VNet that resolves them. Login events go to a
# Log Analytics workspace, so that a refused login can be traced.

variable "location" {
  type    = string
  default = "westeurope"
}

variable "replica_locations" {
  type    = list(string)
  default = ["northeurope"]
}

locals {
  prefix = "contoso"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-${local.prefix}-registry"
  location = var.location
}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-${local.prefix}-hub"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.10.0.0/16"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = [cidrsubnet("10.10.0.0/16", 8, 1)]
}

resource "azurerm_container_registry" "acr" {
  name                          = "${local.prefix}registry"
  resource_group_name           = azurerm_resource_group.rg.name
  location                      = azurerm_resource_group.rg.location
  sku                           = "Premium"
  public_network_access_enabled = false

  dynamic "georeplications" {
    for_each = toset(var.replica_locations)
    content {
      location = georeplications.value
    }
  }
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

resource "azurerm_private_endpoint" "acr" {
  name                = "pe-${local.prefix}-registry"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "registry"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id]
  }
}

resource "azurerm_log_analytics_workspace" "logs" {
  name                = "log-${local.prefix}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "registry-logins"
  target_resource_id         = azurerm_container_registry.acr.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }
}
