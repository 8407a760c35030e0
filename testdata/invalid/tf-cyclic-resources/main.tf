resource "azurerm_virtual_network" "a" {
  name = azurerm_virtual_network.b.name
}
resource "azurerm_virtual_network" "b" {
  name = azurerm_virtual_network.a.name
}
