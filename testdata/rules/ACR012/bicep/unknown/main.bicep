// The endpoint's subnet comes from a parameter without a value: nothing is
// reported.
param location string = 'westeurope'
param platformSubscriptionId string = '11111111-1111-1111-1111-111111111111'
param spokeSubscriptionId string = '22222222-2222-2222-2222-222222222222'

@description('Resource ID of the subnet for the private endpoint.')
param spokeSubnetId string

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'acrhub'
  scope: resourceGroup(platformSubscriptionId, 'rg-hub')
}

resource spokeVnet 'Microsoft.Network/virtualNetworks@2023-11-01' existing = {
  name: 'vnet-hub-apps'
  scope: resourceGroup(spokeSubscriptionId, 'rg-hub-apps')
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
      id: spokeSubnetId
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
