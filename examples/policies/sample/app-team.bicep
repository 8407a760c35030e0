// The tools team's own Bicep: it declares a second privatelink.azurecr.io
// zone and links it to the hub VNet that the platform's Terraform (main.tf)
// already links its zone to. Azure refuses the second link (ORG103); the
// rule finds it because Terraform and Bicep are read into one graph.
param hubVnetId string = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-fabrikam/providers/Microsoft.Network/virtualNetworks/vnet-hub'

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'

  resource hubLink 'virtualNetworkLinks' = {
    name: 'tools-hub'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: hubVnetId
      }
    }
  }
}
