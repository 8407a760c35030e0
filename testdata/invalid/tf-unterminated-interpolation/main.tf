variable "suffix" {
  default = "1"
}
resource "azurerm_container_registry" "acr" {
  name     = "acr${var.suffix"
  location = "westeurope"
}
