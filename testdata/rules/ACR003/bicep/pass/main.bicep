// The hub VNet is part of this file; the spoke network comes from a module.
// The registry's private endpoint sits in the spoke, and the privatelink zone
// is linked to both the hub and the spoke.
param location string = 'westeurope'
param registryName string = 'acrapp'
param hubVnetName string
param hubAddressPrefix string
param spokeVnetName string
param spokeAddressPrefix string

resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: hubVnetName
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        hubAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'snet-shared'
        properties: {
          addressPrefix: cidrSubnet(hubAddressPrefix, 24, 1)
        }
      }
    ]
  }
}

module spoke './network.bicep' = {
  name: 'spoke-network'
  params: {
    vnetName: spokeVnetName
    addressPrefix: spokeAddressPrefix
    location: location
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

  resource hubLink 'virtualNetworkLinks' = {
    name: 'hub'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: hub.id
      }
    }
  }

  resource spokeLink 'virtualNetworkLinks' = {
    name: 'spoke'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: spoke.outputs.vnetId
      }
    }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-acr'
  location: location
  properties: {
    subnet: {
      id: spoke.outputs.subnetId
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
