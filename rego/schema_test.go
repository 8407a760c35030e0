package rego_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/rego"
)

// schema is the part of docs/graph.schema.json these tests read.
type schema struct {
	Defs map[string]struct {
		Description string `json:"description"`
		Properties  map[string]struct {
			Description string         `json:"description"`
			Defaults    map[string]any `json:"x-acrlint-defaults"`
		} `json:"properties"`
	} `json:"$defs"`
}

func readSchema(t *testing.T) (schema, []string) {
	t.Helper()
	data, err := os.ReadFile("../docs/graph.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s schema
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Defs struct {
			Node struct {
				Properties struct {
					Kind struct {
						Enum []string `json:"enum"`
					} `json:"kind"`
				} `json:"properties"`
			} `json:"node"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return s, raw.Defs.Node.Properties.Kind.Enum
}

// Every node kind has its attributes in the schema, each described.
func TestSchemaDescribesEveryAttribute(t *testing.T) {
	s, kinds := readSchema(t)
	if len(kinds) < 16 {
		t.Fatalf("only %d kinds", len(kinds))
	}
	for _, kind := range kinds {
		def, ok := s.Defs[kind]
		if !ok || def.Description == "" || len(def.Properties) == 0 {
			t.Errorf("kind %s has no described definition", kind)
			continue
		}
		for name, p := range def.Properties {
			if len(p.Description) < 10 {
				t.Errorf("%s.%s has no description", kind, name)
			}
		}
	}
}

// The defaults the schema states for each format are the values the graph
// gives an attribute the source leaves out.
func TestSchemaDefaults(t *testing.T) {
	s, _ := readSchema(t)
	dir := t.TempDir()
	for name, src := range map[string]string{"tf/main.tf": minimalTerraform, "arm/main.json": minimalARM} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	eng, _, err := rego.New(ctx, rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(ctx, eng, scan.Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]int{}
	for _, n := range res.Graph.Nodes {
		if n.External {
			continue
		}
		def, ok := s.Defs[n.Kind]
		if !ok {
			t.Errorf("kind %s is not in the schema", n.Kind)
			continue
		}
		for attr, p := range def.Properties {
			want, ok := p.Defaults[n.Source.Format]
			if _, set := n.AttrLines[attr]; !ok || set {
				continue
			}
			got := n.Attrs[attr]
			// Lists compare by their JSON form.
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if !reflect.DeepEqual(gj, wj) {
				t.Errorf("%s %s.%s: the graph gives %s where the schema says the default is %s", n.Source.Format, n.Kind, attr, gj, wj)
			}
			checked[n.Source.Format]++
		}
	}
	for _, format := range []string{"terraform", "arm"} {
		if checked[format] < 15 {
			t.Errorf("only %d defaults of %s checked", checked[format], format)
		}
	}
	if len(res.Report.Diagnostics) > 0 {
		t.Errorf("the minimal designs have diagnostics: %v", res.Report.Diagnostics)
	}
}

// minimalTerraform declares one resource of each kind with the defaults
// under test, setting none of them.
const minimalTerraform = `
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "snet" {
  name                 = "snet"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_container_registry" "acr" {
  name                = "acrminimal"
  location            = "westeurope"
  resource_group_name = "rg"
  sku                 = "Premium"
}

resource "azurerm_private_endpoint" "pe" {
  name                = "pe"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = azurerm_subnet.snet.id

  private_service_connection {
    name                           = "acr"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
    is_manual_connection           = false
  }
}

resource "azurerm_private_dns_zone" "zone" {
  name                = "privatelink.azurecr.io"
  resource_group_name = "rg"
}

resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_linux_web_app" "app" {
  name                = "app"
  location            = "westeurope"
  resource_group_name = "rg"
  service_plan_id     = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"

  site_config {
    application_stack {
      docker_image_name   = "app:1"
      docker_registry_url = "https://acrminimal.azurecr.io"
    }
  }
}

resource "azurerm_container_group" "aci" {
  name                = "aci"
  location            = "westeurope"
  resource_group_name = "rg"
  os_type             = "Linux"

  container {
    name   = "app"
    image  = "acrminimal.azurecr.io/app:1"
    cpu    = 1
    memory = 1
  }
}

resource "azurerm_firewall" "fw" {
  name                = "fw"
  location            = "westeurope"
  resource_group_name = "rg"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
}

resource "azurerm_security_center_subscription_pricing" "defender" {
  tier = "Standard"
}
`

const minimalARM = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-09-01",
      "name": "vnet",
      "location": "westeurope",
      "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}
    },
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "acrminimal",
      "location": "westeurope",
      "sku": {"name": "Premium"}
    },
    {
      "type": "Microsoft.Network/privateDnsZones",
      "apiVersion": "2020-06-01",
      "name": "privatelink.azurecr.io",
      "location": "global"
    },
    {
      "type": "Microsoft.ContainerService/managedClusters",
      "apiVersion": "2024-02-01",
      "name": "aks",
      "location": "westeurope",
      "properties": {"dnsPrefix": "aks", "agentPoolProfiles": [{"name": "system", "count": 1, "vmSize": "Standard_D2s_v5", "mode": "System"}]}
    },
    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2023-01-01",
      "name": "app",
      "location": "westeurope",
      "properties": {"siteConfig": {"linuxFxVersion": "DOCKER|acrminimal.azurecr.io/app:1"}}
    },
    {
      "type": "Microsoft.ContainerInstance/containerGroups",
      "apiVersion": "2023-05-01",
      "name": "aci",
      "location": "westeurope",
      "properties": {"osType": "Linux", "containers": [{"name": "app", "properties": {"image": "acrminimal.azurecr.io/app:1", "resources": {"requests": {"cpu": 1, "memoryInGB": 1}}}}]}
    },
    {
      "type": "Microsoft.Network/azureFirewalls",
      "apiVersion": "2023-09-01",
      "name": "fw",
      "location": "westeurope",
      "properties": {"sku": {"name": "AZFW_VNet", "tier": "Standard"}}
    }
  ]
}`
