// Public network access is disabled, yet the registry keeps IP rules for the
// office's public range and the VNet's private range: IP rules apply only to
// the public endpoint, so they admit no one, and without a private endpoint
// the web app cannot reach the registry.
param location string = 'westeurope'
param registryName string = 'acrapp'
param allowedRanges array = [
  '203.0.113.0/24'
  '10.1.0.0/16'
]

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Disabled'
    networkRuleSet: {
      defaultAction: 'Deny'
      ipRules: [for range in allowedRanges: {
        value: range
        action: 'Allow'
      }]
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

  resource web 'subnets' = {
    name: 'snet-web'
    properties: {
      addressPrefix: '10.1.2.0/24'
      delegations: [
        {
          name: 'app-service'
          properties: {
            serviceName: 'Microsoft.Web/serverFarms'
          }
        }
      ]
    }
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'asp-app'
  location: location
  kind: 'linux'
  sku: {
    name: 'P1v3'
  }
  properties: {
    reserved: true
  }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-web'
  location: location
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    virtualNetworkSubnetId: vnet::web.id
    vnetImagePullEnabled: true
    siteConfig: {
      linuxFxVersion: 'DOCKER|${registryName}.azurecr.io/web:1.0'
      acrUseManagedIdentityCreds: true
    }
  }
}
