resource "azurerm_kubernetes_cluster" "aks" {
  name                      = "aks-${var.prefix}"
  location                  = azurerm_resource_group.spoke.location
  resource_group_name       = azurerm_resource_group.spoke.name
  dns_prefix                = "aks-${var.prefix}"
  kubernetes_version        = "1.31"
  sku_tier                  = "Standard"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  azure_policy_enabled      = true
  tags                      = var.tags

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    node_count                   = 3
    zones                        = ["1", "2", "3"]
    vnet_subnet_id               = azurerm_subnet.aks_nodes.id
    only_critical_addons_enabled = true
    os_sku                       = "AzureLinux"

    upgrade_settings {
      max_surge = "33%"
    }
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    outbound_type       = "userDefinedRouting"
    pod_cidr            = "192.168.0.0/16"
    service_cidr        = "172.16.0.0/16"
    dns_service_ip      = "172.16.0.10"
  }

  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id
  }

  # The default route to the firewall must exist before the nodes boot.
  depends_on = [
    azurerm_subnet_route_table_association.aks_nodes,
    azurerm_firewall_policy_rule_collection_group.aks,
  ]
}

resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vm_size               = "Standard_D8ds_v5"
  node_count            = 3
  zones                 = ["1", "2", "3"]
  vnet_subnet_id        = azurerm_subnet.aks_nodes.id
  os_sku                = "AzureLinux"
  mode                  = "User"
}

resource "azurerm_role_assignment" "aks_acr_pull" {
  scope                            = azurerm_container_registry.platform.id
  role_definition_name             = "AcrPull"
  principal_id                     = azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id
  skip_service_principal_aad_check = true
}
