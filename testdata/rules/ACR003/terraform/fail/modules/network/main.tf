variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "resource_group_name" {
  type = string
}

resource "azurerm_virtual_network" "this" {
  name                = var.name
  location            = "westeurope"
  resource_group_name = var.resource_group_name
  address_space       = [var.cidr]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.cidr, 8, 1)]
}

output "vnet_id" {
  value = azurerm_virtual_network.this.id
}

output "subnet_id" {
  value = azurerm_subnet.endpoints.id
}
