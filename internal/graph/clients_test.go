package graph_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const clients = `
resource "azurerm_subnet" "aks" {
  name                 = "aks"
  resource_group_name  = "rg"
  virtual_network_name = "spoke"
  address_prefixes     = ["10.1.0.0/22"]
}
resource "azurerm_subnet" "pool" {
  name                 = "pool"
  resource_group_name  = "rg"
  virtual_network_name = "spoke"
  address_prefixes     = ["10.1.4.0/22"]
}
resource "azurerm_subnet" "bastion" {
  name                 = "AzureBastionSubnet"
  resource_group_name  = "rg"
  virtual_network_name = "spoke"
  address_prefixes     = ["10.1.8.0/26"]
}
resource "azurerm_container_registry" "acr" {
  name     = "myacr"
  location = "westeurope"
  sku      = "Premium"
}
resource "azurerm_kubernetes_cluster" "aks" {
  name = "aks"
  default_node_pool {
    name           = "system"
    vnet_subnet_id = azurerm_subnet.aks.id
  }
  network_profile {
    network_plugin = "azure"
    outbound_type  = "userDefinedRouting"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "user" {
  name                  = "user"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.aks.id
  vnet_subnet_id        = azurerm_subnet.pool.id
}
resource "azurerm_role_assignment" "pull" {
  scope                = azurerm_container_registry.acr.id
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id
}
resource "azurerm_linux_web_app" "app" {
  name                      = "app"
  virtual_network_subnet_id = azurerm_subnet.aks.id
  vnet_image_pull_enabled   = true
  site_config {
    container_registry_use_managed_identity = true
    application_stack {
      docker_image_name   = "app:1"
      docker_registry_url = "https://myacr.azurecr.io"
    }
  }
}
resource "azurerm_container_group" "ci" {
  name    = "ci"
  os_type = "Linux"
  container {
    name  = "a"
    image = "myacr.azurecr.io/a:1"
  }
  container {
    name  = "b"
    image = "nginx"
  }
  image_registry_credential {
    server                    = "myacr.azurecr.io"
    user_assigned_identity_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id"
  }
}
resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}
resource "azurerm_monitor_diagnostic_setting" "acr" {
  name                       = "logs"
  target_resource_id         = azurerm_container_registry.acr.id
  log_analytics_workspace_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w"
  enabled_log {
    category = "ContainerRegistryLoginEvents"
  }
}
resource "azurerm_resource_provider_registration" "acr" {
  name = "Microsoft.ContainerRegistry"
}
resource "azurerm_container_registry_agent_pool" "pool" {
  name                      = "vnetpool"
  container_registry_name   = azurerm_container_registry.acr.name
  virtual_network_subnet_id = azurerm_subnet.pool.id
}
resource "azurerm_container_registry_task" "build" {
  name                  = "build"
  container_registry_id = azurerm_container_registry.acr.id
  agent_pool_name       = azurerm_container_registry_agent_pool.pool.name
}
`

func TestClientNodes(t *testing.T) {
	g := build(t, clients)
	acr := "registry/main.tf/azurerm_container_registry.acr"
	aks := node(t, g, "aks_cluster/main.tf/azurerm_kubernetes_cluster.aks")
	want := map[string]any{
		"name": "aks", "outbound_type": "userDefinedRouting", "private_cluster": false,
		"subnets":    []string{"subnet/main.tf/azurerm_subnet.aks", "subnet/main.tf/azurerm_subnet.pool"},
		"pulls_from": []string{acr},
	}
	if diff := cmp.Diff(want, aks.Attrs); diff != "" {
		t.Errorf("aks (-want +got):\n%s", diff)
	}
	app := node(t, g, "web_app/main.tf/azurerm_linux_web_app.app")
	wantApp := map[string]any{
		"name": "app", "image_registry": "myacr.azurecr.io", "registry": acr, "vnet_image_pull": true,
		"managed_identity_pull": true, "subnet": "subnet/main.tf/azurerm_subnet.aks",
	}
	if diff := cmp.Diff(wantApp, app.Attrs); diff != "" {
		t.Errorf("web app (-want +got):\n%s", diff)
	}
	ci := node(t, g, "container_group/main.tf/azurerm_container_group.ci")
	wantCI := map[string]any{"name": "ci", "image_registries": []string{"myacr.azurecr.io"}, "registries": []string{acr}, "managed_identity_pull": true}
	if diff := cmp.Diff(wantCI, ci.Attrs); diff != "" {
		t.Errorf("container group (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"plan": "Containers", "tier": "Standard"}, node(t, g, "defender_plan/main.tf/azurerm_security_center_subscription_pricing.containers").Attrs); diff != "" {
		t.Errorf("defender (-want +got):\n%s", diff)
	}
	wantDiag := map[string]any{"name": "logs", "target": acr, "log_categories": []string{"ContainerRegistryLoginEvents"}, "category_groups": []string{}, "destinations": []string{"log_analytics"}}
	if diff := cmp.Diff(wantDiag, node(t, g, "diagnostic_setting/main.tf/azurerm_monitor_diagnostic_setting.acr").Attrs); diff != "" {
		t.Errorf("diagnostic setting (-want +got):\n%s", diff)
	}
	ra := node(t, g, "role_assignment/main.tf/azurerm_role_assignment.pull")
	if diff := cmp.Diff(map[string]any{"scope": acr, "role": "AcrPull", "principal": aks.ID}, ra.Attrs); diff != "" {
		t.Errorf("role assignment (-want +got):\n%s", diff)
	}
	if got := node(t, g, "provider_registration/main.tf/azurerm_resource_provider_registration.acr").Attrs["namespace"]; got != "Microsoft.ContainerRegistry" {
		t.Errorf("provider: %v", got)
	}
	task := node(t, g, "registry_task/main.tf/azurerm_container_registry_task.build")
	if diff := cmp.Diff(map[string]any{"name": "build", "registry": acr, "agent_pool": "vnetpool", "agent_pool_subnet": "subnet/main.tf/azurerm_subnet.pool"}, task.Attrs); diff != "" {
		t.Errorf("task (-want +got):\n%s", diff)
	}
	if node(t, g, "subnet/main.tf/azurerm_subnet.bastion").Attrs["bastion"] != true {
		t.Error("AzureBastionSubnet is a bastion subnet")
	}
}
