// The endpoint's subnet is in the registry's own subscription, where the
// resource provider is registered.
param location string = 'westeurope'
param platformSubscriptionId string = '11111111-1111-1111-1111-111111111111'
param spokeSubscriptionId string = '11111111-1111-1111-1111-111111111111'

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'acrcore'
  scope: resourceGroup(platformSubscriptionId, 'rg-core')
}

resource spokeVnet 'Microsoft.Network/virtualNetworks@2023-11-01' existing = {
  name: 'vnet-core-apps'
  scope: resourceGroup(spokeSubscriptionId, 'rg-core-apps')

  resource endpoints 'subnets' existing = {
    name: 'snet-pe'
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
