resource "azurerm_container_registry" "acr" {
  name                = var.registry_name
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
