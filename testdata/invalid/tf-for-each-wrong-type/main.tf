resource "azurerm_container_registry" "acr" {
  name                = "acrinvalid"
  for_each            = 3
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
