resource "azurerm_container_registry" "acr" {
  name                = ["acr"][3]
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
