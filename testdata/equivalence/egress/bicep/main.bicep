// AKS egress through Azure Firewall: the node subnet routes 0.0.0.0/0 to
// the firewall, whose policy allows the registry's login server and data
// endpoint; the kubelet identity may pull from the registry.
param location string = 'westeurope'
param registryName string = 'contosoregistry'

var registryFqdns = [
  '${registryName}.azurecr.io'
  '${registryName}.${location}.data.azurecr.io'
]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: 'Premium'
  }
  properties: {
    dataEndpointEnabled: true
  }
}

resource policy 'Microsoft.Network/firewallPolicies@2023-05-01' = {
  name: 'fwp-hub'
  location: location

  resource rules 'ruleCollectionGroups' = {
    name: 'registry'
    properties: {
      priority: 200
      ruleCollections: [
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'allow-registry'
          priority: 100
          action: {
            type: 'Allow'
          }
          rules: [
            {
              ruleType: 'ApplicationRule'
              name: 'registry'
              sourceAddresses: ['10.2.0.0/22']
              protocols: [
                {
                  protocolType: 'Https'
                  port: 443
                }
              ]
              targetFqdns: registryFqdns
            }
          ]
        }
      ]
    }
  }
}

resource hub 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: 'vnet-hub'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
    subnets: [
      {
        name: 'AzureFirewallSubnet'
        properties: {
          addressPrefix: '10.0.0.0/26'
        }
      }
    ]
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2023-05-01' = {
  name: 'fw-hub'
  location: location
  properties: {
    sku: {
      name: 'AZFW_VNet'
      tier: 'Standard'
    }
    firewallPolicy: {
      id: policy.id
    }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          subnet: {
            id: resourceId('Microsoft.Network/virtualNetworks/subnets', hub.name, 'AzureFirewallSubnet')
          }
        }
      }
    ]
  }
}

resource routes 'Microsoft.Network/routeTables@2023-05-01' = {
  name: 'rt-aks'
  location: location
  properties: {
    routes: [
      {
        name: 'default'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: firewall.properties.ipConfigurations[0].properties.privateIPAddress
        }
      }
    ]
  }
}

resource spoke 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: 'vnet-aks'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.2.0.0/16']
    }
  }

  resource nodes 'subnets' = {
    name: 'snet-nodes'
    properties: {
      addressPrefix: '10.2.0.0/22'
      routeTable: {
        id: routes.id
      }
    }
  }
}

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-spoke'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-spoke'
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
        vnetSubnetID: spoke::nodes.id
      }
    ]
  }
}

resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, aks.id, 'acrpull')
  scope: registry
  properties: {
    principalId: aks.properties.identityProfile.kubeletidentity.objectId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalType: 'ServicePrincipal'
  }
}
