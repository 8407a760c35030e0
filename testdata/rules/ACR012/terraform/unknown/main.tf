# The endpoint's subnet comes from a variable without a value: nothing is
# reported.

provider "azurerm" {
  features {}
  subscription_id                 = "22222222-2222-2222-2222-222222222222"
  resource_provider_registrations = "none"
}

variable "spoke_subnet_id" {
  type = string
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-spoke-acr"
  location = "westeurope"
}

resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_private_dns_zone_virtual_network_link" "spoke" {
  name                  = "spoke"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke"
}

resource "azurerm_private_endpoint" "acr" {
  name                = "pe-acrshared"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = var.spoke_subnet_id

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/acrshared"
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "registry"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id]
  }
}
