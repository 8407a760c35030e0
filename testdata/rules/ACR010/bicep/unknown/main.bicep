// The range comes from a parameter without a value: nothing is reported.
param location string = 'westeurope'
param registryName string = 'acrapp'

@description('Public range of the office, given at deployment.')
param officeRange string

var allowedRanges = [
  officeRange
]

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
