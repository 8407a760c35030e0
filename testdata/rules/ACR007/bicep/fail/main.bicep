// Hub and spoke: the AKS node subnet sends 0.0.0.0/0 to the hub firewall. The
// registry has dedicated data endpoints and a replica in North Europe, but the
// firewall policy names only the West Europe data endpoint: pulls served from
// North Europe are redirected to acrapp.northeurope.data.azurecr.io and
// blocked.
param location string = 'westeurope'
param registryName string = 'acrapp'
param spokeAddressPrefix string = '10.1.0.0/16'
param replicaRegions array = [
  'northeurope'
]

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource hub 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: 'vnet-hub'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.0.0.0/16'
      ]
    }
  }

  resource firewallSubnet 'subnets' = {
    name: 'AzureFirewallSubnet'
    properties: {
      addressPrefix: '10.0.1.0/26'
    }
  }
}

resource firewallIp 'Microsoft.Network/publicIPAddresses@2023-11-01' = {
  name: 'pip-fw-hub'
  location: location
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource policy 'Microsoft.Network/firewallPolicies@2023-11-01' = {
  name: 'fwpol-hub'
  location: location
  properties: {
    sku: {
      tier: 'Standard'
    }
  }

  resource aksRules 'ruleCollectionGroups' = {
    name: 'rcg-aks'
    properties: {
      priority: 200
      ruleCollections: [
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'aks-egress'
          priority: 200
          action: {
            type: 'Allow'
          }
          rules: [
            {
              ruleType: 'ApplicationRule'
              name: 'aks-dependencies'
              sourceAddresses: [
                spokeAddressPrefix
              ]
              fqdnTags: [
                'AzureKubernetesService'
              ]
              protocols: [
                {
                  protocolType: 'Https'
                  port: 443
                }
              ]
            }
            {
              ruleType: 'ApplicationRule'
              name: 'registry'
              sourceAddresses: [
                spokeAddressPrefix
              ]
              targetFqdns: [
                '${registryName}.azurecr.io'
                '${registryName}.${location}.data.azurecr.io'
              ]
              protocols: [
                {
                  protocolType: 'Https'
                  port: 443
                }
              ]
            }
          ]
        }
      ]
    }
  }
}

resource firewall 'Microsoft.Network/azureFirewalls@2023-11-01' = {
  name: 'fw-hub'
  location: location
  dependsOn: [
    policy::aksRules
  ]
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
            id: hub::firewallSubnet.id
          }
          publicIPAddress: {
            id: firewallIp.id
          }
        }
      }
    ]
  }
}

resource routes 'Microsoft.Network/routeTables@2023-11-01' = {
  name: 'rt-aks'
  location: location
  properties: {
    routes: [
      {
        name: 'default-via-firewall'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: firewall.properties.ipConfigurations[0].properties.privateIPAddress
        }
      }
    ]
  }
}

resource spoke 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: 'vnet-spoke'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [
        spokeAddressPrefix
      ]
    }
  }

  resource nodes 'subnets' = {
    name: 'snet-aks'
    properties: {
      addressPrefix: cidrSubnet(spokeAddressPrefix, 22, 0)
      routeTable: {
        id: routes.id
      }
    }
  }

  resource toHub 'virtualNetworkPeerings' = {
    name: 'spoke-to-hub'
    properties: {
      remoteVirtualNetwork: {
        id: hub.id
      }
      allowForwardedTraffic: true
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
    dataEndpointEnabled: true
  }
}

resource replicas 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for region in replicaRegions: {
  parent: acr
  name: region
  location: region
  properties: {}
}]

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-app'
  location: location
  dependsOn: [
    firewall
  ]
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aksapp'
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        count: 2
        vmSize: 'Standard_D4s_v5'
        vnetSubnetID: spoke::nodes.id
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      outboundType: 'userDefinedRouting'
    }
  }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, aks.id, acrPullRoleId)
  scope: acr
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: aks.properties.identityProfile.kubeletidentity.objectId
    principalType: 'ServicePrincipal'
  }
}
