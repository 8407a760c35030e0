# The broken hub design of examples/terraform/broken with its findings
# suppressed in every way acrlint reads, and the mistakes it reports about
# suppressions.

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

# acrlint:ignore ACR014 not a finding here: reported as unused
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
  tags = {
    note = "# acrlint:ignore ACR013 inside a string, not a comment"
  }

  dynamic "georeplications" {
    for_each = toset(var.replica_locations)
    content {
      location = georeplications.value
    }
  }
}

# The zone is linked to the hub by the platform team's own deployment.
# acrlint:ignore ACR003, ACR002 linked by the platform deployment
resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = azurerm_resource_group.rg.name
}

resource "azurerm_private_endpoint" "acr" { // acrlint:ignore ACR001
  name                = "pe-${local.prefix}-registry"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.endpoints.id # acrlint:ignore:ACR009

  private_service_connection {
    name                           = "registry"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_dns_a_record" "login" {
  name                = azurerm_container_registry.acr.name
  zone_name           = azurerm_private_dns_zone.acr.name
  resource_group_name = azurerm_resource_group.rg.name
  ttl                 = 3600
  records             = [azurerm_private_endpoint.acr.private_service_connection[0].private_ip_address]
}
