locals {
  a = "${local.b}-x"
  b = "${local.a}-y"
}
resource "azurerm_container_registry" "acr" {
  name                = local.a
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
