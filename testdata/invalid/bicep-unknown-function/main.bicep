resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: nosuchfunction('acr')
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
