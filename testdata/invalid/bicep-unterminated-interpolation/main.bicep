param suffix string = '1'
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${suffix'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
