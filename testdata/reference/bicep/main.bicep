// Hub-and-spoke platform: AKS in a spoke whose egress goes through the hub's
// Azure Firewall (outboundType userDefinedRouting), pulling from a Premium
// registry that is reachable only through its private endpoint in the hub.
targetScope = 'subscription'

@description('Region of the hub, the spoke and the registry\'s home replica.')
param location string = 'westeurope'

@description('Regions the registry is geo-replicated to.')
param replicaLocations string[] = [
  'northeurope'
  'swedencentral'
]

@description('Short name used in every resource name.')
@maxLength(10)
param prefix string = 'contoso'

param hubAddressSpace string = '10.0.0.0/16'
param spokeAddressSpace string = '10.1.0.0/16'

param tags object = {
  workload: 'platform'
  environment: 'prod'
}

var registryName = '${prefix}platformacr'

var subnetPrefixes = {
  firewall: cidrSubnet(hubAddressSpace, 26, 0) // 10.0.0.0/26
  endpoints: cidrSubnet(hubAddressSpace, 24, 2) // 10.0.2.0/24
  aksNodes: cidrSubnet(spokeAddressSpace, 22, 0) // 10.1.0.0/22
}

resource hubRg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${prefix}-hub'
  location: location
  tags: tags
}

resource spokeRg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${prefix}-aks'
  location: location
  tags: tags
}

// Defender for Containers scans the registry's images; it reaches the
// locked registry as a trusted service (networkRuleBypassOptions in
// modules/registry.bicep).
resource defenderForContainers 'Microsoft.Security/pricings@2024-01-01' = {
  name: 'Containers'
  properties: {
    pricingTier: 'Standard'
  }
}

module hub 'modules/hub.bicep' = {
  name: 'hub'
  scope: hubRg
  params: {
    location: location
    prefix: prefix
    addressSpace: hubAddressSpace
    firewallSubnetPrefix: subnetPrefixes.firewall
    endpointsSubnetPrefix: subnetPrefixes.endpoints
    aksNodesPrefix: subnetPrefixes.aksNodes
    tags: tags
  }
}

module spoke 'modules/spoke.bicep' = {
  name: 'spoke'
  scope: spokeRg
  params: {
    location: location
    prefix: prefix
    addressSpace: spokeAddressSpace
    aksNodesPrefix: subnetPrefixes.aksNodes
    endpointsSubnetPrefix: subnetPrefixes.endpoints
    firewallPrivateIp: hub.outputs.firewallPrivateIp
    hubVnetId: hub.outputs.vnetId
    tags: tags
  }
}

module hubToSpoke 'modules/peering.bicep' = {
  name: 'peer-hub-to-aks'
  scope: hubRg
  params: {
    localVnetName: hub.outputs.vnetName
    remoteVnetId: spoke.outputs.vnetId
    name: 'peer-hub-to-aks'
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: hubRg
  params: {
    location: location
    name: registryName
    replicaLocations: replicaLocations
    endpointsSubnetId: hub.outputs.endpointsSubnetId
    virtualNetworkLinks: [
      {
        name: 'link-hub'
        vnetId: hub.outputs.vnetId
      }
      {
        name: 'link-aks'
        vnetId: spoke.outputs.vnetId
      }
    ]
    workspaceId: hub.outputs.workspaceId
    tags: tags
  }
}

module aks 'modules/aks.bicep' = {
  name: 'aks'
  scope: spokeRg
  params: {
    location: location
    prefix: prefix
    nodeSubnetId: spoke.outputs.aksNodesSubnetId
    workspaceId: hub.outputs.workspaceId
    tags: tags
  }
}

module acrPull 'modules/acr-pull.bicep' = {
  name: 'acr-pull'
  scope: hubRg
  params: {
    registryName: registry.outputs.name
    principalId: aks.outputs.kubeletObjectId
  }
}
