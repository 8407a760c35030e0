param name string = 'acr
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
