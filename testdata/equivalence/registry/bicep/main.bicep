// A Premium registry with geo-replicas and dedicated data endpoints,
// reached through a private endpoint whose DNS zone group covers every
// name, from a VNet linked to the zone.
param location string = 'westeurope'
param replicaRegions array = [
  'northeurope'
  'swedencentral'
]
param registryName string = 'contosoregistry'

resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: 'vnet-spoke'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.1.0.0/16']
    }
  }

  resource endpoints 'subnets' = {
    name: 'snet-endpoints'
    properties: {
      addressPrefix: '10.1.1.0/24'
    }
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    dataEndpointEnabled: true
  }
}

resource replicas 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for region in replicaRegions: {
  parent: registry
  name: region
  location: region
}]

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
}

resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: zone
  name: 'link-spoke'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-${registryName}'
  location: location
  properties: {
    subnet: {
      id: vnet::endpoints.id
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

  resource group 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'acr'
          properties: {
            privateDnsZoneId: zone.id
          }
        }
      ]
    }
  }
}
