locals {
  registry_name = "${var.prefix}platformacr"

  hub_subnets = {
    firewall  = cidrsubnet(var.hub_address_space, 10, 0) # 10.0.0.0/26
    endpoints = cidrsubnet(var.hub_address_space, 8, 2)  # 10.0.2.0/24
  }

  spoke_subnets = {
    aks_nodes = cidrsubnet(var.spoke_address_space, 6, 0) # 10.1.0.0/22
  }
}

resource "azurerm_resource_group" "hub" {
  name     = "rg-${var.prefix}-hub"
  location = var.location
  tags     = var.tags
}

resource "azurerm_resource_group" "spoke" {
  name     = "rg-${var.prefix}-aks"
  location = var.location
  tags     = var.tags
}

resource "azurerm_log_analytics_workspace" "platform" {
  name                = "log-${var.prefix}-platform"
  location            = azurerm_resource_group.hub.location
  resource_group_name = azurerm_resource_group.hub.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
  tags                = var.tags
}
