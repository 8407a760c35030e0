module network 'modules/network.bicep' = {
  name: 'network'
}
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrcycle'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
