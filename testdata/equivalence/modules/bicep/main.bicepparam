using './main.bicep'

param location = 'westeurope'
param registryName = 'contosoregistry'
param spokes = [
  { name: 'apps', prefix: '10.1' }
  { name: 'data', prefix: '10.2' }
]
