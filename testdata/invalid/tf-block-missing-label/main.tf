resource "azurerm_container_registry" {
  name = "acr1"
}
