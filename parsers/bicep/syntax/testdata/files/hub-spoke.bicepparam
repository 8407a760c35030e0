using 'hub-spoke.bicep'

param location = 'westeurope'
param registryName = 'acrcontosohub'
param registrySku = 'Premium'
param replicaLocations = [
  'northeurope'
  'swedencentral'
]
param spokes = [
  {
    name: 'spoke-aks'
    addressPrefix: '10.1.0.0/16'
    subnets: [
      {
        name: 'snet-aks'
        prefix: '10.1.0.0/22'
        serviceEndpoints: ['Microsoft.ContainerRegistry']
      }
    ]
  }
]
param adminPassword = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg-secrets', 'kv-hub', 'admin')
