resource "azurerm_container_registry" "acr" {
  name = "acr1"
  dynamic "georeplications" {
    for_each = "westeurope"
    content {
      location = georeplications.value
    }
  }
}
