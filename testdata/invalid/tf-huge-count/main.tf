resource "azurerm_container_registry" "acr" {
  name                = "acrinvalid"
  count               = 100000
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
