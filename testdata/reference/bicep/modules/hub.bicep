// Hub: Azure Firewall for the spokes' egress, the subnet of the shared
// private endpoints and the platform's Log Analytics workspace.
param location string
param prefix string
param addressSpace string
param firewallSubnetPrefix string
param endpointsSubnetPrefix string

@description('Address prefix of the AKS node subnet, the source of the egress rules.')
param aksNodesPrefix string

param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${prefix}-platform'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${prefix}-hub'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressSpace
      ]
    }
  }

  resource firewallSubnet 'subnets' = {
    name: 'AzureFirewallSubnet'
    properties: {
      addressPrefix: firewallSubnetPrefix
    }
  }

  resource endpointsSubnet 'subnets' = {
    name: 'snet-private-endpoints'
    properties: {
      addressPrefix: endpointsSubnetPrefix
      privateEndpointNetworkPolicies: 'Enabled'
    }
    dependsOn: [
      firewallSubnet
    ]
  }
}

resource firewallPip 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip-${prefix}-fw'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  zones: [
    '1'
    '2'
    '3'
  ]
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource firewallPolicy 'Microsoft.Network/firewallPolicies@2024-05-01' = {
  name: 'afwp-${prefix}-hub'
  location: location
  tags: tags
  properties: {
    sku: {
      tier: 'Standard'
    }
  }

  // What AKS needs with outboundType userDefinedRouting: the AKS FQDN tag,
  // the tunnel to the API server and NTP. Images come from the registry's
  // private endpoint, which the nodes reach over the peering, not through
  // the firewall.
  resource aksEgress 'ruleCollectionGroups' = {
    name: 'rcg-aks-egress'
    properties: {
      priority: 200
      ruleCollections: [
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'aks-network'
          priority: 100
          action: {
            type: 'Allow'
          }
          rules: [
            {
              ruleType: 'NetworkRule'
              name: 'apiserver-udp'
              ipProtocols: [
                'UDP'
              ]
              sourceAddresses: [
                aksNodesPrefix
              ]
              destinationAddresses: [
                'AzureCloud.${location}'
              ]
              destinationPorts: [
                '1194'
              ]
            }
            {
              ruleType: 'NetworkRule'
              name: 'apiserver-tcp'
              ipProtocols: [
                'TCP'
              ]
              sourceAddresses: [
                aksNodesPrefix
              ]
              destinationAddresses: [
                'AzureCloud.${location}'
              ]
              destinationPorts: [
                '9000'
              ]
            }
            {
              ruleType: 'NetworkRule'
              name: 'ntp'
              ipProtocols: [
                'UDP'
              ]
              sourceAddresses: [
                aksNodesPrefix
              ]
              destinationFqdns: [
                'ntp.ubuntu.com'
              ]
              destinationPorts: [
                '123'
              ]
            }
          ]
        }
        {
          ruleCollectionType: 'FirewallPolicyFilterRuleCollection'
          name: 'aks-application'
          priority: 200
          action: {
            type: 'Allow'
          }
          rules: [
            {
              ruleType: 'ApplicationRule'
              name: 'aks-fqdn-tag'
              sourceAddresses: [
                aksNodesPrefix
              ]
              fqdnTags: [
                'AzureKubernetesService'
              ]
              protocols: [
                {
                  protocolType: 'Http'
                  port: 80
                }
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

resource firewall 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'afw-${prefix}-hub'
  location: location
  tags: tags
  zones: [
    '1'
    '2'
    '3'
  ]
  properties: {
    sku: {
      name: 'AZFW_VNet'
      tier: 'Standard'
    }
    firewallPolicy: {
      id: firewallPolicy.id
    }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          subnet: {
            id: vnet::firewallSubnet.id
          }
          publicIPAddress: {
            id: firewallPip.id
          }
        }
      }
    ]
  }
  dependsOn: [
    firewallPolicy::aksEgress
  ]
}

output vnetId string = vnet.id
output vnetName string = vnet.name
output endpointsSubnetId string = vnet::endpointsSubnet.id
output firewallPrivateIp string = firewall.properties.ipConfigurations[0].properties.privateIPAddress
output workspaceId string = workspace.id
