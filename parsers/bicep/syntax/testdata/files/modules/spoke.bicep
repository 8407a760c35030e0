import { subnetType, dataEndpoint } from '../types.bicep'

param name string
param location string
param addressPrefix string
param subnets subnetType[]
param hubVnetId string
param firewallPrivateIp string
param dnsServers string[] = []

resource routeTable 'Microsoft.Network/routeTables@2023-05-01' = {
  name: 'rt-${name}'
  location: location
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

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-05-01' = {
  name: 'nsg-${name}'
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-registry-https'
        properties: {
          priority: 100
          direction: 'Outbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: 'AzureContainerRegistry'
          destinationPortRanges: ['443']
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: name
  location: location
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    dhcpOptions: empty(dnsServers) ? null : { dnsServers: dnsServers }
    subnets: [for s in subnets: {
      name: s.name
      properties: {
        addressPrefix: s.prefix
        routeTable: { id: s.?routeTableId ?? routeTable.id }
        networkSecurityGroup: { id: nsg.id }
        serviceEndpoints: map(s.?serviceEndpoints ?? [], e => { service: e })
      }
    }]
  }

  resource toHub 'virtualNetworkPeerings' = {
    name: 'to-hub'
    properties: {
      remoteVirtualNetwork: { id: hubVnetId }
      allowForwardedTraffic: true
      useRemoteGateways: false
    }
  }
}

output vnetId string = vnet.id
output subnetIds array = [for (s, i) in subnets: vnet.properties.subnets[i].id]
output firstSubnet string = vnet.properties.subnets[?0].?id ?? ''
output endpoint string = dataEndpoint('acr', location)
