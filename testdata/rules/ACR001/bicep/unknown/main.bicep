// The registry name is derived from the resource group's ID, which is known
// only at deployment, so the names the private DNS records must cover are
// unknown: nothing is reported.
param location string = 'westeurope'
param registryName string = 'acr${uniqueString(resourceGroup().id)}'

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

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-acr'
  location: location
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
  }
}

resource loginRecord 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
  parent: zone
  name: acr.name
  properties: {
    ttl: 300
    aRecords: [
      {
        ipv4Address: endpoint.properties.customDnsConfigs[0].ipAddresses[0]
      }
    ]
  }
}

resource dataRecord 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {
  parent: zone
  name: '${acr.name}.${location}.data'
  properties: {
    ttl: 300
    aRecords: [
      {
        ipv4Address: endpoint.properties.customDnsConfigs[1].ipAddresses[0]
      }
    ]
  }
}
