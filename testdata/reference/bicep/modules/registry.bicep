// Premium registry reachable only through its private endpoint, replicated
// to more regions, with dedicated data endpoints and login events sent to
// Log Analytics.
param location string
param name string
param replicaLocations string[]

@description('Subnet of the registry\'s private endpoint.')
param endpointsSubnetId string

@description('VNets that resolve the registry through privatelink.azurecr.io.')
param virtualNetworkLinks {
  name: string
  vnetId: string
}[]

param workspaceId string
param tags object = {}

resource registry 'Microsoft.ContainerRegistry/registries@2023-11-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Disabled'
    dataEndpointEnabled: true
    networkRuleBypassOptions: 'AzureServices'
    zoneRedundancy: 'Enabled'
  }

  resource replicas 'replications' = [
    for replicaLocation in replicaLocations: {
      name: replicaLocation
      location: replicaLocation
      tags: tags
      properties: {
        zoneRedundancy: 'Enabled'
      }
    }
  ]
}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
  tags: tags

  resource links 'virtualNetworkLinks' = [
    for link in virtualNetworkLinks: {
      name: link.name
      location: 'global'
      tags: tags
      properties: {
        registrationEnabled: false
        virtualNetwork: {
          id: link.vnetId
        }
      }
    }
  ]
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-${name}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: endpointsSubnetId
    }
    customNetworkInterfaceName: 'nic-pe-${name}'
    privateLinkServiceConnections: [
      {
        name: 'psc-${name}'
        properties: {
          privateLinkServiceId: registry.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }

  resource zoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'privatelink-azurecr-io'
          properties: {
            privateDnsZoneId: zone.id
          }
        }
      ]
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diag-${name}'
  scope: registry
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'ContainerRegistryLoginEvents'
        enabled: true
      }
      {
        category: 'ContainerRegistryRepositoryEvents'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output name string = registry.name
output id string = registry.id
