// Hub-and-spoke network with a Premium container registry reached through
// a private endpoint in the hub.
targetScope = 'resourceGroup'

metadata description = 'Hub network, registry and private DNS for a spoke AKS cluster'

import { subnetType, peeringType } from 'types.bicep'
import * as shared from 'types.bicep'

@description('Location of every resource.')
param location string = resourceGroup().location

@minLength(5)
@maxLength(50)
@description('Registry name, globally unique.')
param registryName string = 'acrhub${uniqueString(resourceGroup().id)}'

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param registrySku string = 'Premium'

@description('Regions the registry is replicated to.')
param replicaLocations string[] = ['northeurope', 'westus2']

param hubSubnets subnetType[] = [
  { name: 'AzureFirewallSubnet', prefix: '10.0.0.0/26' }
  { name: 'snet-pe', prefix: '10.0.1.0/24', privateEndpointNetworkPolicies: 'Disabled' }
]

@secure()
param adminPassword string?

param spokes shared.spokeType[] = [
  {
    name: 'spoke-aks'
    addressPrefix: '10.1.0.0/16'
    subnets: [
      { name: 'snet-aks', prefix: '10.1.0.0/22' }
    ]
  }
]

var privateDnsZoneName = 'privatelink${environment().suffixes.acrLoginServer}'
var dataEndpointRegions = union([location], replicaLocations)
var tags = {
  workload: 'registry'
  'cost-center': '1234'
}

resource hubVnet 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: 'vnet-hub'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
    subnets: [for s in hubSubnets: {
      name: s.name
      properties: {
        addressPrefix: s.prefix
        privateEndpointNetworkPolicies: s.?privateEndpointNetworkPolicies ?? 'Enabled'
      }
    }]
  }

  resource peSubnet 'subnets' existing = {
    name: 'snet-pe'
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  sku: {
    name: registrySku
  }
  properties: {
    adminUserEnabled: false
    publicNetworkAccess: 'Disabled'
    dataEndpointEnabled: true
    networkRuleBypassOptions: 'AzureServices'
    networkRuleSet: {
      defaultAction: 'Deny'
      ipRules: []
    }
  }

  @batchSize(1)
  resource replicas 'replications' = [for region in replicaLocations: {
    name: region
    location: region
    properties: {
      zoneRedundancy: 'Disabled'
    }
  }]
}

resource privateDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: privateDnsZoneName
  location: 'global'
}

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (spoke, i) in spokes: {
  parent: privateDnsZone
  name: 'link-${spoke.name}'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: spokeNetworks[i].outputs.vnetId
    }
  }
}]

resource hubLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: privateDnsZone
  name: 'link-hub'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: hubVnet.id }
  }
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-${registry.name}'
  location: location
  properties: {
    subnet: {
      id: hubVnet::peSubnet.id
    }
    privateLinkServiceConnections: [
      {
        name: 'registry'
        properties: {
          privateLinkServiceId: registry.id
          groupIds: [
            'registry'
          ]
        }
      }
    ]
  }

  resource zoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'acr'
          properties: {
            privateDnsZoneId: privateDnsZone.id
          }
        }
      ]
    }
  }
}

module spokeNetworks 'modules/spoke.bicep' = [for (spoke, i) in spokes: {
  name: 'spoke-${i}'
  params: {
    name: spoke.name
    location: location
    addressPrefix: spoke.addressPrefix
    subnets: spoke.subnets
    hubVnetId: hubVnet.id
    firewallPrivateIp: '10.0.0.4'
  }
}]

module dns 'br/public:avm/res/network/private-dns-zone:0.7.1' = if (!empty(spokes)) {
  name: 'dns-records'
  params: {
    name: 'contoso.internal'
    a: [for (region, i) in dataEndpointRegions: {
      name: '${registryName}.${region}.data'
      ttl: 3600
      aRecords: [
        { ipv4Address: '10.0.1.${5 + i}' }
      ]
    }]
  }
}

output registryLoginServer string = registry.properties.loginServer
output dataEndpoints array = [for r in dataEndpointRegions: '${registryName}.${r}.data${environment().suffixes.acrLoginServer}']
output registryResource resource 'Microsoft.ContainerRegistry/registries@2023-07-01' = registry
output spokeIds string[] = [for i in range(0, length(spokes)): spokeNetworks[i].outputs.vnetId]
