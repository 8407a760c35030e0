# Two registries, each replicated and reached through a private endpoint,
# built with for_each from variables. The private DNS zone holds A records for
# the login servers only: every data endpoint is missing.

variable "registries" {
  type = map(object({
    replicas = list(string)
  }))
  default = {
    app  = { replicas = ["northeurope"] }
    base = { replicas = ["northeurope", "eastus"] }
  }
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "westeurope"
}

resource "azurerm_virtual_network" "app" {
  name                = "vnet-app"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  address_space       = ["10.1.0.0/16"]
}

resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.app.name
  address_prefixes     = ["10.1.1.0/24"]
}

resource "azurerm_container_registry" "acr" {
  for_each            = var.registries
  name                = "acr${each.key}"
  resource_group_name = azurerm_resource_group.rg.name
  location            = azurerm_resource_group.rg.location
  sku                 = "Premium"

  dynamic "georeplications" {
    for_each = each.value.replicas
    content {
      location = georeplications.value
    }
  }
}

resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_private_dns_zone_virtual_network_link" "app" {
  name                  = "app"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = azurerm_virtual_network.app.id
}

resource "azurerm_private_endpoint" "acr" {
  for_each            = var.registries
  name                = "pe-${each.key}"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.acr[each.key].id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_dns_a_record" "login" {
  for_each            = var.registries
  name                = azurerm_container_registry.acr[each.key].name
  zone_name           = azurerm_private_dns_zone.acr.name
  resource_group_name = azurerm_resource_group.rg.name
  ttl                 = 300
  records             = [azurerm_private_endpoint.acr[each.key].private_service_connection[0].private_ip_address]
}
