resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrÿþ1'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
