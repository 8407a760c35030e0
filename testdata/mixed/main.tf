# The application's network reaches the shared registry, which registry.json
# deploys, through a private endpoint. The private DNS zone holds an A record
# for the login server only, and the endpoint has no DNS zone group: the data
# endpoint acrshared.westeurope.data.azurecr.io does not resolve privately.

locals {
  registry_id = "/subscriptions/4f9c2d1e-7a3b-4c5d-8e6f-0a1b2c3d4e5f/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/acrshared"
}

resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "westeurope"
}

resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = azurerm_resource_group.app.name
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = azurerm_resource_group.app.name
}

resource "azurerm_private_dns_zone_virtual_network_link" "app" {
  name                  = "vnet-app"
  resource_group_name   = azurerm_resource_group.app.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = azurerm_virtual_network.app.id
}

resource "azurerm_private_endpoint" "acr" {
  name                = "pe-acrshared"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "acrshared"
    private_connection_resource_id = local.registry_id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_dns_a_record" "login" {
  name                = "acrshared"
  zone_name           = azurerm_private_dns_zone.acr.name
  resource_group_name = azurerm_resource_group.app.name
  ttl                 = 300
  records             = [azurerm_private_endpoint.acr.private_service_connection[0].private_ip_address]
}
