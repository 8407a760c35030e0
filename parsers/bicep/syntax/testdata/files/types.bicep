// User-defined types shared by the network templates.

@export()
@description('A subnet of a virtual network.')
type subnetType = {
  @minLength(1)
  name: string

  @description('CIDR of the subnet.')
  prefix: string

  privateEndpointNetworkPolicies: ('Enabled' | 'Disabled')?
  serviceEndpoints: string[]?
  routeTableId: string?
}

@export()
type spokeType = {
  name: string
  addressPrefix: string
  subnets: subnetType[]
}

@export()
@discriminator('kind')
type peeringType = { kind: 'hub', remoteId: string } | { kind: 'spoke', allowGatewayTransit: bool }

@export()
type tagsType = {
  *: string
}

@export()
@sealed()
type firewallRuleType = {
  name: string
  priority: int
  protocols: [
    'Http' | 'Https'
    int
  ]
  fqdns: string[]
}

@export()
type registryProps = resourceInput<'Microsoft.ContainerRegistry/registries@2023-07-01'>.properties

@export()
func dataEndpoint(registry string, region string) string => '${registry}.${region}.data.azurecr.io'

@export()
func subnetId(vnetId string, name string) string => '${vnetId}/subnets/${name}'

@export()
var privateLinkZone = 'privatelink.azurecr.io'
