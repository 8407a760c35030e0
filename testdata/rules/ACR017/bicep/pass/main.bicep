// The build task runs in a dedicated agent pool in the VNet.
param location string = 'westeurope'
param registryName string = 'acrapp'

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
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

  resource tasks 'subnets' = {
    name: 'snet-tasks'
    properties: {
      addressPrefix: '10.1.3.0/24'
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
    publicNetworkAccess: 'Disabled'
    networkRuleBypassOptions: 'None'
  }

  resource vnetPool 'agentPools@2019-06-01-preview' = {
    name: 'vnetpool'
    location: location
    properties: {
      count: 1
      tier: 'S1'
      os: 'Linux'
      virtualNetworkSubnetResourceId: vnet::tasks.id
    }
  }

  resource buildApp 'tasks@2019-06-01-preview' = {
    name: 'build-app'
    location: location
    identity: {
      type: 'SystemAssigned'
    }
    properties: {
      platform: {
        os: 'Linux'
        architecture: 'amd64'
      }
      step: {
        type: 'Docker'
        dockerFilePath: 'Dockerfile'
        contextPath: 'https://github.com/example/app#main'
        imageNames: [
          'app:{{.Run.ID}}'
        ]
        isPushEnabled: true
      }
      agentPoolName: vnetPool.name
    }
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

resource endpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = {
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

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-app'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
  }
}

resource acrLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'acr-logs'
  scope: acr
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'ContainerRegistryLoginEvents'
        enabled: true
      }
    ]
  }
}
