resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: trim(loadTextContent('../../etc/passwd'))
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
