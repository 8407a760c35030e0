// A registry reached from a spoke whose network comes from a module; the
// values come from main.bicepparam.
param location string
param registryName string
param spokes array

module network 'network.bicep' = [for spoke in spokes: {
  name: 'network-${spoke.name}'
  params: {
    location: location
    name: spoke.name
    prefix: spoke.prefix
  }
}]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'None'
  }
}

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
}

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (spoke, i) in spokes: {
  parent: zone
  name: 'link-${spoke.name}'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: network[i].outputs.vnetId
    }
  }
}]

resource endpoint 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-${registryName}'
  location: location
  properties: {
    subnet: {
      id: network[0].outputs.subnetId
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
