locals {
  name = "${local.name}1"
}
resource "azurerm_container_registry" "acr" {
  name                = local.name
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
