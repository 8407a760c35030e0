resource "azurerm_container_registry" "acr" {
  name                = "acrinvalid"
  count               = "many"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
