// A hub network with a Premium registry replicated to a second region and
// reached through a private endpoint. The private DNS zone holds a record
// for the login server only, and it is not linked to the VNet.
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
}

resource login 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
  parent: zone
  name: registry.name
  properties: {
    ttl: 3600
    aRecords: [
      {
        ipv4Address: endpoint.properties.customDnsConfigs[0].ipAddresses[0]
      }
    ]
  }
}
