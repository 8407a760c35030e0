using './main.bicep'

param hubVnetName = 'vnet-hub'
param hubAddressPrefix = '10.0.0.0/16'
param spokeVnetName = 'vnet-spoke'
param spokeAddressPrefix = '10.1.0.0/16'
