param location string = resourceGroup().location
param registryName string
param replicaRegions array
param aksSubnetPrefixes array = ['10.1.0.0/22']

var registryFqdns = concat(
  ['${registryName}.azurecr.io'],
  map(union([location], replicaRegions), r => '${registryName}.${r}.data.azurecr.io')
)

resource policy 'Microsoft.Network/firewallPolicies@2023-05-01' = {
  name: 'fwp-hub'
  location: location
  properties: {
    dnsSettings: { enableProxy: true }
  }

  resource rules 'ruleCollectionGroups' = {
    name: 'registry'
    properties: {
      priority: 200
      ruleCollections: [
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'allow-registry'
          priority: 100
          action: { type: 'Allow' }
          rules: [
            {
              ruleType: 'ApplicationRule'
              name: 'acr'
              sourceAddresses: aksSubnetPrefixes
              protocols: [{ protocolType: 'Https', port: 443 }]
              targetFqdns: registryFqdns
            }
            {
              ruleType: 'NetworkRule'
              name: 'acr-service-tag'
              ipProtocols: ['TCP']
              sourceAddresses: aksSubnetPrefixes
              destinationAddresses: ['AzureContainerRegistry.${location}']
              destinationPorts: ['443']
            }
          ]
        }
      ]
    }
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2023-05-01' = {
  name: 'fw-hub'
  location: location
  properties: {
    sku: { name: 'AZFW_VNet', tier: 'Standard' }
    firewallPolicy: { id: policy.id }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'AzureFirewallSubnet') }
        }
      }
    ]
  }
  dependsOn: [
    policy::rules
  ]
}

resource defender 'Microsoft.Security/pricings@2023-01-01' existing = {
  name: 'Containers'
  scope: subscription()
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-spoke'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks'
    networkProfile: {
      networkPlugin: 'azure'
      outboundType: 'userDefinedRouting'
    }
    agentPoolProfiles: [
      {
        name: 'system'
        count: 2
        vmSize: 'Standard_D4s_v5'
        mode: 'System'
        vnetSubnetID: '${resourceGroup().id}/providers/Microsoft.Network/virtualNetworks/spoke-aks/subnets/snet-aks'
      }
    ]
  }
}

var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, aks.id, acrPullRole)
  scope: registry
  properties: {
    principalId: aks.properties.identityProfile.kubeletidentity.objectId
    roleDefinitionId: acrPullRole
    principalType: 'ServicePrincipal'
  }
}

output firewallPrivateIp string = firewall.properties.ipConfigurations[0].properties.privateIPAddress
output defenderTier string = defender.properties.pricingTier
