// The broken hub design of examples/bicep/broken with its findings
// suppressed in every way acrlint reads, and the mistakes it reports about
// suppressions.
param location string = 'westeurope'
param replicaLocations array = ['northeurope']

var prefix = 'contoso'

// acrlint:ignore ACR014 not a finding here: reported as unused
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
  tags: {
    note: '// acrlint:ignore ACR013 inside a string, not a comment'
  }
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

// The zone is linked to the hub by the platform team's own deployment.
// acrlint:ignore ACR003, ACR002 linked by the platform deployment
@description('the registry zone')
resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
}

resource endpoint 'Microsoft.Network/privateEndpoints@2023-05-01' = { // acrlint:ignore ACR001
  name: 'pe-${prefix}-registry'
  location: location
  properties: {
    subnet: {
      id: hub::endpoints.id // acrlint:ignore:ACR009
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
