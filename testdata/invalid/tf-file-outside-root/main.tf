resource "azurerm_container_registry" "acr" {
  name                = trimspace(file("../../etc/passwd"))
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
