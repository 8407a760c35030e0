module self './main.bicep' = {
  name: 'self'
}
