using './main.bicep'

param dnsZoneName = 'privatelink.azurecr.io'
