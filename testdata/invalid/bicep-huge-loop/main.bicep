resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = [for i in range(0, 100000): {
  name: 'acr${i}'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}]
