package bicep

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// stack is one hub-and-spoke registry design; %[1]d makes its names
// unique in a generated file.
const stack = `
var regions%[1]d = ['northeurope', 'swedencentral']

resource vnet%[1]d 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: 'vnet-%[1]d'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.%[2]d.0.0/16'] }
  }
  resource pe 'subnets' = {
    name: 'snet-pe'
    properties: { addressPrefix: '10.%[2]d.1.0/24' }
  }
  resource nodes 'subnets' = {
    name: 'snet-nodes'
    properties: {
      addressPrefix: '10.%[2]d.4.0/22'
      routeTable: { id: rt%[1]d.id }
    }
  }
}

resource acr%[1]d 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${uniqueString('%[1]d')}'
  location: location
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: 'Disabled'
    dataEndpointEnabled: true
    networkRuleBypassOptions: 'AzureServices'
  }
}

resource replicas%[1]d 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for r in regions%[1]d: {
  parent: acr%[1]d
  name: r
  location: r
}]

resource zone%[1]d 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
  resource link 'virtualNetworkLinks' = {
    name: 'link-%[1]d'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: { id: vnet%[1]d.id }
    }
  }
}

resource pe%[1]d 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-acr-%[1]d'
  location: location
  properties: {
    subnet: { id: vnet%[1]d::pe.id }
    privateLinkServiceConnections: [
      {
        name: 'acr'
        properties: {
          privateLinkServiceId: acr%[1]d.id
          groupIds: ['registry']
        }
      }
    ]
  }
  resource group 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [{ name: 'acr', properties: { privateDnsZoneId: zone%[1]d.id } }]
    }
  }
}

resource rt%[1]d 'Microsoft.Network/routeTables@2023-05-01' = {
  name: 'rt-%[1]d'
  location: location
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: '10.0.0.4'
        }
      }
    ]
  }
}
`

// generated writes a Bicep file of n stacks (about 7 KB and 11 resources
// each) into a directory of its own.
func generated(b *testing.B, n int) (dir, path string, size int64) {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("param location string = 'westeurope'\n")
	for i := range n {
		fmt.Fprintf(&sb, stack, i, i%250)
	}
	dir = b.TempDir()
	path = filepath.Join(dir, "main.bicep")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return dir, path, int64(sb.Len())
}

// BenchmarkParse measures the lexer and parser on a large file (MB/s).
func BenchmarkParse(b *testing.B) {
	_, path, size := generated(b, 200)
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := syntax.Parse("main.bicep", src); len(ds) > 0 {
			b.Fatal(ds)
		}
	}
}

// BenchmarkEvaluate measures reading, compiling and evaluating the same
// file into resources (MB/s, and resources per second).
func BenchmarkEvaluate(b *testing.B) {
	dir, path, size := generated(b, 200)
	b.SetBytes(size)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		rs, ds := Parse(dir, []string{path}, Options{})
		if len(ds) > 0 {
			b.Fatal(ds)
		}
		n = len(rs)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
}
