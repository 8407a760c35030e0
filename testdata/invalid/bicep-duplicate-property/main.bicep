resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr1'
  name: 'acr2'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
