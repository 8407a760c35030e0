// Two geo-replicated registries, each reached through its own private
// endpoint, built with loops over array parameters. The private DNS zone
// holds A records for the login servers only: every data endpoint is missing.
param location string = 'westeurope'
param registryNames array = [
  'acrapp'
  'acrbase'
]
param replicaRegions array = [
  'northeurope'
  'eastus'
]

var replicas = flatten(map(registryNames, name => map(replicaRegions, region => {
  registry: name
  region: region
})))

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-app'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.1.0.0/16'
      ]
    }
  }

  resource endpoints 'subnets' = {
    name: 'snet-pe'
    properties: {
      addressPrefix: '10.1.1.0/24'
    }
  }
}

resource registries 'Microsoft.ContainerRegistry/registries@2023-07-01' = [for name in registryNames: {
  name: name
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
  }
}]

resource replications 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for (replica, i) in replicas: {
  parent: registries[i / length(replicaRegions)]
  name: replica.region
  location: replica.region
  properties: {}
}]

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'

  resource link 'virtualNetworkLinks' = {
    name: 'app'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
}

resource endpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [for (name, i) in registryNames: {
  name: 'pe-${name}'
  location: location
  properties: {
    subnet: {
      id: vnet::endpoints.id
    }
    privateLinkServiceConnections: [
      {
        name: 'registry'
        properties: {
          privateLinkServiceId: registries[i].id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }
}]

resource loginRecords 'Microsoft.Network/privateDnsZones/A@2020-06-01' = [for (name, i) in registryNames: {
  parent: zone
  name: name
  properties: {
    ttl: 300
    aRecords: [
      {
        ipv4Address: endpoints[i].properties.customDnsConfigs[0].ipAddresses[0]
      }
    ]
  }
}]
