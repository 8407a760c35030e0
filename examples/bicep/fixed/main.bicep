// The same design, fixed: the private endpoint registers every registry
// name (login server and one data endpoint per region) through a DNS zone
// group, and the zone is linked to the VNet that resolves them. Login
// events go to a Log Analytics workspace, so that a refused login can be
// traced.
param location string = 'westeurope'
param replicaLocations array = ['northeurope']

var prefix = 'contoso'

resource hub 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: 'vnet-${prefix}-hub'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.10.0.0/16']
    }
  }

  resource endpoints 'subnets' = {
    name: 'snet-endpoints'
    properties: {
      addressPrefix: cidrSubnet('10.10.0.0/16', 24, 1)
    }
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: '${prefix}registry'
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource replicas 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for replica in replicaLocations: {
  parent: registry
  name: replica
  location: replica
}]

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'

  resource hubLink 'virtualNetworkLinks' = {
    name: 'hub'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: hub.id
      }
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-${prefix}-registry'
  location: location
  properties: {
    subnet: {
      id: hub::endpoints.id
    }
    privateLinkServiceConnections: [
      {
        name: 'registry'
        properties: {
          privateLinkServiceId: registry.id
          groupIds: ['registry']
        }
      }
    ]
  }

  resource dns 'privateDnsZoneGroups' = {
    name: 'registry'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'registry'
          properties: {
            privateDnsZoneId: zone.id
          }
        }
      ]
    }
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${prefix}'
  location: location
}

resource logins 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'registry-logins'
  scope: registry
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'ContainerRegistryLoginEvents'
        enabled: true
      }
    ]
  }
}
