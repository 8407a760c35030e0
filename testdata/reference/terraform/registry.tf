# Premium registry reachable only through its private endpoint in the hub,
# replicated to two more regions, with dedicated data endpoints.

resource "azurerm_container_registry" "platform" {
  name                          = local.registry_name
  resource_group_name           = azurerm_resource_group.hub.name
  location                      = azurerm_resource_group.hub.location
  sku                           = "Premium"
  admin_enabled                 = false
  public_network_access_enabled = false
  data_endpoint_enabled         = true
  network_rule_bypass_option    = "AzureServices"
  zone_redundancy_enabled       = true
  tags                          = var.tags

  dynamic "georeplications" {
    for_each = toset(var.replica_locations)

    content {
      location                = georeplications.value
      zone_redundancy_enabled = true
      tags                    = var.tags
    }
  }
}

resource "azurerm_private_dns_zone" "acr" {
  name                = "privatelink.azurecr.io"
  resource_group_name = azurerm_resource_group.hub.name
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "acr_hub" {
  name                  = "link-hub"
  resource_group_name   = azurerm_resource_group.hub.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = azurerm_virtual_network.hub.id
  registration_enabled  = false
  tags                  = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "acr_aks" {
  name                  = "link-aks"
  resource_group_name   = azurerm_resource_group.hub.name
  private_dns_zone_name = azurerm_private_dns_zone.acr.name
  virtual_network_id    = azurerm_virtual_network.spoke.id
  registration_enabled  = false
  tags                  = var.tags
}

resource "azurerm_private_endpoint" "acr" {
  name                          = "pe-${local.registry_name}"
  location                      = azurerm_resource_group.hub.location
  resource_group_name           = azurerm_resource_group.hub.name
  subnet_id                     = azurerm_subnet.endpoints.id
  custom_network_interface_name = "nic-pe-${local.registry_name}"
  tags                          = var.tags

  private_service_connection {
    name                           = "psc-${local.registry_name}"
    private_connection_resource_id = azurerm_container_registry.platform.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.acr.id]
  }
}

resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "diag-${local.registry_name}"
  target_resource_id         = azurerm_container_registry.platform.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id

  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }

  enabled_log {
    category = "ContainerRegistryRepositoryEvents"
  }
}

# Defender for Containers scans the registry's images; it reaches the
# locked registry as a trusted service (network_rule_bypass_option above).
resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}
