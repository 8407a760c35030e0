// A spoke deployment reaches the shared registry of the platform subscription
// through a private endpoint in a VNet of another subscription, where nothing
// registers the Microsoft.ContainerRegistry resource provider; the endpoint
// was also put in the spoke's AzureBastionSubnet, which cannot carry registry
// traffic.
param location string = 'westeurope'
param platformSubscriptionId string = '11111111-1111-1111-1111-111111111111'
param spokeSubscriptionId string = '22222222-2222-2222-2222-222222222222'

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'acrplatform'
  scope: resourceGroup(platformSubscriptionId, 'rg-platform')
}

resource spokeVnet 'Microsoft.Network/virtualNetworks@2023-11-01' existing = {
  name: 'vnet-apps'
  scope: resourceGroup(spokeSubscriptionId, 'rg-apps')

  resource endpoints 'subnets' existing = {
    name: 'AzureBastionSubnet'
  }
}

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'

  resource spokeLink 'virtualNetworkLinks' = {
    name: 'spoke'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: spokeVnet.id
      }
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: 'pe-${acr.name}'
  location: location
  properties: {
    subnet: {
      id: spokeVnet::endpoints.id
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

  resource zoneGroup 'privateDnsZoneGroups' = {
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
