package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
)

// write creates files (path -> content) under a new directory and returns
// it with the list of Terraform files.
func write(t *testing.T, files map[string]string) (string, []string) {
	t.Helper()
	root := t.TempDir()
	var tf []string
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if IsFile(p) && !strings.Contains(name, ".terraform/") {
			tf = append(tf, p)
		}
	}
	slices.Sort(tf)
	return root, tf
}

func parse(t *testing.T, files map[string]string, opts Options) (map[string]graph.Resource, diag.Diagnostics) {
	t.Helper()
	root, tf := write(t, files)
	for i, f := range opts.VarFiles {
		opts.VarFiles[i] = filepath.Join(root, f)
	}
	rs, ds := Parse(root, tf, opts)
	out := map[string]graph.Resource{}
	for _, r := range rs {
		if _, dup := out[r.Address]; dup {
			t.Fatalf("address %s emitted twice", r.Address)
		}
		out[r.Address] = r
	}
	return out, ds
}

func body(t *testing.T, rs map[string]graph.Resource, addr string) map[string]graph.Value {
	t.Helper()
	r, ok := rs[addr]
	if !ok {
		var have []string
		for a := range rs {
			have = append(have, a)
		}
		slices.Sort(have)
		t.Fatalf("no resource %s; have %v", addr, have)
	}
	return r.Body
}

func TestVariablePrecedence(t *testing.T) {
	files := map[string]string{
		"main.tf": `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "n" { type = number }
resource "azurerm_container_registry" "r" {
  name = join("-", [var.a, var.b, var.c, var.d, var.e])
  sku  = var.n + 1
}`,
		"terraform.tfvars":     `b = "tfvars"` + "\n" + `c = "tfvars"` + "\n" + `d = "tfvars"` + "\n" + `e = "tfvars"`,
		"x.auto.tfvars":        `c = "auto"` + "\n" + `d = "auto"` + "\n" + `e = "auto"`,
		"extra/my.tfvars":      `d = "varfile"` + "\n" + `e = "varfile"`,
		"extra/unrelated.json": `{}`,
	}
	rs, ds := parse(t, files, Options{VarFiles: []string{"extra/my.tfvars"}, Vars: map[string]string{"e": "cli", "n": "41"}})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	b := body(t, rs, "azurerm_container_registry.r")
	if diff := cmp.Diff("default-tfvars-auto-varfile-cli", b["name"]); diff != "" {
		t.Errorf("name (-want +got):\n%s", diff)
	}
	if b["sku"] != 42.0 {
		t.Errorf("-var n=41 should be a number: sku = %v", b["sku"])
	}
}

func TestMissingVariableIsUnknownWithNote(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
variable "name" { type = string }
resource "azurerm_container_registry" "r" { name = var.name }`}, Options{})
	if _, ok := body(t, rs, "azurerm_container_registry.r")["name"].(graph.Unknown); !ok {
		t.Errorf("name should be unknown, got %#v", rs["azurerm_container_registry.r"].Body["name"])
	}
	if len(ds) != 1 || ds[0].Severity != diag.Note || ds[0].Subject.Start.Line != 2 || !strings.Contains(ds[0].Detail, "--var name=") {
		t.Errorf("want one note on line 2 telling how to set the variable, got %v", ds)
	}
}

func TestCountAndForEach(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
locals {
  zones = { web = "privatelink.azurewebsites.net", acr = "privatelink.azurecr.io" }
}
resource "azurerm_private_dns_zone" "z" {
  for_each = local.zones
  name     = each.value
  tags     = { key = each.key }
}
resource "azurerm_subnet" "s" {
  count            = 2
  name             = "snet-${count.index}"
  address_prefixes = [cidrsubnet("10.0.0.0/16", 8, count.index)]
}
resource "azurerm_private_dns_zone" "set" {
  for_each = toset(["b", "a"])
  name     = each.key
}
resource "azurerm_subnet" "none" {
  count = 0
  name  = "never"
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	var addrs []string
	for a := range rs {
		addrs = append(addrs, a)
	}
	slices.Sort(addrs)
	want := []string{
		`azurerm_private_dns_zone.set["a"]`, `azurerm_private_dns_zone.set["b"]`,
		`azurerm_private_dns_zone.z["acr"]`, `azurerm_private_dns_zone.z["web"]`,
		`azurerm_subnet.s[0]`, `azurerm_subnet.s[1]`,
	}
	if diff := cmp.Diff(want, addrs); diff != "" {
		t.Fatalf("addresses (-want +got):\n%s", diff)
	}
	if got := body(t, rs, `azurerm_private_dns_zone.z["acr"]`)["name"]; got != "privatelink.azurecr.io" {
		t.Errorf("each.value: %v", got)
	}
	if diff := cmp.Diff([]graph.Value{"10.0.1.0/24"}, body(t, rs, `azurerm_subnet.s[1]`)["address_prefixes"]); diff != "" {
		t.Errorf("count.index with cidrsubnet (-want +got):\n%s", diff)
	}
}

func TestUnknownForEachIsNotGuessed(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
resource "azurerm_virtual_network" "v" { name = "v" }
resource "azurerm_subnet" "s" {
  for_each = azurerm_virtual_network.v.guid
  name     = each.key
}`}, Options{})
	for a, r := range rs {
		if strings.HasPrefix(a, "azurerm_subnet.s") && (a != "azurerm_subnet.s[*]" || !r.Unexpanded) {
			t.Errorf("instance %s made up from an unknown for_each", a)
		}
	}
	if _, ok := rs["azurerm_subnet.s[*]"].Body["name"].(graph.Unknown); !ok {
		t.Errorf("the stand-in instance must have each.key unknown: %#v", rs["azurerm_subnet.s[*]"].Body)
	}
	if len(ds) != 1 || ds[0].Severity != diag.Note || !strings.Contains(ds[0].Detail, "for_each") {
		t.Errorf("want a note about the unknown for_each, got %v", ds)
	}
}

func TestDynamicBlocksAndLines(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `resource "azurerm_container_registry" "r" {
  name = "r"
  dynamic "georeplications" {
    for_each = ["northeurope", "eastus"]
    iterator = loc
    content {
      location = loc.value
    }
  }
  network_rule_set {
    default_action = "Deny"
  }
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	r := rs["azurerm_container_registry.r"]
	want := []graph.Value{
		map[string]graph.Value{"location": "northeurope"},
		map[string]graph.Value{"location": "eastus"},
	}
	if diff := cmp.Diff(want, r.Body["georeplications"]); diff != "" {
		t.Errorf("dynamic blocks (-want +got):\n%s", diff)
	}
	for path, line := range map[string]int{"name": 2, "georeplications[1].location": 7, "network_rule_set[0].default_action": 11, "network_rule_set[0]": 10} {
		if got := r.Line(path).Line; got != line {
			t.Errorf("line of %s = %d, want %d", path, got, line)
		}
	}
	if r.Range.Start.Line != 1 || r.Range.End.Line != 13 {
		t.Errorf("range %v", r.Range)
	}
}

func TestReferencesSurvive(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
resource "azurerm_firewall" "fw" {
  name = "fw"
  ip_configuration {
    name = "config"
  }
}
resource "azurerm_container_registry" "acr" { name = "acr1" }
resource "azurerm_route_table" "rt" {
  name    = "rt"
  hop     = azurerm_firewall.fw.ip_configuration[0].private_ip_address
  target  = azurerm_container_registry.acr.id
  rname   = azurerm_container_registry.acr.name
  derived = "${azurerm_container_registry.acr.name}.azurecr.io"
  ids     = [for k in ["x"] : azurerm_container_registry.acr.id]
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	b := body(t, rs, "azurerm_route_table.rt")
	if diff := cmp.Diff(graph.Unknown{Refs: []graph.Ref{{Address: "azurerm_firewall.fw", Attr: "ip_configuration[0].private_ip_address"}}}, b["hop"]); diff != "" {
		t.Errorf("firewall private IP (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(graph.Unknown{Refs: []graph.Ref{{Address: "azurerm_container_registry.acr", Attr: "id"}}}, b["target"]); diff != "" {
		t.Errorf("registry id (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(graph.Known{Value: "acr1", Refs: []graph.Ref{{Address: "azurerm_container_registry.acr", Attr: "name"}}}, b["rname"]); diff != "" {
		t.Errorf("registry name (-want +got):\n%s", diff)
	}
	if got := graph.Strip(b["derived"]); got != "acr1.azurecr.io" {
		t.Errorf("derived = %v", got)
	}
	if l, ok := b["ids"].([]graph.Value); !ok || len(l) != 1 || len(graph.RefsOf(l[0])) != 1 {
		t.Errorf("reference through a for expression lost: %#v", b["ids"])
	}
}

func TestLocalModules(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"main.tf": `
module "net" {
  source   = "./modules/net"
  for_each = { hub = "10.0.0.0/16" }
  name     = each.key
  cidr     = each.value
}
resource "azurerm_private_endpoint" "pe" {
  name      = "pe"
  subnet_id = module.net["hub"].subnet_id
}`,
		"modules/net/main.tf": `
variable "name" { type = string }
variable "cidr" { type = string }
module "subnet" {
  source = "../subnet"
  vnet   = azurerm_virtual_network.v.name
  prefix = cidrsubnet(var.cidr, 8, 3)
}
resource "azurerm_virtual_network" "v" {
  name          = "vnet-${var.name}"
  address_space = [var.cidr]
}
output "subnet_id" { value = module.subnet.id }`,
		"modules/subnet/main.tf": `
variable "vnet" { type = string }
variable "prefix" { type = string }
resource "azurerm_subnet" "s" {
  name                 = "endpoints"
  virtual_network_name = var.vnet
  address_prefixes     = [var.prefix]
}
output "id" { value = azurerm_subnet.s.id }`,
	}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	sub := rs[`module.net["hub"].module.subnet.azurerm_subnet.s`]
	if sub.Range.File != "modules/subnet/main.tf" {
		t.Errorf("subnet file %q", sub.Range.File)
	}
	if diff := cmp.Diff([]graph.Value{"10.0.3.0/24"}, sub.Body["address_prefixes"]); diff != "" {
		t.Errorf("nested module input (-want +got):\n%s", diff)
	}
	wantVNet := graph.Known{Value: "vnet-hub", Refs: []graph.Ref{{Address: `module.net["hub"].azurerm_virtual_network.v`, Attr: "name"}}}
	if diff := cmp.Diff(wantVNet, sub.Body["virtual_network_name"]); diff != "" {
		t.Errorf("reference passed into a module (-want +got):\n%s", diff)
	}
	wantSubnet := graph.Unknown{Refs: []graph.Ref{{Address: `module.net["hub"].module.subnet.azurerm_subnet.s`, Attr: "id"}}}
	if diff := cmp.Diff(wantSubnet, body(t, rs, "azurerm_private_endpoint.pe")["subnet_id"]); diff != "" {
		t.Errorf("reference out of a module (-want +got):\n%s", diff)
	}
}

func TestRemoteModules(t *testing.T) {
	files := map[string]string{
		"main.tf": `
module "acr" {
  source  = "Azure/avm-res-containerregistry-registry/azurerm"
  version = "0.4.0"
  name    = "fromroot"
}
module "missing" {
  source = "git::https://example.com/net.git"
}
resource "azurerm_private_endpoint" "pe" {
  name  = "pe"
  other = module.missing.id
}`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"acr","Source":"registry.terraform.io/Azure/avm-res-containerregistry-registry/azurerm","Version":"0.4.0","Dir":".terraform/modules/acr"}]}`,
		".terraform/modules/acr/main.tf": `
variable "name" { type = string }
resource "azurerm_container_registry" "this" {
  name = var.name
  sku  = "Premium"
}`,
	}
	rs, ds := parse(t, files, Options{})
	if got := body(t, rs, "module.acr.azurerm_container_registry.this")["name"]; got != "fromroot" {
		t.Errorf("installed module input: %v", got)
	}
	if got := rs["module.acr.azurerm_container_registry.this"].Range.File; got != ".terraform/modules/acr/main.tf" {
		t.Errorf("installed module file: %s", got)
	}
	if _, ok := body(t, rs, "azurerm_private_endpoint.pe")["other"].(graph.Unknown); !ok {
		t.Errorf("output of a missing module must be unknown")
	}
	if len(ds) != 1 || ds[0].Subject.Start.Line != 7 || !strings.Contains(ds[0].Detail, `module "missing"`) || !strings.Contains(ds[0].Detail, "terraform init") {
		t.Errorf("want one diagnostic naming the missing module on line 7, got %v", ds)
	}
}

func TestSyntaxErrorDoesNotStopOtherFiles(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"bad.tf":  "resource \"azurerm_subnet\" \"s\" {\n  name = \"unterminated\n}\n",
		"good.tf": `resource "azurerm_container_registry" "r" { name = "ok" }`,
	}, Options{})
	if _, ok := rs["azurerm_container_registry.r"]; !ok {
		t.Error("the good file was not evaluated")
	}
	if !ds.HasErrors() {
		t.Fatal("want an error diagnostic")
	}
	d := ds[0]
	if d.Subject.File != "bad.tf" || d.Subject.Start.Line != 2 || d.Subject.Start.Column == 0 {
		t.Errorf("diagnostic not located: %+v", d)
	}
}

func TestFunctions(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
locals {
  cfg = { sku = "Premium" }
}
resource "azurerm_container_registry" "r" {
  name      = format("%s%03d", lower("ACR"), 7)
  sku       = lookup(local.cfg, "sku", "Basic")
  fallback  = try(local.cfg.missing, "fallback")
  ok        = can(local.cfg.sku)
  merged    = merge({ a = 1 }, { b = 2 })
  joined    = join(",", flatten([["a"], ["b", "c"]]))
  host      = cidrhost("10.0.1.0/24", 4)
  len       = length("abcd")
  replaced  = replace("a-b-c", "/-/", "")
  encoded   = base64encode("acr")
  pfunc     = provider::azurerm::normalise_resource_id("/x")
  now       = timestamp()
  file      = file("../../etc/passwd")
}`}, Options{})
	b := body(t, rs, "azurerm_container_registry.r")
	want := map[string]graph.Value{
		"name": "acr007", "sku": "Premium", "fallback": "fallback", "ok": true,
		"merged": map[string]graph.Value{"a": 1.0, "b": 2.0}, "joined": "a,b,c",
		"host": "10.0.1.4", "len": 4.0, "replaced": "abc", "encoded": "YWNy",
	}
	for k, v := range want {
		if diff := cmp.Diff(v, b[k]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", k, diff)
		}
	}
	for _, k := range []string{"pfunc", "now", "file"} {
		if _, ok := b[k].(graph.Unknown); !ok {
			t.Errorf("%s should be unknown, got %#v", k, b[k])
		}
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Detail, "outside the scanned directory") {
		t.Errorf("want one diagnostic for the file outside the root, got %v", ds)
	}
}

func TestCycleInLocals(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.a
}
resource "azurerm_container_registry" "r" { name = local.a }`}, Options{})
	if _, ok := body(t, rs, "azurerm_container_registry.r")["name"].(graph.Unknown); !ok {
		t.Error("a value in a cycle must be unknown")
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Detail, "local.a, local.b") {
		t.Errorf("want the cycle named, got %v", ds)
	}
}

func TestModuleCycle(t *testing.T) {
	_, ds := parse(t, map[string]string{
		"main.tf":     `module "a" { source = "./a" }`,
		"a/main.tf":   `module "again" { source = "../b" }`,
		"b/main.tf":   `module "loop" { source = "../a" }`,
		"b/other.tf":  `resource "azurerm_subnet" "s" { name = "s" }`,
		"c/unused.tf": `resource "azurerm_subnet" "c" { name = "c" }`,
	}, Options{})
	found := false
	for _, d := range ds {
		if d.Summary == "Module cycle" && strings.Contains(d.Detail, "a -> b -> a") {
			found = true
		}
	}
	if !found {
		t.Errorf("want a module cycle error naming a -> b -> a, got %v", ds)
	}
}

func TestJSONConfiguration(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf.json": `{
  "variable": {"sku": {"default": "Premium"}},
  "resource": {
    "azurerm_container_registry": {
      "r": {
        "name": "jsonacr",
        "sku": "${var.sku}",
        "network_rule_set": {"default_action": "Deny"}
      }
    }
  }
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	r := rs["azurerm_container_registry.r"]
	if r.Body["sku"] != "Premium" {
		t.Errorf("sku = %v", r.Body["sku"])
	}
	if got := r.Line("sku").Line; got != 7 {
		t.Errorf("line of sku = %d, want 7", got)
	}
}

func TestAttributesReadFromExpressions(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"main.tf": `
data "azapi_client_config" "c" {
  count = 1
}
resource "azurerm_subnet" "s" {
  count = 2
  name  = "s${count.index}"
}
module "m" {
  source = "./m"
  tokens = null
}
resource "azurerm_private_endpoint" "pe" {
  name      = "pe"
  tenant    = one(data.azapi_client_config.c).tenant_id
  subnet_id = element(azurerm_subnet.s[*].id, 1)
  count_of  = module.m.count
}`,
		"m/main.tf": `
variable "tokens" {
  type     = map(string)
  default  = { a = "x" }
  nullable = false
}
output "count" { value = length(var.tokens) }`,
	}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	b := body(t, rs, "azurerm_private_endpoint.pe")
	if diff := cmp.Diff(graph.Unknown{Refs: []graph.Ref{{Address: "data.azapi_client_config.c[0]", Attr: "tenant_id"}}}, b["tenant"]); diff != "" {
		t.Errorf("attribute of a function result (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(graph.Unknown{Refs: []graph.Ref{{Address: "azurerm_subnet.s[1]", Attr: "id"}}}, b["subnet_id"]); diff != "" {
		t.Errorf("splat (-want +got):\n%s", diff)
	}
	if b["count_of"] != 1.0 {
		t.Errorf("a null input to a non-nullable variable takes its default: %v", b["count_of"])
	}
}

func TestForEachValuesKeepReferences(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
resource "azurerm_virtual_network" "v" { name = "v" }
resource "azurerm_private_dns_zone_virtual_network_link" "l" {
  for_each           = { hub = azurerm_virtual_network.v.id }
  name               = each.key
  virtual_network_id = each.value
}
resource "azurerm_subnet" "s" {
  for_each = toset([azurerm_virtual_network.v.name])
  name     = each.key
}`}, Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	want := graph.Unknown{Refs: []graph.Ref{{Address: "azurerm_virtual_network.v", Attr: "id"}}}
	if diff := cmp.Diff(want, body(t, rs, `azurerm_private_dns_zone_virtual_network_link.l["hub"]`)["virtual_network_id"]); diff != "" {
		t.Errorf("each.value (-want +got):\n%s", diff)
	}
	if _, ok := rs[`azurerm_subnet.s["v"]`]; !ok {
		t.Error("a set of referenced names expands by their values")
	}
}

func TestInstanceLimits(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `
resource "azurerm_subnet" "many" {
  count = 100000
  name  = "s${count.index}"
}
resource "azurerm_subnet" "nested" {
  for_each = toset([for i in range(0, 1000) : tostring(i)])
  name     = each.key
}
resource "azurerm_subnet" "ok" {
  count = 3
  name  = "ok${count.index}"
}`}, Options{MaxInstances: 100, MaxTotalInstances: 150})
	for a, r := range rs {
		if !r.Unexpanded && (strings.HasPrefix(a, "azurerm_subnet.many[") || strings.HasPrefix(a, "azurerm_subnet.nested[")) {
			t.Fatalf("instances past the limit were expanded: %s", a)
		}
	}
	if _, ok := rs["azurerm_subnet.ok[2]"]; !ok {
		t.Error("resources within the limits are expanded")
	}
	var lines []int
	for _, d := range ds {
		if d.Summary == "Too many instances" && strings.Contains(d.Detail, "--max-instances") {
			lines = append(lines, d.Subject.Start.Line)
		}
	}
	if !slices.Equal(lines, []int{3, 7}) {
		t.Errorf("want a limit diagnostic on the count and the for_each, got %v", ds)
	}
}

func TestNestingLimit(t *testing.T) {
	deep := "locals {\n  x = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n}\n"
	rs, ds := parse(t, map[string]string{
		"deep.tf": deep,
		"ok.tf":   `resource "azurerm_subnet" "s" { name = "s" }`,
	}, Options{})
	if _, ok := rs["azurerm_subnet.s"]; !ok {
		t.Error("the other file must still be read")
	}
	if len(ds) != 1 || ds[0].Summary != "Nesting too deep" || ds[0].Subject.File != "deep.tf" || ds[0].Subject.Start.Line != 2 {
		t.Errorf("want one nesting diagnostic on deep.tf:2, got %v", ds)
	}
}

// TestReadFile: the files are read with Options.ReadFile when it is set.
func TestReadFile(t *testing.T) {
	root, tf := write(t, map[string]string{"main.tf": `resource "azurerm_resource_group" "disk" {}`})
	var asked []string
	rs, ds := Parse(root, tf, Options{ReadFile: func(path string) ([]byte, error) {
		asked = append(asked, path)
		return []byte(`resource "azurerm_resource_group" "given" {}`), nil
	}})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if len(rs) != 1 || rs[0].Address != "azurerm_resource_group.given" {
		t.Errorf("resources %+v, want azurerm_resource_group.given alone, from ReadFile", rs)
	}
	if len(asked) == 0 || !slices.Equal(slices.Compact(asked), tf) {
		t.Errorf("ReadFile was asked for %v, want %v", asked, tf)
	}
}
