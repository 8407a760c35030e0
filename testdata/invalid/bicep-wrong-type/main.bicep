param count int = 'three'
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${count}'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
