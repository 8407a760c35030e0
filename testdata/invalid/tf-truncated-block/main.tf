resource "azurerm_container_registry" "acr" {
  name     = "acr1"
  location = "westeurope"
