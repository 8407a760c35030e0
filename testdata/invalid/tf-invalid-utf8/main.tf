resource "azurerm_container_registry" "acr" {
  name     = "acrÿþ1"
  location = "westeurope"
}
