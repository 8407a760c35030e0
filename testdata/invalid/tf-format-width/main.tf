resource "azurerm_container_registry" "acr" {
  name                = format("%999999999s", "acr")
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
