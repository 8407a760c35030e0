// Spoke: the AKS node subnet, whose Internet-bound traffic goes through the
// hub firewall, peered with the hub.
param location string
param prefix string
param addressSpace string
param aksNodesPrefix string

@description('Address prefix of the hub subnet holding the private endpoints.')
param endpointsSubnetPrefix string

@description('Private IP address of the hub firewall: the next hop of the default route.')
param firewallPrivateIp string

param hubVnetId string
param tags object = {}

resource routeTable 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-${prefix}-aks'
  location: location
  tags: tags
  properties: {
    disableBgpRoutePropagation: true
    routes: [
      {
        name: 'default-via-firewall'
        properties: {
          addressPrefix: '0.0.0.0/0'
          nextHopType: 'VirtualAppliance'
          nextHopIpAddress: firewallPrivateIp
        }
      }
    ]
  }
}

// The nodes may reach the shared private endpoints over HTTPS only.
resource nodesNsg 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: 'nsg-${prefix}-aks-nodes'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-https-to-private-endpoints'
        properties: {
          priority: 100
          direction: 'Outbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourcePortRange: '*'
          destinationPortRange: '443'
          sourceAddressPrefix: aksNodesPrefix
          destinationAddressPrefix: endpointsSubnetPrefix
        }
      }
      {
        name: 'deny-other-to-private-endpoints'
        properties: {
          priority: 4000
          direction: 'Outbound'
          access: 'Deny'
          protocol: '*'
          sourcePortRange: '*'
          destinationPortRange: '*'
          sourceAddressPrefix: '*'
          destinationAddressPrefix: endpointsSubnetPrefix
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${prefix}-aks'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressSpace
      ]
    }
  }

  resource aksNodes 'subnets' = {
    name: 'snet-aks-nodes'
    properties: {
      addressPrefix: aksNodesPrefix
      routeTable: {
        id: routeTable.id
      }
      networkSecurityGroup: {
        id: nodesNsg.id
      }
    }
  }

  resource toHub 'virtualNetworkPeerings' = {
    name: 'peer-aks-to-hub'
    properties: {
      remoteVirtualNetwork: {
        id: hubVnetId
      }
      allowVirtualNetworkAccess: true
      allowForwardedTraffic: true
    }
  }
}

output vnetId string = vnet.id
output aksNodesSubnetId string = vnet::aksNodes.id
