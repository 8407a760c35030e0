using './main.bicep'

param dnsZoneName = 'azurecr.io'
