module dns 'dns.bicep' = {
  name: 'dns'
}
