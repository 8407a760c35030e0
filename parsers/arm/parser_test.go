package arm

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/jsonpos"
)

const schema = `"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0"`

// writeTree writes files, by slash-separated path, under root and returns
// their paths, sorted.
func writeTree(t *testing.T, root string, files map[string]string) []string {
	t.Helper()
	var paths []string
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

func parse(t *testing.T, files map[string]string, opts Options) (map[string]graph.Resource, diag.Diagnostics) {
	t.Helper()
	root := t.TempDir()
	paths := writeTree(t, root, files)
	for i, f := range opts.Parameters {
		opts.Parameters[i] = filepath.Join(root, f)
	}
	rs, ds := Parse(root, paths, opts)
	out := map[string]graph.Resource{}
	for _, r := range rs {
		out[r.Address] = r
	}
	return out, ds
}

func addrs(rs map[string]graph.Resource) []string {
	var out []string
	for a := range rs {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

func TestDiscovery(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"main.json":            `{` + schema + `, "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "v", "apiVersion": "2024-05-01"}]}`,
		"package.json":         `{"name": "not a template"}`,
		"broken-other.json":    `{"name": `,
		"sub.json":             `{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "s"}]}`,
		"main.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`,
	}, Options{})
	if len(ds) != 0 {
		t.Errorf("other JSON is ignored quietly: %v", ds)
	}
	if diff := cmp.Diff([]string{"Microsoft.Network/virtualNetworks/s", "Microsoft.Network/virtualNetworks/v"}, addrs(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestInvalidTemplateIsLocated(t *testing.T) {
	_, ds := parse(t, map[string]string{
		"bad.json":  "{" + schema + ",\n  \"resources\": [\n    {\"type\": \"x\" \"name\": \"y\"}\n  ]\n}",
		"expr.json": "{" + schema + ",\n  \"resources\": [\n    {\"type\": \"Microsoft.Network/virtualNetworks\", \"name\": \"[concat('a', ]\"}\n  ]\n}",
	}, Options{})
	if len(ds) != 2 {
		t.Fatalf("want two diagnostics, got %v", ds)
	}
	ds.Sort()
	if d := ds[0]; d.Subject.File != "bad.json" || d.Subject.Start.Line != 3 || d.Subject.Start.Column != 18 || d.Severity != diag.Error {
		t.Errorf("invalid JSON: %s", d.Error())
	}
	if d := ds[1]; d.Subject.File != "expr.json" || d.Subject.Start.Line != 3 || d.Summary != "Invalid expression" || d.Severity != diag.Error {
		t.Errorf("invalid expression: %s", d.Error())
	}
}

func TestPositionsCopyAndChildren(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "parameters": {"replicas": {"type": "array", "defaultValue": ["northeurope", "eastus"]}},
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "name": "acr1",
      "properties": {
        "publicNetworkAccess": "Disabled",
        "copy": [{"name": "tags", "count": 2, "input": "[concat('t', copyIndex('tags'))]"}]
      },
      "resources": [
        {"type": "replications", "name": "[parameters('replicas')[copyIndex()]]", "location": "[parameters('replicas')[copyIndex()]]",
         "copy": {"name": "r", "count": "[length(parameters('replicas'))]"}}
      ]
    }
  ]
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	reg := rs["Microsoft.ContainerRegistry/registries/acr1"]
	if got := reg.Line("properties.publicNetworkAccess"); got != (diag.Pos{Line: 8, Column: 32}) {
		t.Errorf("position of publicNetworkAccess: %v", got)
	}
	if diff := cmp.Diff([]graph.Value{"t0", "t1"}, reg.Body["properties"].(map[string]graph.Value)["tags"]); diff != "" {
		t.Errorf("property copy (-want +got):\n%s", diff)
	}
	want := []string{
		"Microsoft.ContainerRegistry/registries/acr1",
		"Microsoft.ContainerRegistry/registries/acr1/replications/eastus",
		"Microsoft.ContainerRegistry/registries/acr1/replications/northeurope",
	}
	if diff := cmp.Diff(want, addrs(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	rep := rs["Microsoft.ContainerRegistry/registries/acr1/replications/eastus"]
	if rep.Type != "Microsoft.ContainerRegistry/registries/replications" || rep.Body["name"] != "acr1/eastus" || rep.Parent != "Microsoft.ContainerRegistry/registries/acr1" {
		t.Errorf("child resource: %+v", rep)
	}
}

func TestNestedAndLinkedDeployments(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"main.json": `{` + schema + `,
  "parameters": {"prefix": {"type": "string"}},
  "variables": {"zone": "privatelink.azurecr.io"},
  "resources": [
    {"type": "Microsoft.Resources/deployments", "name": "outer", "apiVersion": "2022-09-01",
     "properties": {"mode": "Incremental", "template": {` + schema + `,
       "resources": [{"type": "Microsoft.Network/privateDnsZones", "name": "[variables('zone')]"}]}}},
    {"type": "Microsoft.Resources/deployments", "name": "inner", "apiVersion": "2022-09-01", "resourceGroup": "rg-net",
     "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
       "parameters": {"name": {"value": "[concat(parameters('prefix'), '-vnet')]"}},
       "template": {` + schema + `, "parameters": {"name": {"type": "string"}},
         "resources": [{"type": "Microsoft.Network/virtualNetworks", "name": "[parameters('name')]"}],
         "outputs": {"vnetName": {"type": "string", "value": "[parameters('name')]"}}}}},
    {"type": "Microsoft.Resources/deployments", "name": "linked", "apiVersion": "2022-09-01",
     "properties": {"templateLink": {"relativePath": "modules/registry.json"}, "parameters": {"sku": {"value": "Premium"}}}},
    {"type": "Microsoft.Network/privateEndpoints", "name": "pe", "properties": {"subnet": {"id": "[reference('inner').outputs.vnetName.value]"}}}
  ]
}`,
		"main.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"prefix": {"value": "hub"}}}`,
		"modules/registry.json": `{` + schema + `, "parameters": {"sku": {"type": "string"}},
  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "acrlinked", "sku": {"name": "[parameters('sku')]"}}]}`,
	}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	want := []string{
		"Microsoft.Network/privateEndpoints/pe",
		"Microsoft.Resources/deployments/inner/Microsoft.Network/virtualNetworks/hub-vnet",
		"Microsoft.Resources/deployments/linked/Microsoft.ContainerRegistry/registries/acrlinked",
		"Microsoft.Resources/deployments/outer/Microsoft.Network/privateDnsZones/privatelink.azurecr.io",
	}
	if diff := cmp.Diff(want, addrs(rs)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if rg := rs[want[1]].ResourceGroup; rg != "rg-net" {
		t.Errorf("resource group of a nested deployment: %q", rg)
	}
	linked := rs[want[2]]
	if linked.Range.File != "modules/registry.json" || linked.Body["sku"].(map[string]graph.Value)["name"] != "Premium" {
		t.Errorf("linked template: %+v", linked)
	}
	pe := rs[want[0]].Body["properties"].(map[string]graph.Value)["subnet"].(map[string]graph.Value)["id"]
	if pe != "hub-vnet" {
		t.Errorf("output of a nested deployment: %v", pe)
	}
}

func TestLanguageVersion2(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `, "languageVersion": "2.0",
  "resources": {
    "acr": {"type": "Microsoft.ContainerRegistry/registries", "name": "shared", "existing": true},
    "pe": {"type": "Microsoft.Network/privateEndpoints", "name": "pe",
      "properties": {"privateLinkServiceConnections": [{"name": "c", "properties": {"privateLinkServiceId": "[reference('acr', '2023-07-01', 'Full').id]", "groupIds": ["registry"]}}]}}
  }
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if !rs["Microsoft.ContainerRegistry/registries/shared"].Existing {
		t.Error("existing resource")
	}
	conn := rs["Microsoft.Network/privateEndpoints/pe"].Body["properties"].(map[string]graph.Value)["privateLinkServiceConnections"].([]graph.Value)[0]
	id := conn.(map[string]graph.Value)["properties"].(map[string]graph.Value)["privateLinkServiceId"]
	if diff := cmp.Diff(graph.Unknown{Refs: []graph.Ref{{Address: "Microsoft.ContainerRegistry/registries/shared"}}}, id); diff != "" {
		t.Errorf("reference to a symbolic resource (-want +got):\n%s", diff)
	}
}

func TestLinkedTemplateCycleAndConfinement(t *testing.T) {
	link := func(path string) string {
		return `{` + schema + `, "resources": [{"type": "Microsoft.Resources/deployments", "name": "d", "properties": {"templateLink": {"relativePath": "` + path + `"}}}]}`
	}
	_, ds := parse(t, map[string]string{
		"a.json":   link("b.json"),
		"b.json":   link("a.json"),
		"x.json":   link("a.json"),
		"out.json": link("../../etc/passwd"),
	}, Options{})
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Message())
	}
	joined := strings.Join(msgs, "\n")
	// x.json links into the cycle but is no part of it.
	if !strings.Contains(joined, "cycle: a.json -> b.json -> a.json;") {
		t.Errorf("cycle not named: %s", joined)
	}
	if !strings.Contains(joined, "outside the scanned directory") {
		t.Errorf("a linked template outside the root must be refused: %s", joined)
	}
}

// TestLinkedTemplateCycleDeterministic: a cycle is reported once, at the
// link that closes it when reading from the first template by path,
// whatever order the files are given in; the message names the templates
// of the cycle only.
func TestLinkedTemplateCycleDeterministic(t *testing.T) {
	link := func(path string) string {
		return `{` + schema + `,
  "resources": [
    {"type": "Microsoft.ContainerRegistry/registries", "name": "acr"},
    {"type": "Microsoft.Resources/deployments", "name": "d",
     "properties": {"templateLink": {"relativePath": "` + path + `"}}}
  ]
}`
	}
	root := t.TempDir()
	paths := writeTree(t, root, map[string]string{"a.json": link("b/c.json"), "b/c.json": link("../d.json"), "d.json": link("a.json")})
	var first string
	for i, order := range [][]string{paths, {paths[2], paths[1], paths[0]}, {paths[1], paths[0], paths[2]}} {
		_, ds := Parse(root, order, Options{})
		if len(ds) != 1 || ds[0].Summary != "Linked template cycle" || ds[0].Severity != diag.Error {
			t.Fatalf("want one cycle error, got %v", ds)
		}
		got := ds[0].Error()
		if i == 0 {
			first = got
			if ds[0].Subject.File != "d.json" || ds[0].Subject.Start.Line != 5 || !strings.Contains(got, ": a.json -> b/c.json -> d.json -> a.json;") {
				t.Errorf("want the cycle a.json -> b/c.json -> d.json -> a.json at d.json:5, got %s", got)
			}
		} else if got != first {
			t.Errorf("files in another order: %s, not %s", got, first)
		}
	}
}

// TestLinkedTemplateMissing: a linked template that does not exist is an
// error on the link, in the linking template; the rest is evaluated.
func TestLinkedTemplateMissing(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "resources": [
    {"type": "Microsoft.Resources/deployments", "name": "d",
     "properties": {"templateLink": {
       "relativePath": "nested/absent.json"}}},
    {"type": "Microsoft.ContainerRegistry/registries", "name": "acr"}
  ]
}`}, Options{})
	if len(ds) != 1 || ds[0].Summary != "Linked template not found" || ds[0].Severity != diag.Error ||
		ds[0].Subject.File != "main.json" || ds[0].Subject.Start.Line != 5 || ds[0].Subject.Start.Column != 24 ||
		!strings.Contains(ds[0].Detail, "nested/absent.json does not exist") {
		t.Errorf("want an error at main.json:5:24, got %v", ds)
	}
	if _, ok := rs["Microsoft.ContainerRegistry/registries/acr"]; !ok {
		t.Errorf("the rest of the template is evaluated: %v", addrs(rs))
	}
}

// TestLinkedTemplateThroughSymlink: a linked template within the root by
// its name that a symbolic link (to the file, or to its directory) leads
// out of is refused on the link, and nothing outside is read.
func TestLinkedTemplateThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	outside := t.TempDir()
	secret := `{` + schema + `, "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "secret"}]}`
	if err := os.WriteFile(filepath.Join(outside, "t.json"), []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	main := `{` + schema + `,
  "resources": [
    {"type": "Microsoft.Resources/deployments", "name": "file", "properties": {"templateLink": {"relativePath": "link.json"}}},
    {"type": "Microsoft.Resources/deployments", "name": "dir", "properties": {"templateLink": {"relativePath": "dir/t.json"}}},
    {"type": "Microsoft.Resources/deployments", "name": "in", "properties": {"templateLink": {"relativePath": "inside.json"}}}
  ]
}`
	inside := `{` + schema + `, "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "inside"}]}`
	for name, src := range map[string]string{"main.json": main, "real/inside.json": inside} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"link.json":   filepath.Join(outside, "t.json"),
		"dir":         outside,
		"inside.json": filepath.Join(root, "real", "inside.json"), // a link within the root is followed
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	out, ds := Parse(root, []string{filepath.Join(root, "main.json")}, Options{})
	var lines []int
	for _, d := range ds {
		if d.Summary != "Linked template outside the scanned directory" || d.Subject.File != "main.json" || !strings.Contains(d.Detail, "symbolic link") {
			t.Errorf("unexpected diagnostic: %s", d.Error())
		}
		lines = append(lines, d.Subject.Start.Line)
	}
	if !slices.Equal(lines, []int{3, 4}) {
		t.Errorf("want errors on lines 3 and 4, got %v", ds)
	}
	var names []string
	for _, r := range out {
		names = append(names, r.Address)
	}
	if !slices.Equal(names, []string{"Microsoft.Resources/deployments/in/Microsoft.ContainerRegistry/registries/inside"}) {
		t.Errorf("resources: %v", names)
	}
}

func TestParametersOption(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"azuredeploy.json": `{` + schema + `, "parameters": {"sku": {"type": "string", "defaultValue": "Basic"}, "name": {"type": "string"}},
  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "[parameters('name')]", "sku": {"name": "[parameters('sku')]"}}]}`,
		"env/prod.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {"sku": {"value": "Premium"}, "name": {"value": "acrprod"}}}`,
	}, Options{Parameters: []string{"env/prod.json"}})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	r, ok := rs["Microsoft.ContainerRegistry/registries/acrprod"]
	if !ok || r.Body["sku"].(map[string]graph.Value)["name"] != "Premium" {
		t.Errorf("--parameters must apply to the only template: %v", addrs(rs))
	}
}

func TestParameterWithoutValueIsUnknown(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"main.json": `{` + schema + `, "parameters": {"name": {"type": "string"}},
  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "acr", "sku": {"name": "[parameters('name')]"}}]}`,
	}, Options{})
	if _, ok := rs["Microsoft.ContainerRegistry/registries/acr"].Body["sku"].(map[string]graph.Value)["name"].(graph.Unknown); !ok {
		t.Error("a parameter without a value is unknown")
	}
	if len(ds) != 1 || ds[0].Severity != diag.Note || !strings.Contains(ds[0].Detail, "main.parameters.json") {
		t.Errorf("want a note saying how to give the parameter: %v", ds)
	}
}

func TestEvalModule(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "cache", "main.json")
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		t.Fatal(err)
	}
	src := `{` + schema + `, "parameters": {"name": {"type": "string"}},
  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "[parameters('name')]", "sku": {"name": "Premium"}}],
  "outputs": {"loginServer": {"type": "string", "value": "[concat(parameters('name'), '.azurecr.io')]"}}}`
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, outs, ds := EvalModule(Module{File: file, Root: root, Values: map[string]graph.Value{"name": "acrmod"}, Scope: "main.bicep", Prefix: "module.acr/"}, Options{})
	if len(ds) != 0 || len(rs) != 1 {
		t.Fatalf("resources %v, diagnostics %v", rs, ds)
	}
	if rs[0].Address != "module.acr/Microsoft.ContainerRegistry/registries/acrmod" || rs[0].Scope != "main.bicep" || rs[0].Range.File != "cache/main.json" {
		t.Errorf("resource: %+v", rs[0])
	}
	if outs["loginServer"] != "acrmod.azurecr.io" {
		t.Errorf("outputs: %v", outs)
	}
}

func TestPropertyCopyBelowProperties(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "parameters": {"allowed": {"type": "array", "defaultValue": ["203.0.113.0/24", "198.51.100.7"]}},
  "variables": {
    "rules": {
      "defaultAction": "Deny",
      "copy": [{"name": "ipRules", "count": "[length(parameters('allowed'))]", "input": {"action": "Allow", "value": "[parameters('allowed')[copyIndex('ipRules')]]"}}]
    }
  },
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "name": "acr1",
      "properties": {
        "networkRuleSet": {
          "defaultAction": "Deny",
          "copy": [{"name": "ipRules", "count": "[length(parameters('allowed'))]", "input": {"action": "Allow", "value": "[parameters('allowed')[copyIndex('ipRules')]]"}}]
        }
      }
    },
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "name": "acr2",
      "properties": {"networkRuleSet": "[variables('rules')]"}
    }
  ]
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	want := map[string]graph.Value{
		"defaultAction": "Deny",
		"ipRules": []graph.Value{
			map[string]graph.Value{"action": "Allow", "value": "203.0.113.0/24"},
			map[string]graph.Value{"action": "Allow", "value": "198.51.100.7"},
		},
	}
	for _, name := range []string{"acr1", "acr2"} {
		r := rs["Microsoft.ContainerRegistry/registries/"+name]
		got := r.Body["properties"].(map[string]graph.Value)["networkRuleSet"]
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: a copy loop in an object below properties or in a variable builds the property (-want +got):\n%s", name, diff)
		}
	}
	acr1 := rs["Microsoft.ContainerRegistry/registries/acr1"]
	if got := acr1.Line("properties.networkRuleSet.ipRules"); got.Line != 16 {
		t.Errorf("position of the looped property: %v", got)
	}
}

func TestOutputCopy(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "resources": [
    {"type": "Microsoft.Resources/deployments", "name": "subnets", "properties": {"expressionEvaluationOptions": {"scope": "inner"},
      "template": {` + schema + `, "resources": [],
        "outputs": {"ids": {"type": "array", "copy": {"count": 2, "input": "[concat('snet-', copyIndex())]"}}}}}},
    {"type": "Microsoft.Network/privateEndpoints", "name": "pe", "properties": {"subnet": {"id": "[reference('subnets').outputs.ids.value[1]]"}}}
  ]
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if got := rs["Microsoft.Network/privateEndpoints/pe"].Body["properties"].(map[string]graph.Value)["subnet"].(map[string]graph.Value)["id"]; got != "snet-1" {
		t.Errorf("output copy: %v", got)
	}
}

// TestParameterDefaultsInDependencyOrder: a default may read a parameter
// declared after it (as compiled Bicep templates do); defaults in a cycle
// are an error, not a hang; a copy whose count is unknown leaves
// copyIndex() unknown without a warning.
func TestParameterDefaultsInDependencyOrder(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "parameters": {
    "name": {"type": "string", "defaultValue": "[replace(parameters('source'), '/', '-')]"},
    "source": {"type": "string", "defaultValue": "library/nginx"},
    "a": {"type": "string", "defaultValue": "[parameters('b')]"},
    "b": {"type": "string", "defaultValue": "[parameters('a')]"},
    "n": {"type": "int"}
  },
  "resources": [
    {"type": "Microsoft.ContainerRegistry/registries/cacheRules", "name": "[format('acr/{0}', parameters('name'))]"},
    {"type": "Microsoft.ContainerRegistry/registries/scopeMaps", "name": "[format('acr/map{0}', copyIndex())]", "copy": {"name": "maps", "count": "[parameters('n')]"}}
  ]
}`}, Options{})
	if _, ok := rs["Microsoft.ContainerRegistry/registries/acr/cacheRules/library-nginx"]; !ok {
		t.Errorf("default reading a later parameter: got %v", addrs(rs))
	}
	var cycle int
	for _, d := range ds {
		switch {
		case d.Summary == "Cycle in parameters":
			cycle++
		case d.Severity != diag.Note:
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
	if cycle != 1 {
		t.Errorf("want one cycle error, got %d: %v", cycle, ds)
	}
}

// TestNullParameterTakesDefault: a nested deployment given null for a
// parameter with a default gets the default.
func TestNullParameterTakesDefault(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "resources": [{"type": "Microsoft.Resources/deployments", "name": "d",
    "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "parameters": {"name": {"value": null}},
      "template": {` + schema + `, "parameters": {"name": {"type": "string", "defaultValue": "fallback"}},
        "resources": [{"type": "Microsoft.Network/privateDnsZones", "name": "[parameters('name')]"}]}}}]
}`}, Options{})
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	if _, ok := rs["Microsoft.Resources/deployments/d/Microsoft.Network/privateDnsZones/fallback"]; !ok {
		t.Errorf("got %v", addrs(rs))
	}
}

// TestNullableParametersAndNestedDeploymentName: a nullable parameter left
// out is null (no note), and deployment().name in a nested deployment is
// that deployment's name.
func TestNullableParametersAndNestedDeploymentName(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `, "languageVersion": "2.0",
  "parameters": {"peerings": {"type": "array", "nullable": true}},
  "resources": {
    "links": {"type": "Microsoft.Network/privateDnsZones", "name": "[format('zone{0}', length(coalesce(parameters('peerings'), createArray())))]"},
    "inner": {"type": "Microsoft.Resources/deployments", "name": "net",
      "properties": {"expressionEvaluationOptions": {"scope": "inner"},
        "template": {` + schema + `, "resources": [{"type": "Microsoft.Network/privateDnsZones", "name": "[deployment().name]"}]}}}
  }
}`}, Options{})
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	for _, a := range []string{"Microsoft.Network/privateDnsZones/zone0", "Microsoft.Resources/deployments/net/Microsoft.Network/privateDnsZones/net"} {
		if _, ok := rs[a]; !ok {
			t.Errorf("missing %s in %v", a, addrs(rs))
		}
	}
}

// TestTotalResourcesBounded: nested copy loops that would deploy millions
// of resources stop at the total limit with one error.
func TestTotalResourcesBounded(t *testing.T) {
	inner := `{` + schema + `, "resources": [{"type": "Microsoft.Network/privateDnsZones", "name": "[format('z{0}', copyIndex())]", "copy": {"name": "z", "count": 800}}]}`
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "resources": [{"type": "Microsoft.Resources/deployments", "name": "[format('d{0}', copyIndex())]", "copy": {"name": "d", "count": 800},
    "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "template": ` + inner + `}}]
}`}, Options{MaxTotalResources: 1000})
	// The two nested deployments evaluated count towards the limit.
	if len(rs) != 998 {
		t.Errorf("got %d resources, want the 1000 of the limit less the 2 deployments", len(rs))
	}
	var errs int
	for _, d := range ds {
		if d.Summary == "Too many resources" && d.Code == diag.CodeIncomplete {
			errs++
		}
	}
	if errs != 1 {
		t.Errorf("want one error, got %v", ds)
	}
}

// TestNestedDeploymentLoopsBounded: copy loops of nested deployments that
// deploy nothing would multiply the work (800^3 deployments); the
// deployments count towards the total limit.
func TestNestedDeploymentLoopsBounded(t *testing.T) {
	tmpl := `{` + schema + `, "resources": []}`
	for range 3 {
		tmpl = `{` + schema + `, "resources": [{"type": "Microsoft.Resources/deployments", "name": "[format('d{0}', copyIndex())]", "copy": {"name": "d", "count": 800},
    "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "template": ` + tmpl + `}}]}`
	}
	_, ds := parse(t, map[string]string{"main.json": tmpl}, Options{MaxTotalResources: 1000})
	if len(ds) != 1 || ds[0].Summary != "Too many resources" || ds[0].Severity != diag.Error {
		t.Errorf("want one error, got %v", ds)
	}
}

// inlineDeployments is a template nesting n inline deployments, with a
// registry at the bottom.
func inlineDeployments(n int) string {
	tmpl := `{` + schema + `, "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "deep"}]}`
	for i := range n {
		tmpl = `{` + schema + `, "resources": [{"type": "Microsoft.ContainerRegistry/registries", "name": "acr` + strconv.Itoa(n-i-1) + `"},
{"type": "Microsoft.Resources/deployments", "name": "d", "properties": {"template": ` + tmpl + `}}]}`
	}
	return tmpl
}

// TestInlineDeploymentDepth: inline nested deployments count towards the
// depth limit, as linked templates do, whatever the depth of the
// nesting; the levels above the limit are still evaluated.
func TestInlineDeploymentDepth(t *testing.T) {
	// The deployment of the 17th level, on line 18, is refused.
	check := func(t *testing.T, file string, rs map[string]graph.Resource, ds diag.Diagnostics) {
		t.Helper()
		if len(ds) != 1 || ds[0].Summary != "Deployments nested too deeply" || ds[0].Severity != diag.Error ||
			ds[0].Subject.File != file || ds[0].Subject.Start.Line != 18 || !strings.Contains(ds[0].Detail, "limit of 16") {
			t.Fatalf("want one error naming the limit at %s:18, got %v", file, ds)
		}
		if len(rs) != 17 {
			t.Errorf("want the registries of the 17 levels within the limit, got %v", addrs(rs))
		}
	}
	// As deep as a JSON file may nest.
	rs, ds := parse(t, map[string]string{"main.json": inlineDeployments(60)}, Options{})
	check(t, "main.json", rs, ds)
	// 1000 deep: a template compiled from another source (Bicep) has no
	// JSON nesting limit.
	t.Run("1000", func(t *testing.T) {
		root := t.TempDir()
		src := inlineDeployments(1000)
		compile := func(string) (*jsonpos.Value, diag.Diagnostics) {
			v, _, err := jsonpos.Parse([]byte(src), jsonpos.Options{MaxDepth: 1 << 20})
			if err != nil {
				t.Fatal(err)
			}
			return v, nil
		}
		out, ds := Parse(root, []string{filepath.Join(root, "main.bicep")}, Options{Compile: compile})
		rs := map[string]graph.Resource{}
		for _, r := range out {
			rs[r.Address] = r
		}
		check(t, "main.bicep", rs, ds)
	})
}

// TestResourcesWrongType: resources that are neither an array nor, with
// languageVersion 2.0, an object are an error where they are.
func TestResourcesWrongType(t *testing.T) {
	cases := []struct {
		name, version, resources string
		err                      bool
	}{
		{"string", "", `"all of them"`, true},
		{"number", "", `3`, true},
		{"null", "", `null`, true},
		{"object without languageVersion 2.0", "", `{"z": {"type": "Microsoft.Network/privateDnsZones", "name": "z"}}`, true},
		{"object in languageVersion 1.0", `"languageVersion": "1.0",`, `{"z": {"type": "Microsoft.Network/privateDnsZones", "name": "z"}}`, true},
		{"object in languageVersion 2.0", `"languageVersion": "2.0",`, `{"z": {"type": "Microsoft.Network/privateDnsZones", "name": "z"}}`, false},
		{"array", "", `[{"type": "Microsoft.Network/privateDnsZones", "name": "z"}]`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ds := parse(t, map[string]string{"main.json": "{" + schema + ", " + c.version + "\n  \"resources\": " + c.resources + "\n}"}, Options{})
			if !c.err {
				if len(ds) != 0 {
					t.Errorf("diagnostics: %v", ds)
				}
				return
			}
			if len(ds) != 1 || ds[0].Summary != "Invalid resources" || ds[0].Severity != diag.Error ||
				ds[0].Subject.Start.Line != 2 || ds[0].Subject.Start.Column != 16 {
				t.Errorf("want one error at main.json:2:16, got %v", ds)
			}
		})
	}
}

// TestParameterDefaultWrongType: a default value, literal or computed,
// that is not of the parameter's type is an error on the default, and
// the parameter's value is unknown.
func TestParameterDefaultWrongType(t *testing.T) {
	cases := []struct {
		typ, def string
		err      bool
	}{
		{"int", `"three"`, true},
		{"int", `"[concat('a', 'b')]"`, true},
		{"string", `3`, true},
		{"bool", `"true"`, true},
		{"object", `[]`, true},
		{"array", `{}`, true},
		{"secureString", `{}`, true},
		{"int", `3`, false},
		{"Int", `"[add(1, 2)]"`, false},
		{"string", `"[resourceGroup().location]"`, false},
		{"securestring", `"s"`, false},
		{"secureObject", `{}`, false},
		{"bool", `false`, false},
		{"array", `[1]`, false},
		{"string", `null`, false},
	}
	for _, c := range cases {
		t.Run(c.typ+" "+c.def, func(t *testing.T) {
			rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "parameters": {"p": {"type": "` + c.typ + `",
    "defaultValue": ` + c.def + `}},
  "resources": [{"type": "Microsoft.Network/privateDnsZones", "name": "z", "properties": {"p": "[parameters('p')]"}}]
}`}, Options{})
			if !c.err {
				if len(ds) != 0 {
					t.Errorf("diagnostics: %v", ds)
				}
				return
			}
			if len(ds) != 1 || ds[0].Summary != "Default value of the wrong type" || ds[0].Severity != diag.Error ||
				ds[0].Subject.Start.Line != 3 || ds[0].Subject.Start.Column != 21 {
				t.Errorf("want one error at main.json:3:21, got %v", ds)
			}
			p := rs["Microsoft.Network/privateDnsZones/z"].Body["properties"].(map[string]graph.Value)["p"]
			if !graph.IsUnknown(p) {
				t.Errorf("the parameter's value is %v, want unknown", p)
			}
		})
	}
}

// TestMaxStringLength: a string a function would build past
// MaxStringLength is an error where the expression is, naming the flag
// that raises it, and the value is unknown.
func TestMaxStringLength(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.json": `{` + schema + `,
  "variables": {"s": "[concat('0123456789', '0123456789')]"},
  "resources": [{"type": "Microsoft.Network/privateDnsZones", "name": "z", "properties": {"s": "[variables('s')]"}}]
}`}, Options{MaxStringLength: 19})
	if len(ds) != 1 || ds[0].Summary != "Value too large" || ds[0].Severity != diag.Error ||
		ds[0].Subject.Start.Line != 2 || ds[0].Subject.Start.Column != 24 || !strings.Contains(ds[0].Detail, "--max-string-length") {
		t.Errorf("want one error at main.json:2:24 (concat), got %v", ds)
	}
	if s := rs["Microsoft.Network/privateDnsZones/z"].Body["properties"].(map[string]graph.Value)["s"]; !graph.IsUnknown(s) {
		t.Errorf("the value is %v, want unknown", s)
	}
}

// TestReadFile: the files are read with Options.ReadFile when it is set.
func TestReadFile(t *testing.T) {
	root := t.TempDir()
	paths := writeTree(t, root, map[string]string{"main.json": `{}`})
	given := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "given", "location": "westeurope"}]}`
	rs, ds := Parse(root, paths, Options{ReadFile: func(string) ([]byte, error) { return []byte(given), nil }})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if len(rs) != 1 || !strings.Contains(rs[0].Address, "given") {
		t.Errorf("resources %+v, want the VNet read with ReadFile", rs)
	}
}

// TestUnreadableFileReportedOnce: a file that cannot be read is reported
// once, and the others are still read.
func TestUnreadableFileReportedOnce(t *testing.T) {
	root := t.TempDir()
	good := `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "good", "location": "westeurope"}]}`
	paths := writeTree(t, root, map[string]string{"a.json": good, "b.json": good})
	rs, ds := Parse(root, paths, Options{ReadFile: func(path string) ([]byte, error) {
		if filepath.Base(path) == "a.json" {
			return nil, os.ErrPermission
		}
		return os.ReadFile(path)
	}})
	var cannot []string
	for _, d := range ds {
		if d.Summary == "Cannot read file" {
			cannot = append(cannot, d.Subject.File)
		}
	}
	if !slices.Equal(cannot, []string{"a.json"}) {
		t.Errorf("Cannot read file reported for %v, want [a.json] once; diagnostics: %v", cannot, ds)
	}
	if len(rs) != 1 {
		t.Errorf("%d resources, want the one of b.json", len(rs))
	}
}

// TestTemplatesDroppedOnceEvaluated: a template linked from two roots, and
// a template linked through an expression after its root dropped it, are
// each deployed from every root, and a problem in one is reported once.
func TestTemplatesDroppedOnceEvaluated(t *testing.T) {
	link := func(name, path string) string {
		return `{"type": "Microsoft.Resources/deployments", "name": "` + name + `", "apiVersion": "2022-09-01",
     "properties": {"templateLink": {"relativePath": ` + path + `}, "parameters": {"n": {"value": "` + name + `"}}}}`
	}
	module := func(typ string) string {
		return `{` + schema + `, "parameters": {"n": {"type": "string"}}, "resources": [
  {"type": "` + typ + `", "name": "[parameters('n')]", "name": "[parameters('n')]"}]}`
	}
	rs, ds := parse(t, map[string]string{
		"a.json":              `{` + schema + `, "resources": [` + link("a", `"modules/shared.json"`) + `, ` + link("a2", `"modules/own.json"`) + `]}`,
		"b.json":              `{` + schema + `, "resources": [` + link("b", `"modules/shared.json"`) + `, ` + link("b2", `"[concat('modules/', 'own.json')]"`) + `]}`,
		"a.parameters.json":   `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}`,
		"modules/shared.json": module("Microsoft.Network/virtualNetworks"),
		"modules/own.json":    module("Microsoft.Network/privateDnsZones"),
	}, Options{})
	want := []string{
		"Microsoft.Resources/deployments/a/Microsoft.Network/virtualNetworks/a",
		"Microsoft.Resources/deployments/a2/Microsoft.Network/privateDnsZones/a2",
		"Microsoft.Resources/deployments/b/Microsoft.Network/virtualNetworks/b",
		"Microsoft.Resources/deployments/b2/Microsoft.Network/privateDnsZones/b2",
	}
	if diff := cmp.Diff(want, addrs(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	dups := map[string]int{}
	for _, d := range ds {
		if d.Summary == "Duplicate property" {
			dups[d.Subject.File]++
		}
	}
	if diff := cmp.Diff(map[string]int{"modules/shared.json": 1, "modules/own.json": 1}, dups); diff != "" {
		t.Errorf("duplicate properties reported (-want +got):\n%s\nall: %v", diff, ds)
	}
}
