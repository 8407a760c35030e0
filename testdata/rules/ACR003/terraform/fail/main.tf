# The network comes from a local module; the registry's private endpoint sits
# in the spoke, and the zone is linked to the hub only.

resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "westeurope"
}

module "hub" {
  source              = "./modules/network"
  name                = "vnet-hub"
  cidr                = "10.0.0.0/16"
  resource_group_name = azurerm_resource_group.rg.name
}

module "spoke" {
  source              = "./modules/network"
  name                = "vnet-spoke"
  cidr                = "10.1.0.0/16"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_container_registry" "acr" {
  name                = "acrapp"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  sku                 = "Premium"
}

resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_private_dns_zone_virtual_network_link" "links" {
  for_each              = { hub = module.hub.vnet_id }
  name                  = each.key
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = each.value
}

resource "azurerm_private_endpoint" "acr" {
  name                = "pe-acr"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = module.spoke.subnet_id

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
