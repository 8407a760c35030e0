// The registry denies by default. Its virtual network rule names the build
// agents' subnet, which has no Microsoft.ContainerRegistry service endpoint
// (Azure refuses the rule); the web app pulls over its VNet integration from a
// subnet that has the service endpoint, but no rule admits that subnet.
param location string = 'westeurope'
param registryName string = 'acrapp'
param logWorkspaceName string = 'log-platform'
param logResourceGroup string = 'rg-monitoring'

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
      serviceEndpoints: [
        {
          service: 'Microsoft.ContainerRegistry'
        }
      ]
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

  resource agents 'subnets' = {
    name: 'snet-agents'
    properties: {
      addressPrefix: '10.1.8.0/24'
      serviceEndpoints: []
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
    networkRuleSet: {
      defaultAction: 'Deny'
      virtualNetworkRules: [
        {
          id: vnet::agents.id
          action: 'Allow'
        }
      ]
    }
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logWorkspaceName
  scope: resourceGroup(logResourceGroup)
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
