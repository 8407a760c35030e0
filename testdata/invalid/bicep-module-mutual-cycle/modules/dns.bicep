module network 'network.bicep' = {
  name: 'network'
}
