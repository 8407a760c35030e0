resource "azurerm_container_registry" "acr" {
  name                = nosuchfunction("acr")
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
