package graph

// Defaults that the Azure API and the azurerm provider apply when a setting
// is left out. They are the same in every source format; each is stated
// here once.
const (
	// DefaultPublicNetworkAccess: publicNetworkAccess defaults to Enabled
	// (ARM: Microsoft.ContainerRegistry/registries properties.publicNetworkAccess;
	// azurerm: public_network_access_enabled defaults to true).
	DefaultPublicNetworkAccess = true
	// DefaultNetworkRuleAction: networkRuleSet.defaultAction defaults to
	// Allow (azurerm: network_rule_set.default_action defaults to "Allow").
	DefaultNetworkRuleAction = "Allow"
	// DefaultBypassAzureServices: networkRuleBypassOptions defaults to
	// AzureServices (azurerm: network_rule_bypass_option defaults to
	// "AzureServices").
	DefaultBypassAzureServices = true
	// DefaultDataEndpointEnabled: dedicated data endpoints are off unless
	// dataEndpointEnabled is set (azurerm: data_endpoint_enabled defaults to
	// false).
	DefaultDataEndpointEnabled = false
)

// Host names of a registry in the public cloud.
const (
	// RegistryDomain is the suffix of a registry's login server.
	RegistryDomain = "azurecr.io"
)

// LoginServer is the registry's REST endpoint: <name>.azurecr.io, lowercase.
func LoginServer(name string) string { return lower(name) + "." + RegistryDomain }

// DataEndpoint is a registry's data endpoint in one region:
// <name>.<region>.data.azurecr.io. A private endpoint always uses these.
func DataEndpoint(name, location string) string {
	return lower(name) + "." + NormalizeLocation(location) + ".data." + RegistryDomain
}
