package bicep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/arm"
)

// writeFiles writes a directory of files and returns its path.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// deploy evaluates main.bicep of a directory and
// returns its resources, outputs and diagnostics (parameters from their defaults).
func deploy(t *testing.T, dir string) ([]graph.Resource, map[string]graph.Value, diag.Diagnostics) {
	t.Helper()
	p := newParser(dir, Options{MaxFileSize: 1 << 20, CacheRoot: filepath.Join(dir, ".bicep-cache")})
	rs, outs, ds := arm.EvalModule(arm.Module{File: filepath.Join(dir, "main.bicep"), Root: dir, Scope: "main.bicep"},
		arm.Options{Compile: p.compile, Functions: functions})
	return rs, outs, append(ds, p.diags...)
}

func noDiags(t *testing.T, ds diag.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Severity != diag.Note {
			t.Errorf("unexpected diagnostic: %s:%d: %s: %s", d.Subject.File, d.Subject.Start.Line, d.Summary, d.Detail)
		}
	}
}

// TestExpressions evaluates each Bicep expression form as an output.
func TestExpressions(t *testing.T) {
	prelude := `
param names array = ['a', 'b', 'c']
param obj object = {
  x: 1
  y: 'two'
  nested: { deep: true }
}
param missing string
var base = { a: 1, b: 2 }
func double(n int) int => n * 2
func greet(who string) string => 'hello ${who}'
`
	cases := []struct {
		name, expr string
		want       graph.Value
	}{
		{"string", `'it\'s'`, "it's"},
		{"escapes", `'a\'b\nc\$d'`, "a'b\nc$d"},
		{"brackets stay literal", `'[not an expression]'`, "[not an expression]"},
		{"interpolation", `'${names[0]}-${length(names)}'`, "a-3"},
		{"interpolation with braces", `'{literal} ${obj.y}'`, "{literal} two"},
		{"multi-line", "'''\nline1\nline2'''", "line1\nline2"},
		{"int", `42`, int64(42)},
		{"negative", `-5`, int64(-5)},
		{"negated expression", `-length(names)`, int64(-3)},
		{"arithmetic", `(1 + 2) * 3 - 8 / 2 % 3`, int64(8)},
		{"comparison", `length(names) >= 3 && 1 < 2 || false`, true},
		{"not equal", `names[0] != 'a'`, false},
		{"case-insensitive equal", `'ABC' =~ 'abc'`, true},
		{"case-insensitive not equal", `'ABC' !~ 'abd'`, true},
		{"not", `!contains(names, 'z')`, true},
		{"ternary", `length(names) > 2 ? 'many' : 'few'`, "many"},
		{"coalesce", `null ?? 'fallback'`, "fallback"},
		{"safe member", `obj.?missing ?? 'none'`, "none"},
		{"safe member present", `obj.?y`, "two"},
		{"safe index", `names[?7] ?? 'out'`, "out"},
		{"from end", `names[^1]`, "c"},
		{"non-null", `obj.nested!.deep`, true},
		{"member", `obj.nested.deep`, true},
		{"index by string", `obj['y']`, "two"},
		{"array literal", `[1, 'two', true]`, []graph.Value{int64(1), "two", true}},
		{"object literal in a call", `length({ a: 1, b: 2 })`, int64(2)},
		{"object spread", `{ ...base, b: 3, c: 4 }`, map[string]graph.Value{"a": int64(1), "b": int64(3), "c": int64(4)}},
		{"array spread", `[0, ...names, 'd']`, []graph.Value{int64(0), "a", "b", "c", "d"}},
		{"for", `[for n in names: toUpper(n)]`, []graph.Value{"A", "B", "C"}},
		{"for with index", `[for (n, i) in names: '${i}:${n}']`, []graph.Value{"0:a", "1:b", "2:c"}},
		{"for with filter", `[for n in names: if (n != 'b') { n: n }]`, []graph.Value{map[string]graph.Value{"n": "a"}, map[string]graph.Value{"n": "c"}}},
		{"for with index and filter", `[for (n, i) in names: if (i > 0) { v: '${n}${i}' }]`, []graph.Value{map[string]graph.Value{"v": "b1"}, map[string]graph.Value{"v": "c2"}}},
		{"nested for", `[for i in range(0, 2): [for j in range(0, 2): i * 10 + j]]`, []graph.Value{[]graph.Value{int64(0), int64(1)}, []graph.Value{int64(10), int64(11)}}},
		{"for over objects", `[for item in items(base): item.key]`, []graph.Value{"a", "b"}},
		{"lambda", `map(names, n => '${n}!')`, []graph.Value{"a!", "b!", "c!"}},
		{"lambda two params", `reduce(range(1, 4), 0, (acc, n) => acc + n)`, int64(10)},
		{"filter lambda", `filter(names, n => n != 'a')`, []graph.Value{"b", "c"}},
		{"user function", `double(21)`, int64(42)},
		{"user function with interpolation", `greet('acr')`, "hello acr"},
		{"sys namespace", `sys.concat('a', 'b')`, "ab"},
		{"az namespace", `az.environment().suffixes.acrLoginServer`, ".azurecr.io"},
		{"any", `any('x')`, "x"},
		{"unknown parameter", `missing`, graph.Unknown{}},
		{"known despite unknown", `length([missing, 'b'])`, int64(2)},
		{"unknown secret", `az.getSecret('s', 'rg', 'kv', 'name')`, graph.Unknown{}},
		{"variable object", `base.b`, int64(2)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"main.bicep": prelude + "\noutput o object = " + tc.expr + "\n"})
			_, outs, ds := deploy(t, dir)
			noDiags(t, ds)
			if diff := cmp.Diff(tc.want, graph.Strip(outs["o"])); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.expr, diff)
			}
		})
	}
}

// TestResources checks the resources a file deploys: names, types, loops,
// conditions, parents, nested children and references.
func TestResources(t *testing.T) {
	src := `
param regions array = ['northeurope', 'eastus']
param deployZone bool = false
param prefix string = 'contoso'

resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: '${prefix}-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
  }
  resource snet 'subnets' = {
    name: 'snet-pe'
    properties: { addressPrefix: '10.0.1.0/24' }
  }
}

resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: '${prefix}acr'
  location: vnet.location
  sku: { name: 'Premium' }
  properties: { publicNetworkAccess: 'Disabled' }
}

resource replicas 'Microsoft.ContainerRegistry/registries/replications@2023-07-01' = [for (region, i) in regions: {
  parent: acr
  name: region
  location: region
  properties: { zoneRedundancy: i == 0 ? 'Enabled' : 'Disabled' }
}]

resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = if (deployZone) {
  name: 'privatelink.azurecr.io'
  location: 'global'
}

resource other 'Microsoft.Network/virtualNetworks@2023-05-01' existing = {
  name: 'hub-vnet'
  scope: resourceGroup('rg-hub')
}

resource pe 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe-${acr.name}'
  location: acr.location
  properties: {
    subnet: { id: vnet::snet.id }
    privateLinkServiceConnections: [{
      name: 'acr'
      properties: { privateLinkServiceId: acr.id, groupIds: ['registry'] }
    }]
    customNetworkInterfaceName: '${replicas[1].name}-nic'
    ipConfigurations: [{ name: 'x', properties: { privateIPAddress: acr.properties.loginServer } }]
  }
}

resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  name: 'privatelink.azurecr.io/hub'
  location: 'global'
  properties: { virtualNetwork: { id: other.id } }
}

resource assign 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acr.id, 'pull')
  scope: acr
  properties: {
    principalId: 'p'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}
`
	dir := writeFiles(t, map[string]string{"main.bicep": src})
	rs, _, ds := deploy(t, dir)
	noDiags(t, ds)
	got := map[string]graph.Resource{}
	var addrs []string
	for _, r := range rs {
		got[r.Address] = r
		addrs = append(addrs, r.Address)
		if r.Format != "bicep" || r.Range.File != "main.bicep" {
			t.Errorf("%s: format %s file %s", r.Address, r.Format, r.Range.File)
		}
	}
	want := []string{
		"Microsoft.Network/virtualNetworks/contoso-vnet",
		"Microsoft.Network/virtualNetworks/contoso-vnet/subnets/snet-pe",
		"Microsoft.ContainerRegistry/registries/contosoacr",
		"Microsoft.ContainerRegistry/registries/contosoacr/replications/northeurope",
		"Microsoft.ContainerRegistry/registries/contosoacr/replications/eastus",
		"Microsoft.Network/virtualNetworks/hub-vnet",
		"Microsoft.Network/privateEndpoints/pe-contosoacr",
		"Microsoft.Network/privateDnsZones/privatelink.azurecr.io/virtualNetworkLinks/hub",
	}
	for _, w := range want {
		if _, ok := got[w]; !ok {
			t.Errorf("missing %s; have %v", w, addrs)
		}
	}
	if len(rs) != len(want)+1 { // + the role assignment
		t.Errorf("got %d resources, want %d: %v", len(rs), len(want)+1, addrs)
	}
	acr := got["Microsoft.ContainerRegistry/registries/contosoacr"]
	if acr.Body["location"] != "westeurope" {
		t.Errorf("acr location %v, want the vnet's declared location", acr.Body["location"])
	}
	if l := acr.Lines["properties.publicNetworkAccess"]; l.Line != 22 {
		t.Errorf("publicNetworkAccess at line %d, want 22", l.Line)
	}
	eastus := got["Microsoft.ContainerRegistry/registries/contosoacr/replications/eastus"]
	if z := eastus.Body["properties"].(map[string]graph.Value)["zoneRedundancy"]; z != "Disabled" {
		t.Errorf("eastus zoneRedundancy %v", z)
	}
	if eastus.Body["name"] != "contosoacr/eastus" {
		t.Errorf("replica name %v", eastus.Body["name"])
	}
	if other := got["Microsoft.Network/virtualNetworks/hub-vnet"]; !other.Existing {
		t.Errorf("existing resource not marked existing")
	}
	pe := got["Microsoft.Network/privateEndpoints/pe-contosoacr"].Body["properties"].(map[string]graph.Value)
	subnetID := pe["subnet"].(map[string]graph.Value)["id"]
	if s, _ := subnetID.(string); !strings.HasSuffix(s, "/providers/Microsoft.Network/virtualNetworks/contoso-vnet/subnets/snet-pe") {
		t.Errorf("subnet id %v", subnetID)
	}
	if pe["customNetworkInterfaceName"] != "eastus-nic" {
		t.Errorf("replicas[1].name gave %v", pe["customNetworkInterfaceName"])
	}
	ip := pe["ipConfigurations"].([]graph.Value)[0].(map[string]graph.Value)["properties"].(map[string]graph.Value)["privateIPAddress"]
	u, ok := ip.(graph.Unknown)
	if !ok || len(u.Refs) != 1 || u.Refs[0].Address != "Microsoft.ContainerRegistry/registries/contosoacr" {
		t.Errorf("acr.properties.loginServer gave %#v, want unknown naming the registry", ip)
	}
	link := got["Microsoft.Network/privateDnsZones/privatelink.azurecr.io/virtualNetworkLinks/hub"]
	vid := link.Body["properties"].(map[string]graph.Value)["virtualNetwork"].(map[string]graph.Value)["id"]
	if s, _ := vid.(string); !strings.Contains(s, "/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/hub-vnet") {
		t.Errorf("existing resource in another group: id %v", vid)
	}
	for _, r := range rs {
		if r.Type == "Microsoft.Authorization/roleAssignments" {
			if s, _ := r.Body["scope"].(string); !strings.HasSuffix(s, "/providers/Microsoft.ContainerRegistry/registries/contosoacr") {
				t.Errorf("role assignment scope %v", r.Body["scope"])
			}
		}
	}
}

// TestModules checks local modules: parameters in, outputs out, scope,
// loops over modules, and module order by output use.
func TestModules(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.bicep": `
param spokes array = ['a', 'b']
module acrMod 'modules/acr.bicep' = {
  name: 'acr'
  scope: resourceGroup('rg-shared')
  params: {
    name: 'contosoacr'
    subnetId: net.outputs.subnetId
  }
}
module net 'modules/net.bicep' = {
  name: 'net'
}
module spoke 'modules/net.bicep' = [for s in spokes: {
  name: 'spoke-${s}'
  params: { vnetName: 'vnet-${s}' }
}]
output login string = acrMod.outputs.loginServer
output spokeSubnet string = spoke[1].outputs.subnetId
`,
		"modules/net.bicep": `
param vnetName string = 'hub'
resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' = {
  name: vnetName
  location: 'westeurope'
  resource s 'subnets' = {
    name: 'pe'
    properties: { addressPrefix: '10.0.0.0/24' }
  }
}
output subnetId string = vnet::s.id
`,
		"modules/acr.bicep": `
param name string
param subnetId string
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: 'westeurope'
  sku: { name: 'Premium' }
}
resource pe 'Microsoft.Network/privateEndpoints@2023-05-01' = {
  name: 'pe'
  location: 'westeurope'
  properties: { subnet: { id: subnetId } }
}
output loginServer string = '${acr.name}.azurecr.io'
`,
	})
	rs, outs, ds := deploy(t, dir)
	noDiags(t, ds)
	if outs["login"] != "contosoacr.azurecr.io" {
		t.Errorf("login output %v", outs["login"])
	}
	if s, _ := outs["spokeSubnet"].(string); !strings.HasSuffix(s, "/virtualNetworks/vnet-b/subnets/pe") {
		t.Errorf("spoke[1] output %v", outs["spokeSubnet"])
	}
	byAddr := map[string]graph.Resource{}
	for _, r := range rs {
		byAddr[r.Address] = r
	}
	acr, ok := byAddr["Microsoft.Resources/deployments/acr/Microsoft.ContainerRegistry/registries/contosoacr"]
	if !ok {
		t.Fatalf("module resource missing: %v", byAddr)
	}
	if acr.Range.File != "modules/acr.bicep" || acr.Range.Start.Line != 4 || acr.ResourceGroup != "rg-shared" {
		t.Errorf("module resource at %s:%d in group %q", acr.Range.File, acr.Range.Start.Line, acr.ResourceGroup)
	}
	pe := byAddr["Microsoft.Resources/deployments/acr/Microsoft.Network/privateEndpoints/pe"]
	id := pe.Body["properties"].(map[string]graph.Value)["subnet"].(map[string]graph.Value)["id"]
	if s, _ := id.(string); !strings.HasSuffix(s, "/virtualNetworks/hub/subnets/pe") {
		t.Errorf("module parameter from another module's output: %v", id)
	}
	for _, a := range []string{"spoke-a", "spoke-b"} {
		if _, ok := byAddr["Microsoft.Resources/deployments/"+a+"/Microsoft.Network/virtualNetworks/vnet-"+a[len(a)-1:]]; !ok {
			t.Errorf("module loop instance %s missing", a)
		}
	}
}

// TestImports checks compile-time imports of variables and functions.
func TestImports(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.bicep": `
import { suffix, loginServer as ls } from 'shared.bicep'
import * as shared from 'shared.bicep'
output a string = ls('contoso')
output b string = shared.suffix
output c string = shared.loginServer('x')
output d string = suffix
`,
		"shared.bicep": `
@export()
var suffix = '.${domain}'
var domain = 'azurecr.io'
@export()
func loginServer(name string) string => '${name}${upper('.azurecr.io')}'
func upper(s string) string => toUpper(s)
`,
	})
	_, outs, ds := deploy(t, dir)
	noDiags(t, ds)
	want := map[string]graph.Value{"a": "contoso.AZURECR.IO", "b": ".azurecr.io", "c": "x.AZURECR.IO", "d": ".azurecr.io"}
	if diff := cmp.Diff(want, outs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestParse runs whole deployments: .bicepparam values, parameters files,
// modules used by another file not deployed on their own, and syntax
// errors reported with the rest still evaluated.
func TestParse(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.bicep": `
param sku string
param access string = 'Enabled'
module m 'mod.bicep' = { name: 'm' }
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr'
  location: 'westeurope'
  sku: { name: sku }
  properties: { publicNetworkAccess: access }
}
`,
		"mod.bicep": `
resource z 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
  location: 'global'
}
`,
		"prod.bicepparam": `
using './main.bicep'
var tier = 'Prem'
param sku = '${tier}ium'
param access = 'Disabled'
`,
		"other/app.bicep": `
param name string
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: 'westeurope'
  sku: { name: 'Basic' }
  properties: {
    publicNetworkAccess: 'Enabled'
    oops: [
  }
}
`,
		"other/app.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {"name": {"value": "fromjson"}}}`,
	})
	files := []string{"main.bicep", "mod.bicep", "prod.bicepparam", "other/app.bicep"}
	for i, f := range files {
		files[i] = filepath.Join(dir, filepath.FromSlash(f))
	}
	rs, ds := Parse(dir, files, Options{})
	got := map[string]graph.Resource{}
	for _, r := range rs {
		got[r.Scope+" "+r.Address] = r
	}
	acr, ok := got["prod.bicepparam Microsoft.ContainerRegistry/registries/acr"]
	if !ok {
		t.Fatalf("main.bicep not deployed through prod.bicepparam: %v", got)
	}
	if sku := acr.Body["sku"].(map[string]graph.Value)["name"]; sku != "Premium" {
		t.Errorf("sku from .bicepparam: %v", sku)
	}
	if _, ok := got["prod.bicepparam Microsoft.Resources/deployments/m/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"]; !ok {
		t.Errorf("module resource missing")
	}
	if _, ok := got["mod.bicep Microsoft.Network/privateDnsZones/privatelink.azurecr.io"]; ok {
		t.Errorf("a module was deployed on its own")
	}
	if _, ok := got["main.bicep Microsoft.ContainerRegistry/registries/acr"]; ok {
		t.Errorf("main.bicep deployed without its .bicepparam")
	}
	if _, ok := got["other/app.bicep Microsoft.ContainerRegistry/registries/fromjson"]; !ok {
		t.Errorf("app.bicep not deployed with app.parameters.json: %v", got)
	}
	var syntaxErr bool
	for _, d := range ds {
		if d.Severity == diag.Error && d.Subject.File == "other/app.bicep" && d.Subject.Start.Line == 10 {
			syntaxErr = true
		}
	}
	if !syntaxErr {
		t.Errorf("no syntax error on other/app.bicep:10: %v", ds)
	}
}

// TestRegistryModules reads a br/public module from the local Bicep cache
// and places what it deploys on the module statement; a module that was
// not restored is a note, and the rest is still evaluated.
func TestRegistryModules(t *testing.T) {
	cached := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "name": {"type": "string"},
    "publicNetworkAccess": {"type": "string", "defaultValue": "Enabled"}
  },
  "resources": [{
    "type": "Microsoft.ContainerRegistry/registries",
    "apiVersion": "2023-07-01",
    "name": "[parameters('name')]",
    "location": "westeurope",
    "sku": {"name": "Premium"},
    "properties": {"publicNetworkAccess": "[parameters('publicNetworkAccess')]"}
  }],
  "outputs": {
    "resourceId": {"type": "string", "value": "[resourceId('Microsoft.ContainerRegistry/registries', parameters('name'))]"}
  }
}`
	dir := writeFiles(t, map[string]string{
		"main.bicep": `
module registry 'br/public:avm/res/container-registry/registry:0.4.0' = {
  name: 'registry'
  params: {
    name: 'contosoacr'
    publicNetworkAccess: 'Disabled'
  }
}
module missing 'br:contoso.azurecr.io/bicep/hub:v1' = {
  name: 'hub'
}
output id string = registry.outputs.resourceId
`,
		".bicep-cache/br/mcr.microsoft.com/bicep$avm$res$container-registry$registry/0.4.0$/main.json": cached,
	})
	rs, outs, ds := deploy(t, dir)
	if len(rs) != 1 {
		t.Fatalf("got %d resources, want the cached module's registry", len(rs))
	}
	r := rs[0]
	if r.Address != "Microsoft.Resources/deployments/registry/Microsoft.ContainerRegistry/registries/contosoacr" ||
		r.Range.File != "main.bicep" || r.Range.Start.Line != 2 || r.Format != "bicep" {
		t.Errorf("cached module resource %s at %s:%d (%s)", r.Address, r.Range.File, r.Range.Start.Line, r.Format)
	}
	if pna := r.Body["properties"].(map[string]graph.Value)["publicNetworkAccess"]; pna != "Disabled" {
		t.Errorf("module parameter not passed: %v", pna)
	}
	if s, _ := outs["id"].(string); !strings.HasSuffix(s, "/registries/contosoacr") {
		t.Errorf("output %v", outs["id"])
	}
	var note bool
	for _, d := range ds {
		if d.Summary == "Registry module not restored" && d.Subject.Start.Line == 9 && d.Code == diag.CodeIncomplete {
			note = true
		} else if d.Severity != diag.Note {
			t.Errorf("unexpected diagnostic %+v", d)
		}
	}
	if !note {
		t.Errorf("no note for the module missing from the cache: %v", ds)
	}
}

// TestNullableParameters: an optional parameter (type?) left out is null.
func TestNullableParameters(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.bicep": `
param peerings array?
param name string?
output n int = length(peerings ?? [])
output s string = name ?? 'default'
`})
	_, outs, ds := deploy(t, dir)
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	if diff := cmp.Diff(map[string]graph.Value{"n": int64(0), "s": "default"}, outs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestLoadFunctions reads files at compile time, within the scan root
// only.
func TestLoadFunctions(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.bicep": `
var cfg = loadJsonContent('config/net.json')
output text string = loadTextContent('config/banner.txt')
output prefix string = cfg.prefixes[1]
output b64 string = loadFileAsBase64('config/banner.txt')
output outside string = loadTextContent('../../etc/passwd')
`,
		"config/net.json":   `{"prefixes": ["10.0.0.0/16", "10.1.0.0/16"]}`,
		"config/banner.txt": "hello",
	})
	_, outs, ds := deploy(t, dir)
	want := map[string]graph.Value{"text": "hello", "prefix": "10.1.0.0/16", "b64": "aGVsbG8=", "outside": graph.Unknown{}}
	if diff := cmp.Diff(want, outs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(ds) != 1 || ds[0].Summary != "File outside the scanned directory" || ds[0].Subject.Start.Line != 6 {
		t.Errorf("want one error for the path outside the root at line 6, got %v", ds)
	}
}

// TestCompileDiagnostics checks the errors of Bicep that does not compile:
// each is located, and the rest of the file is still evaluated.
func TestCompileDiagnostics(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		summary   string
	}{
		{"unknown symbol", "output o string = nowhere\n", 1, "Unknown symbol"},
		{"duplicate symbol", "var a = 1\nvar a = 2\n", 2, "Duplicate symbol"},
		{"module as a value", "module m 'm.bicep' = { name: 'm' }\noutput o object = m\n", 2, "Module used as a value"},
		{"unknown module property", "module m 'm.bicep' = { name: 'm' }\noutput o object = m.properties\n", 2, "Unknown module property"},
		{"missing module", "module m 'nope.bicep' = { name: 'm' }\n", 1, "Module not found"},
		{"module outside the root", "module m '../../x.bicep' = { name: 'm' }\n", 1, "Module outside the scanned directory"},
		{"bad namespace", "output o string = foo.concat('a')\n", 1, "Unknown namespace"},
		{"resource without a name", "resource r 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  location: 'global'\n}\n", 1, "Resource without a name"},
		{"invalid parent", "var p = 'x'\nresource r 'Microsoft.Network/privateDnsZones/A@2020-06-01' = {\n  parent: p\n  name: 'a'\n}\n", 3, "Invalid parent"},
		{"own parent", "resource r 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  parent: r\n  name: 'z'\n}\n", 2, "Cycle"},
		{"self-referencing name", "resource r 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  name: r.name\n}\n", 1, "Cycle"},
		{"import cycle", "import { a } from 'main.bicep'\n@export()\nvar a = 1\n", 1, "Import cycle"},
		{"unknown import", "import { nothere } from 'm.bicep'\n", 1, "Unknown import"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"main.bicep": tc.src + "output still string = 'evaluated'\n",
				"m.bicep":    "output x string = 'x'\n",
			})
			_, outs, ds := deploy(t, dir)
			var found bool
			for _, d := range ds {
				if d.Summary == tc.summary && d.Subject.File == "main.bicep" && d.Subject.Start.Line == tc.line {
					found = true
				}
			}
			if !found {
				t.Errorf("want %q at main.bicep:%d, got %v", tc.summary, tc.line, ds)
			}
			if outs["still"] != "evaluated" {
				t.Errorf("the rest of the file was not evaluated: %v", outs)
			}
		})
	}
}

// TestModuleAliasesAndScopes resolves br/<alias>: through bicepconfig.json
// and deploys modules to another resource group and subscription.
func TestModuleAliasesAndScopes(t *testing.T) {
	tmpl := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "resources": [{"type": "Microsoft.Network/privateDnsZones", "apiVersion": "2020-06-01", "name": "privatelink.azurecr.io", "location": "global"}],
  "outputs": {"rg": {"type": "string", "value": "[resourceGroup().name]"}}}`
	dir := writeFiles(t, map[string]string{
		"main.bicep": `
module zone 'br/corp:dns/zone:v1' = {
  name: 'zone'
  scope: resourceGroup('11111111-1111-1111-1111-111111111111', 'rg-dns')
}
resource shared 'Microsoft.Resources/resourceGroups@2024-03-01' existing = {
  name: 'rg-shared'
  scope: subscription()
}
module local 'm.bicep' = {
  name: 'local'
  scope: shared
}
output rg string = zone.outputs.rg
`,
		"m.bicep":          "output rg string = resourceGroup().name\n",
		"bicepconfig.json": `{"moduleAliases": {"br": {"corp": {"registry": "contoso.azurecr.io", "modulePath": "bicep/modules"}}}}`,
		".bicep-cache/br/contoso.azurecr.io/bicep$modules$dns$zone/v1$/main.json": tmpl,
	})
	rs, outs, ds := deploy(t, dir)
	noDiags(t, ds)
	if len(rs) != 2 || rs[0].ResourceGroup != "rg-dns" {
		t.Errorf("resources %+v", rs)
	}
	if outs["rg"] != "rg-dns" {
		t.Errorf("module resource group %v", outs["rg"])
	}
}

// TestParametersOption applies a --parameters file to the Bicep file of
// the same stem.
func TestParametersOption(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"app.bicep": `
param name string
resource z 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: name
  location: 'global'
}
`,
		"other.bicep": "param unused string = 'x'\n",
		"prod/app.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0",
  "parameters": {"name": {"value": "privatelink.azurecr.io"}}}`,
	})
	files := []string{filepath.Join(dir, "app.bicep"), filepath.Join(dir, "other.bicep")}
	rs, ds := Parse(dir, files, Options{Parameters: []string{filepath.Join(dir, "prod", "app.parameters.json")}})
	noDiags(t, ds)
	if len(rs) != 1 || rs[0].Address != "Microsoft.Network/privateDnsZones/privatelink.azurecr.io" {
		t.Errorf("got %+v", rs)
	}
}

// TestNestedChildOfLoop: a nested child of a looped resource is expanded
// with its parent, and reads the parent's loop variables.
func TestNestedChildOfLoop(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.bicep": `
param spokes array = ['a', 'b']
resource vnets 'Microsoft.Network/virtualNetworks@2023-05-01' = [for (s, i) in spokes: {
  name: 'vnet-${s}'
  location: 'westeurope'
  resource snet 'subnets' = {
    name: 'snet-${s}'
    properties: { addressPrefix: '10.${i}.0.0/24' }
  }
}]
output second string = vnets[1]::snet.id
`})
	rs, outs, ds := deploy(t, dir)
	noDiags(t, ds)
	var got []string
	for _, r := range rs {
		got = append(got, r.Address)
	}
	want := []string{
		"Microsoft.Network/virtualNetworks/vnet-a", "Microsoft.Network/virtualNetworks/vnet-b",
		"Microsoft.Network/virtualNetworks/vnet-a/subnets/snet-a", "Microsoft.Network/virtualNetworks/vnet-b/subnets/snet-b",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if s, _ := outs["second"].(string); !strings.HasSuffix(s, "/virtualNetworks/vnet-b/subnets/snet-b") {
		t.Errorf("vnets[1]::snet.id = %v", outs["second"])
	}
}

// TestInlineChildIDs: vnet.properties.subnets[i].id of a VNet declared
// with inline subnets is that subnet's ID; a parameter without a value is
// reported where it is declared.
func TestInlineChildIDs(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.bicep": `
param missing string
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-spoke'
  properties: {
    subnets: [
      { name: 'snet-a', properties: { addressPrefix: '10.1.0.0/24' } }
      { name: 'snet-b', properties: { addressPrefix: '10.1.1.0/24' } }
    ]
  }
}
output id string = vnet.properties.subnets[1].id
output prefix string = vnet.properties.subnets[0].properties.addressPrefix
`})
	_, ds := Parse(dir, []string{filepath.Join(dir, "main.bicep")}, Options{})
	if len(ds) != 1 || ds[0].Summary != "Parameter has no value" || ds[0].Subject.Start.Line != 2 {
		t.Errorf("want the parameter without a value reported at line 2, got %v", ds)
	}
	_, outs, _ := deploy(t, dir)
	if s, _ := outs["id"].(string); !strings.HasSuffix(s, "/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-b") {
		t.Errorf("subnets[1].id = %#v", outs["id"])
	}
	if u, ok := outs["prefix"].(graph.Unknown); !ok || len(u.Refs) != 1 {
		t.Errorf("a property read back from the VNet is unknown naming it, got %#v", outs["prefix"])
	}
}

// TestNestedScopes: nested resources are in scope by their bare names
// inside their parent, a nested child of a conditional parent has its
// condition, and an existing resource (with its nested children) is where
// its scope says.
func TestNestedScopes(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.bicep": `
param deploy bool = false
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acrapp'
  resource pool 'agentPools@2019-06-01-preview' = {
    name: 'vnetpool'
  }
  resource task 'tasks@2019-06-01-preview' = {
    name: 'build'
    properties: { agentPoolName: pool.name }
  }
}
resource endpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = if (deploy) {
  name: 'pe-acr'
  resource zoneGroup 'privateDnsZoneGroups' = {
    name: 'registry'
  }
}
resource spoke 'Microsoft.Network/virtualNetworks@2023-11-01' existing = {
  name: 'vnet-spoke'
  scope: resourceGroup('22222222-2222-2222-2222-222222222222', 'rg-spoke')
  resource bastion 'subnets' existing = {
    name: 'AzureBastionSubnet'
  }
}
`})
	rs, _, ds := deploy(t, dir)
	noDiags(t, ds)
	got := map[string]graph.Resource{}
	for _, r := range rs {
		got[r.Address] = r
	}
	if len(rs) != 5 {
		t.Errorf("want acr, pool, task and the two existing resources, got %v", got)
	}
	task := got["Microsoft.ContainerRegistry/registries/acrapp/tasks/build"]
	if pool := task.Body["properties"].(map[string]graph.Value)["agentPoolName"]; pool != "vnetpool" {
		t.Errorf("agentPoolName %v", pool)
	}
	subnet := got["Microsoft.Network/virtualNetworks/vnet-spoke/subnets/AzureBastionSubnet"]
	if subnet.Subscription != "22222222-2222-2222-2222-222222222222" || subnet.ResourceGroup != "rg-spoke" || !subnet.Existing {
		t.Errorf("existing nested subnet in %q/%q", subnet.Subscription, subnet.ResourceGroup)
	}
}
