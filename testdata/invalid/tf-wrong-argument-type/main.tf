resource "azurerm_container_registry" "acr" {
  name                = upper(["acr"])
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
