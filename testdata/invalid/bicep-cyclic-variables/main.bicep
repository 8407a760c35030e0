var a = '${b}1'
var b = '${a}2'
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: a
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
