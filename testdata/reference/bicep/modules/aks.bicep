param location string
param prefix string

@description('Subnet of the node pools; its route table sends 0.0.0.0/0 to the hub firewall.')
param nodeSubnetId string

param workspaceId string
param tags object = {}

resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-${prefix}'
  location: location
  tags: tags
  sku: {
    name: 'Base'
    tier: 'Standard'
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: 'aks-${prefix}'
    kubernetesVersion: '1.31'
    oidcIssuerProfile: {
      enabled: true
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        mode: 'System'
        vmSize: 'Standard_D4ds_v5'
        count: 3
        availabilityZones: [
          '1'
          '2'
          '3'
        ]
        osSKU: 'AzureLinux'
        vnetSubnetID: nodeSubnetId
        nodeTaints: [
          'CriticalAddonsOnly=true:NoSchedule'
        ]
      }
      {
        name: 'user'
        mode: 'User'
        vmSize: 'Standard_D8ds_v5'
        count: 3
        availabilityZones: [
          '1'
          '2'
          '3'
        ]
        osSKU: 'AzureLinux'
        vnetSubnetID: nodeSubnetId
      }
    ]
    networkProfile: {
      networkPlugin: 'azure'
      networkPluginMode: 'overlay'
      networkPolicy: 'cilium'
      networkDataplane: 'cilium'
      outboundType: 'userDefinedRouting'
      podCidr: '192.168.0.0/16'
      serviceCidr: '172.16.0.0/16'
      dnsServiceIP: '172.16.0.10'
    }
    addonProfiles: {
      omsagent: {
        enabled: true
        config: {
          logAnalyticsWorkspaceResourceID: workspaceId
        }
      }
      azurepolicy: {
        enabled: true
      }
    }
  }
}

output kubeletObjectId string = aks.properties.identityProfile.kubeletidentity.objectId
