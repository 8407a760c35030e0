package armexpr

import (
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// Placeholders for a deployment whose target is not configured. They keep
// resource IDs and hashes deterministic; they are not the values Azure would
// use, so a value computed from them is right only relative to other values
// computed the same way.
const (
	DefaultSubscriptionID  = "00000000-0000-0000-0000-000000000000"
	DefaultTenantID        = "00000000-0000-0000-0000-000000000000"
	DefaultResourceGroup   = "resource-group"
	DefaultDeploymentName  = "deployment"
	DefaultManagementGroup = "management-group"
)

// Scope is the level a template is deployed at.
type Scope string

// The deployment scopes.
const (
	ScopeResourceGroup   Scope = "resourceGroup"
	ScopeSubscription    Scope = "subscription"
	ScopeManagementGroup Scope = "managementGroup"
	ScopeTenant          Scope = "tenant"
)

// DeploymentInfo describes where a template is deployed. Empty fields take
// the Default* placeholders, except Location: an unconfigured location
// makes resourceGroup().location and deployment().location unknown, since
// region-dependent names must not be guessed.
type DeploymentInfo struct {
	Scope           Scope // default ScopeResourceGroup
	SubscriptionID  string
	TenantID        string
	ResourceGroup   string
	ManagementGroup string
	Location        string
	DeploymentName  string
	// TemplateLink is the URI of the template being deployed, for
	// deployment().properties.templateLink.uri; unknown when empty.
	TemplateLink string
	// Cloud names the Azure cloud environment() describes: AzureCloud
	// (the default), AzureUSGovernment or AzureChinaCloud.
	Cloud string
}

func (d DeploymentInfo) scope() Scope {
	if d.Scope == "" {
		return ScopeResourceGroup
	}
	return d.Scope
}

func (d DeploymentInfo) subscription() string {
	return orDefault(d.SubscriptionID, DefaultSubscriptionID)
}

func (d DeploymentInfo) tenant() string { return orDefault(d.TenantID, DefaultTenantID) }

func (d DeploymentInfo) resourceGroup() string {
	return orDefault(d.ResourceGroup, DefaultResourceGroup)
}

func (d DeploymentInfo) managementGroup() string {
	return orDefault(d.ManagementGroup, DefaultManagementGroup)
}

func (d DeploymentInfo) location() graph.Value {
	if d.Location == "" {
		return graph.Unknown{}
	}
	return d.Location
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Deployment functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment
// Scope functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-scope
func registerDeployment() {
	register(
		&builtin{name: "parameters", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			return lookupName(f, f.ev.ctx.Parameters, "parameter")
		}},
		&builtin{name: "variables", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			return lookupName(f, f.ev.ctx.Variables, "variable")
		}},
		&builtin{name: "copyIndex", min: 0, max: 2, fn: fnCopyIndex},
		&builtin{name: "deployment", fn: fnDeployment},
		&builtin{name: "environment", fn: func(f *funcCall) (graph.Value, error) {
			env, ok := Environment(f.ev.ctx.Deployment.Cloud)
			if !ok {
				return nil, f.errorf("unknown cloud %q", f.ev.ctx.Deployment.Cloud)
			}
			return env, nil
		}},
		&builtin{name: "deployer", fn: func(*funcCall) (graph.Value, error) {
			return map[string]graph.Value{"objectId": graph.Unknown{}, "tenantId": graph.Unknown{}, "userPrincipalName": graph.Unknown{}}, nil
		}},
		&builtin{name: "resourceGroup", max: 2, fn: fnResourceGroup},
		&builtin{name: "subscription", max: 1, fn: fnSubscription},
		&builtin{name: "tenant", fn: func(f *funcCall) (graph.Value, error) {
			tid := f.ev.ctx.Deployment.tenant()
			return map[string]graph.Value{
				"id":          "/tenants/" + tid,
				"tenantId":    tid,
				"countryCode": graph.Unknown{},
				"displayName": graph.Unknown{},
			}, nil
		}},
		&builtin{name: "managementGroup", max: 1, fn: fnManagementGroup},
	)
}

func lookupName(f *funcCall, lookup func(string) (graph.Value, bool), what string) (graph.Value, error) {
	name, err := f.str(0)
	if err != nil {
		return nil, err
	}
	if lookup == nil {
		return nil, f.errorf("no %ss are available here", what)
	}
	v, ok := lookup(name)
	if !ok {
		return nil, f.argErrorf(0, "the %s %q is not defined", what, name)
	}
	return v, nil
}

// fnCopyIndex takes copyIndex(), copyIndex(offset), copyIndex('loop') and
// copyIndex('loop', offset).
func fnCopyIndex(f *funcCall) (graph.Value, error) {
	loop, offset := "", int64(0)
	for i, a := range f.args {
		switch x := a.(type) {
		case string:
			if i != 0 {
				return nil, f.argErrorf(i, "the offset must be an integer")
			}
			loop = x
		default:
			n, ok := toInt(x)
			if !ok {
				return nil, f.argErrorf(i, "expected a loop name or an integer offset, got %s", typeName(x))
			}
			offset = n
		}
	}
	if f.ev.ctx.UnknownCopyIndex {
		return graph.Unknown{}, nil
	}
	if f.ev.ctx.CopyIndex == nil {
		return nil, f.errorf("used outside a copy loop")
	}
	i, ok := f.ev.ctx.CopyIndex(loop)
	if !ok {
		if loop != "" {
			return nil, f.errorf("no copy loop named %q is being evaluated", loop)
		}
		return nil, f.errorf("used outside a copy loop")
	}
	return int64(i) + offset, nil
}

func fnDeployment(f *funcCall) (graph.Value, error) {
	d := f.ev.ctx.Deployment
	var link graph.Value = graph.Unknown{}
	if d.TemplateLink != "" {
		link = map[string]graph.Value{"uri": d.TemplateLink}
	}
	out := map[string]graph.Value{
		"name": orDefault(d.DeploymentName, DefaultDeploymentName),
		"properties": map[string]graph.Value{
			"templateLink": link,
			"templateHash": graph.Unknown{},
		},
	}
	if d.scope() != ScopeResourceGroup {
		out["location"] = d.location()
	}
	return out, nil
}

// fnResourceGroup returns the deployment's resource group, or the one
// named by resourceGroup([subscriptionId,] name) as Bicep allows.
func fnResourceGroup(f *funcCall) (graph.Value, error) {
	d := f.ev.ctx.Deployment
	sub, name, loc := d.subscription(), d.resourceGroup(), d.location()
	switch len(f.args) {
	case 0:
		if d.scope() != ScopeResourceGroup {
			return nil, f.errorf("a deployment at %s scope has no resource group", d.scope())
		}
	case 1, 2:
		ss, err := f.strings()
		if err != nil {
			return nil, err
		}
		name, loc = ss[len(ss)-1], graph.Unknown{}
		if len(ss) == 2 {
			sub = ss[0]
		}
	}
	// What the deployment does not say is unknown: a name built from the
	// resource group's or subscription's id (uniqueString(resourceGroup().id))
	// is not known before deployment. resourceId() still uses the
	// placeholders, so that references between resources resolve.
	var id, rgName graph.Value = "/subscriptions/" + sub + "/resourceGroups/" + name, name
	unknownGroup := len(f.args) == 0 && d.ResourceGroup == ""
	if unknownGroup {
		rgName = graph.Unknown{}
	}
	if unknownGroup || (len(f.args) < 2 && d.SubscriptionID == "") {
		id = graph.Unknown{}
	}
	return map[string]graph.Value{
		"id":         id,
		"name":       rgName,
		"type":       "Microsoft.Resources/resourceGroups",
		"location":   loc,
		"tags":       graph.Unknown{},
		"properties": map[string]graph.Value{"provisioningState": "Succeeded"},
	}, nil
}

func fnSubscription(f *funcCall) (graph.Value, error) {
	d := f.ev.ctx.Deployment
	sub := d.subscription()
	var name graph.Value = graph.Unknown{}
	if len(f.args) == 1 {
		s, err := f.str(0)
		if err != nil {
			return nil, err
		}
		sub = s
	}
	var id, subID, tenant graph.Value = "/subscriptions/" + sub, sub, d.tenant()
	if len(f.args) == 0 && d.SubscriptionID == "" {
		id, subID = graph.Unknown{}, graph.Unknown{}
	}
	if d.TenantID == "" {
		tenant = graph.Unknown{}
	}
	return map[string]graph.Value{
		"id":             id,
		"subscriptionId": subID,
		"tenantId":       tenant,
		"displayName":    name,
	}, nil
}

func fnManagementGroup(f *funcCall) (graph.Value, error) {
	name := f.ev.ctx.Deployment.managementGroup()
	if len(f.args) == 1 {
		s, err := f.str(0)
		if err != nil {
			return nil, err
		}
		name = s
	}
	return map[string]graph.Value{
		"id":   "/providers/Microsoft.Management/managementGroups/" + name,
		"name": name,
		"type": "/providers/Microsoft.Management/managementGroups",
		"properties": map[string]graph.Value{
			"displayName": graph.Unknown{},
			"tenantId":    f.ev.ctx.Deployment.tenant(),
		},
	}, nil
}

// Environment returns the object environment() returns in the named cloud
// (AzureCloud when name is empty), as documented for AzureCloud at
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment#environment
// and as the sovereign clouds publish their endpoints.
func Environment(name string) (map[string]graph.Value, bool) {
	switch strings.ToLower(name) {
	case "", "azurecloud":
		return cloud("AzureCloud", "https://management.azure.com/", "https://login.microsoftonline.com/",
			"https://portal.azure.com", "https://graph.windows.net/", "https://management.core.windows.net/",
			map[string]string{
				"acrLoginServer":                      ".azurecr.io",
				"azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
				"azureDatalakeStoreFileSystem":        "azuredatalakestore.net",
				"azureFrontDoorEndpointSuffix":        "azurefd.net",
				"keyvaultDns":                         ".vault.azure.net",
				"sqlServerHostname":                   ".database.windows.net",
				"storage":                             "core.windows.net",
			}, map[string]string{
				"gallery":                 "https://gallery.azure.com/",
				"activeDirectoryDataLake": "https://datalake.azure.net/",
				"batch":                   "https://batch.core.windows.net/",
				"media":                   "https://rest.media.azure.net",
				"sqlManagement":           "https://management.core.windows.net:8443/",
				"vmImageAliasDoc":         "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
			}), true
	case "azureusgovernment":
		return cloud("AzureUSGovernment", "https://management.usgovcloudapi.net/", "https://login.microsoftonline.us/",
			"https://portal.azure.us", "https://graph.windows.net/", "https://management.core.usgovcloudapi.net/",
			map[string]string{
				"acrLoginServer":    ".azurecr.us",
				"keyvaultDns":       ".vault.usgovcloudapi.net",
				"sqlServerHostname": ".database.usgovcloudapi.net",
				"storage":           "core.usgovcloudapi.net",
			}, nil), true
	case "azurechinacloud":
		return cloud("AzureChinaCloud", "https://management.chinacloudapi.cn/", "https://login.chinacloudapi.cn/",
			"https://portal.azure.cn", "https://graph.chinacloudapi.cn/", "https://management.core.chinacloudapi.cn/",
			map[string]string{
				"acrLoginServer":    ".azurecr.cn",
				"keyvaultDns":       ".vault.azure.cn",
				"sqlServerHostname": ".database.chinacloudapi.cn",
				"storage":           "core.chinacloudapi.cn",
			}, nil), true
	}
	return nil, false
}

func cloud(name, rm, login, portal, graphURL, audience string, suffixes, extra map[string]string) map[string]graph.Value {
	sfx := make(map[string]graph.Value, len(suffixes))
	for k, v := range suffixes {
		sfx[k] = v
	}
	out := map[string]graph.Value{
		"name":            name,
		"resourceManager": rm,
		"portal":          portal,
		"graph":           graphURL,
		"graphAudience":   graphURL,
		"authentication": map[string]graph.Value{
			"loginEndpoint":    login,
			"audiences":        []graph.Value{audience, rm},
			"tenant":           "common",
			"identityProvider": "AAD",
		},
		"suffixes": sfx,
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
