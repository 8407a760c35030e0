// The private endpoint has static addresses for the login server and for the
// data endpoint of every region, and the zone holds an A record for each of
// them, built from the same parameters.
param location string = 'westeurope'
param registryName string = 'acrapp'
param replicaRegions array = [
  'northeurope'
]

var regions = concat([location], replicaRegions)
var loginAddress = '10.1.1.4'

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

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource replications 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for region in replicaRegions: {
  parent: acr
  name: region
  location: region
  properties: {}
}]

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-${registryName}'
  location: location
  dependsOn: [
    replications
  ]
  properties: {
    subnet: {
      id: vnet::endpoints.id
    }
    privateLinkServiceConnections: [
      {
        name: 'registry'
        properties: {
          privateLinkServiceId: acr.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
    ipConfigurations: concat([
      {
        name: 'login'
        properties: {
          groupId: 'registry'
          memberName: 'registry'
          privateIPAddress: loginAddress
        }
      }
    ], [for (region, i) in regions: {
      name: 'data-${region}'
      properties: {
        groupId: 'registry'
        memberName: 'registry_data_${region}'
        privateIPAddress: '10.1.1.${5 + i}'
      }
    }])
  }
}

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

  resource login 'A' = {
    name: registryName
    properties: {
      ttl: 300
      aRecords: [
        {
          ipv4Address: loginAddress
        }
      ]
    }
  }
}

resource dataRecords 'Microsoft.Network/privateDnsZones/A@2020-06-01' = [for (region, i) in regions: {
  parent: zone
  name: '${registryName}.${region}.data'
  properties: {
    ttl: 300
    aRecords: [
      {
        ipv4Address: '10.1.1.${5 + i}'
      }
    ]
  }
}]
