module escape '../../../../etc/main.bicep' = {
  name: 'escape'
}
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr1'
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
