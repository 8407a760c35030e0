variable "sku" {
  default = "Basic"
}
resource "azurerm_container_registry" "acr" {
  name                = "acrinvalid"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = var.sku
}
