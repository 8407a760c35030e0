package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parseOK parses src and fails the test on any diagnostic.
func parseOK(t *testing.T, name, src string) *File {
	t.Helper()
	f, diags := Parse(name, []byte(src))
	for _, d := range diags {
		t.Errorf("unexpected diagnostic: %s", d.Error())
	}
	return f
}

func TestParseStatements(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"targetScope", "targetScope = 'subscription'", "targetScope = 'subscription'"},
		{"metadata", "metadata description = 'Hub network'", "metadata description = 'Hub network'"},
		{"param", "param location string = resourceGroup().location", "param location string = resourceGroup().location"},
		{"param without default", "param count int", "param count int"},
		{"param array type", "param names string[]", "param names string[]"},
		{"param nullable", "param tags object?", "param tags object?"},
		{"param union", "param sku 'Basic' | 'Standard' | 'Premium' = 'Premium'", "param sku ('Basic' | 'Standard' | 'Premium') = 'Premium'"},
		{
			"param union on following lines",
			"param mode\n  | 'Default'\n  | 'Copy'\nvar x = 1",
			"param mode ('Default' | 'Copy')\nvar x = 1",
		},
		{
			"param object type",
			"param subnet {\n  name: string\n  prefix?: string\n  'dash-ed': int?\n}",
			"param subnet {name: string, prefix?: string, 'dash-ed': int?}",
		},
		{"param inline object type with commas", "param p { a: string, b: int }", "param p {a: string, b: int}"},
		{"param resource input type", "param props resourceInput<'Microsoft.ContainerRegistry/registries@2023-07-01'>.properties", "param props resourceInput<'Microsoft.ContainerRegistry/registries@2023-07-01'>.properties"},
		{"param resource type", "param acr resource 'Microsoft.ContainerRegistry/registries@2023-07-01'", "param acr resource 'Microsoft.ContainerRegistry/registries@2023-07-01'"},
		{"param namespaced type", "param p sys.string", "param p sys.string"},
		{"var", "var name = 'acr${uniqueString(resourceGroup().id)}'", "var name = 'acr${uniqueString(resourceGroup().id)}'"},
		{"typed var", "var ports int[] = [80, 443]", "var ports int[] = [80, 443]"},
		{"output", "output id string = acr.id", "output id string = acr.id"},
		{"output resource", "output registry resource 'Microsoft.ContainerRegistry/registries@2023-07-01' = acr", "output registry resource 'Microsoft.ContainerRegistry/registries@2023-07-01' = acr"},
		{
			"resource",
			"resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: name\n  location: location\n  sku: {\n    name: 'Premium'\n  }\n}",
			"resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {name: name, location: location, sku: {name: 'Premium'}}",
		},
		{
			"existing resource",
			"resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' existing = {\n  name: 'hub'\n  scope: resourceGroup('net')\n}",
			"resource vnet 'Microsoft.Network/virtualNetworks@2023-05-01' existing = {name: 'hub', scope: resourceGroup('net')}",
		},
		{
			"conditional resource",
			"resource pe 'Microsoft.Network/privateEndpoints@2023-05-01' = if (usePrivateEndpoint) {\n  name: 'pe'\n}",
			"resource pe 'Microsoft.Network/privateEndpoints@2023-05-01' = if (usePrivateEndpoint) {name: 'pe'}",
		},
		{
			"conditional resource on the next line",
			"resource pe 'A/b@1' =\n  // why\n  if (x) {\n  name: 'pe'\n}",
			"resource pe 'A/b@1' = if (x) {name: 'pe'}",
		},
		{
			"resource loop with index",
			"resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (vnet, i) in vnets: {\n  parent: zone\n  name: 'link-${i}'\n}]",
			"resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (vnet, i) in vnets: {parent: zone, name: 'link-${i}'}]",
		},
		{
			"resource loop with filter",
			"resource r 'A/b@1' = [for x in xs: if (x.enabled) {\n  name: x.name\n}]",
			"resource r 'A/b@1' = [for x in xs: if (x.enabled) {name: x.name}]",
		},
		{
			"nested child resource",
			"resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr'\n  resource replica 'replications' = {\n    name: 'westus'\n    location: 'westus'\n  }\n  resource webhook 'webhooks@2023-07-01' existing = {\n    name: 'hook'\n  }\n}",
			"resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {name: 'acr', resource replica 'replications' = {name: 'westus', location: 'westus'}, resource webhook 'webhooks@2023-07-01' existing = {name: 'hook'}}",
		},
		{
			"decorated nested loop",
			"resource p 'A/b@1' = {\n  @batchSize(1)\n  resource c 'c' = [for x in xs: {\n    name: x\n  }]\n}",
			"resource p 'A/b@1' = {@batchSize(1) resource c 'c' = [for x in xs: {name: x}]}",
		},
		{
			"module",
			"module spoke './spoke.bicep' = {\n  name: 'spoke'\n  params: {\n    hubId: hub.id\n  }\n}",
			"module spoke './spoke.bicep' = {name: 'spoke', params: {hubId: hub.id}}",
		},
		{
			"registry module loop",
			"module pe 'br/public:avm/res/network/private-endpoint:0.7.0' = [for s in subnets: {\n  name: s\n}]",
			"module pe 'br/public:avm/res/network/private-endpoint:0.7.0' = [for s in subnets: {name: s}]",
		},
		{"conditional module", "module m 'm.bicep' = if (deploy) {\n  name: 'm'\n}", "module m 'm.bicep' = if (deploy) {name: 'm'}"},
		{"import list", "import {a, b as c} from 'lib.bicep'", "import {a, b as c} from 'lib.bicep'"},
		{
			"import list on lines",
			"import {\n  'not-an-identifier' as ok\n  other\n} from 'types.json'",
			"import {'not-an-identifier' as ok, other} from 'types.json'",
		},
		{"import wildcard", "import * as types from 'types.bicep'", "import * as types from 'types.bicep'"},
		{"import registry", "import {subnetType} from 'br/public:avm/utl/types/avm-common-types:0.5.1'", "import {subnetType} from 'br/public:avm/utl/types/avm-common-types:0.5.1'"},
		{"extension", "extension microsoftGraphV1", "extension microsoftGraphV1"},
		{"extension with config and alias", "extension 'br:mcr.microsoft.com/bicep/extensions/k8s:1.0' with {\n  namespace: 'default'\n} as k8s", "extension 'br:mcr.microsoft.com/bicep/extensions/k8s:1.0' with {namespace: 'default'} as k8s"},
		{"provider", "provider kubernetes with { kubeConfig: cfg } as k8s", "provider kubernetes with {kubeConfig: cfg} as k8s"},
		{"legacy provider import", "import 'az@1.0.0'", "import 'az@1.0.0'"},
		{"type", "type subnetType = {\n  name: string\n  @minLength(1)\n  prefixes: string[]\n}", "type subnetType = {name: string, @minLength(1) prefixes: string[]}"},
		{"type union starting with a bar", "type t =\n  | 'a'\n  | 'b'", "type t = ('a' | 'b')"},
		{"type tuple", "type pair = [\n  @description('first')\n  string\n  int\n]", "type pair = [@description('first') string, int]"},
		{"type additional properties", "type dict = {\n  *: string\n}", "type dict = {*: string}"},
		{"type access", "type t = other.prop[0][*].*", "type t = other.prop[0][*].*"},
		{"type literals", "type t = -1 | !true | null | 'x' | 2", "type t = (-1 | !true | null | 'x' | 2)"},
		{"type parenthesized", "type t = ('a' | 'b')[]?", "type t = ('a' | 'b')[]?"},
		{"type non-null", "type t = other!", "type t = other!"},
		{"type resource output", "type t = resourceOutput<'A/b@1'>.properties", "type t = resourceOutput<'A/b@1'>.properties"},
		{"func", "func subnetId(vnet string, name string) string => '${vnet}/subnets/${name}'", "func subnetId(vnet string, name string) string => '${vnet}/subnets/${name}'"},
		{"func with no parameters", "func zone() string => 'privatelink.azurecr.io'", "func zone() string => 'privatelink.azurecr.io'"},
		{"assert", "assert premium = sku == 'Premium'", "assert premium = (sku == 'Premium')"},
		{"test", "test t 'main.bicep' = {\n  params: {}\n}", "test t 'main.bicep' = {params: {}}"},
		{
			"decorators",
			"@description('The SKU')\n@sys.allowed([\n  'Basic'\n  'Premium'\n])\n@secure()\n@minLength(3)\nparam sku string",
			"@description('The SKU') @sys.allowed(['Basic', 'Premium']) @secure() @minLength(3) param sku string",
		},
		{"export decorator", "@export()\ntype t = string", "@export() type t = string"},
		{"batchSize", "@batchSize(2)\nresource r 'A/b@1' = [for x in xs: {\n  name: x\n}]", "@batchSize(2) resource r 'A/b@1' = [for x in xs: {name: x}]"},
		{"comments between statements", "// first\nvar a = 1 // trailing\n/* block */\nvar b = /* inline */ 2", "var a = 1\nvar b = 2"},
		{"directive", "#disable-next-line no-unused-vars\nvar a = 1", "var a = 1"},
		{"keyword as variable name", "var if = true\nvar type = if", "var if = true\nvar type = if"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := parseOK(t, "main.bicep", tt.src)
			if diff := cmp.Diff(tt.want+"\n", f.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseExpressions(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		// precedence and associativity
		{"1 + 2 * 3", "(1 + (2 * 3))"},
		{"1 - 2 - 3", "((1 - 2) - 3)"},
		{"a * b / c % d", "(((a * b) / c) % d)"},
		{"a + b < c + d", "((a + b) < (c + d))"},
		{"a < b == c > d", "((a < b) == (c > d))"},
		{"a == b && c != d", "((a == b) && (c != d))"},
		{"a =~ b || c !~ d", "((a =~ b) || (c !~ d))"},
		{"a && b || c && d", "((a && b) || (c && d))"},
		{"a || b ?? c || d", "((a || b) ?? (c || d))"},
		{"a ?? b ?? c", "((a ?? b) ?? c)"},
		{"a ?? b ? c : d", "((a ?? b) ? c : d)"},
		{"a ? b : c ? d : e", "(a ? b : (c ? d : e))"},
		{"a ? b ? c : d : e", "(a ? (b ? c : d) : e)"},
		{"!a && -b < -c", "(!a && (-b < -c))"},
		{"!!a", "!!a"},
		{"-a.b", "-a.b"},
		{"(1 + 2) * 3", "((1 + 2) * 3)"},
		{"a + b\n  ? c\n  : d", "((a + b) ? c : d)"},
		{"(a &&\n  b)", "(a && b)"},
		// postfix
		{"a.b.c", "a.b.c"},
		{"a.?b.?c", "a.?b.?c"},
		{"a[0][?'k'][^1]", "a[0][?'k'][^1]"},
		{"a!.b", "a!.b"},
		{"vnet::subnet.id", "vnet::subnet.id"},
		{"hub::dns::records", "hub::dns::records"},
		{"f()", "f()"},
		{"f(1, 'a', [])", "f(1, 'a', [])"},
		{"sys.concat('a', 'b')", "sys.concat('a', 'b')"},
		{"az.resourceGroup().location", "az.resourceGroup().location"},
		{"kv.getSecret('pw')", "kv.getSecret('pw')"},
		{"acr.listCredentials().passwords[0].value", "acr.listCredentials().passwords[0].value"},
		{"f(\n  1,\n  2\n)", "f(1, 2)"},
		{"a.properties.?subnets[?0].?id ?? ''", "(a.properties.?subnets[?0].?id ?? '')"},
		// literals
		{"true", "true"},
		{"null", "null"},
		{"'a\\'b'", "'a\\'b'"},
		{"'''\nraw ${x}\n'''", "'''raw ${x}\n'''"},
		{"$'''\n${x}\n'''", "$'''${x}\n'''"},
		{"'${a}${b}'", "'${a}${b}'"},
		{"'${'${'${x}'}'}'", "'${'${'${x}'}'}'"},
		// arrays and objects, both separator styles
		{"[]", "[]"},
		{"[1, 2, 3]", "[1, 2, 3]"},
		{"[1, 2, 3,]", "[1, 2, 3]"},
		{"[\n  1\n  2\n]", "[1, 2]"},
		{"[\n  1,\n  2,\n]", "[1, 2]"},
		{"['a', 'b'\n'c', 'd'\n'e']", "['a', 'b', 'c', 'd', 'e']"},
		{"[ /* c */ 1, /*\n*/ 2 ]", "[1, 2]"},
		{"{}", "{}"},
		{"{ a: 1, b: 2 }", "{a: 1, b: 2}"},
		{"{ a: 1, b: 2, }", "{a: 1, b: 2}"},
		{"{\n  a: 1\n\n  b: 2\n}", "{a: 1, b: 2}"},
		{"{ a: 1\n  b: { c: [1\n 2] }, d: 3 }", "{a: 1, b: {c: [1, 2]}, d: 3}"},
		{"{\n  'Microsoft.Storage': 1\n  '${prefix}-name': 2\n  type: 3\n  resource: 4\n  if: 5\n}", "{'Microsoft.Storage': 1, '${prefix}-name': 2, type: 3, resource: 4, if: 5}"},
		// spread
		{"[...a, 1, ...b]", "[...a, 1, ...b]"},
		{"{\n  ...defaults\n  name: 'x'\n}", "{...defaults, name: 'x'}"},
		// for expressions
		{"[for x in xs: x.id]", "[for x in xs: x.id]"},
		{"[for (x, i) in range(0, 3): '${i}']", "[for (x, i) in range(0, 3): '${i}']"},
		{"[for x in xs: if (x != null) {\n  id: x\n}]", "[for x in xs: if ((x != null)) {id: x}]"},
		{"[\n  for x in xs: {\n    name: x\n  }\n]", "[for x in xs: {name: x}]"},
		{"[for x in items(obj): {\n  k: x.key\n}]", "[for x in items(obj): {k: x.key}]"},
		// lambdas
		{"map(xs, x => x.name)", "map(xs, x => x.name)"},
		{"filter(xs, (x, i) => i > 0)", "filter(xs, (x, i) => (i > 0))"},
		{"sort(xs, (a, b) => a < b)", "sort(xs, (a, b) => (a < b))"},
		{"reduce(xs, {}, (cur, next) => union(cur, next))", "reduce(xs, {}, (cur, next) => union(cur, next))"},
		{"toObject(xs, x => x.name, x => x)", "toObject(xs, x => x.name, x => x)"},
		{"map(xs, () => 1)", "map(xs, () => 1)"},
		{"map(xs, x => y => x + y)", "map(xs, x => y => (x + y))"},
		{"map(xs, x => {\n  n: x\n})", "map(xs, x => {n: x})"},
		{"(a)", "(a)"},
		{"(a, b)", "<bad>"}, // not a lambda without =>
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f, diags := Parse("e.bicep", []byte("var v = "+tt.src))
			if tt.want != "<bad>" {
				for _, d := range diags {
					t.Errorf("unexpected diagnostic: %s", d.Error())
				}
			} else if len(diags) == 0 {
				t.Errorf("expected a diagnostic")
			}
			if len(f.Statements) != 1 {
				t.Fatalf("%d statements", len(f.Statements))
			}
			got := Format(f.Statements[0].(*VarDecl).Value)
			if tt.want == "<bad>" {
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseStringValues(t *testing.T) {
	f := parseOK(t, "s.bicep", `var a = 'x\u{2603}\n${y}\$'`+"\nvar b = '''\nl1\n  l2'''")
	s := f.Statements[0].(*VarDecl).Value.(*InterpString)
	if diff := cmp.Diff([]string{"x☃\n", "$"}, s.Literals); diff != "" {
		t.Errorf("literals (-want +got):\n%s", diff)
	}
	if r, ok := s.Exprs[0].(*Ref); !ok || r.Name != "y" {
		t.Errorf("interpolated expression %s", Format(s.Exprs[0]))
	}
	m := f.Statements[1].(*VarDecl).Value.(*StringLit)
	if m.Value != "l1\n  l2" || !m.Multiline {
		t.Errorf("multi-line value %q", m.Value)
	}
}

func TestParseParamsFile(t *testing.T) {
	src := `using './main.bicep'

import { defaults } from 'shared.bicep'

param location = 'westeurope'
param registry = {
  name: 'acrhub${suffix}'
  sku: 'Premium'
}
param subnets = [
  'pe'
  'aks'
]
param secret = az.getSecret('sub', 'rg', 'kv', 'pw')
var suffix = readEnvironmentVariable('SUFFIX', 'dev')
extensionConfig k8s with {
  namespace: 'apps'
}
`
	f := parseOK(t, "main.bicepparam", src)
	if !f.Params {
		t.Error("not recognised as a parameters file")
	}
	want := `using './main.bicep'
import {defaults} from 'shared.bicep'
param location = 'westeurope'
param registry = {name: 'acrhub${suffix}', sku: 'Premium'}
param subnets = ['pe', 'aks']
param secret = az.getSecret('sub', 'rg', 'kv', 'pw')
var suffix = readEnvironmentVariable('SUFFIX', 'dev')
extensionConfig k8s with {namespace: 'apps'}
`
	if diff := cmp.Diff(want, f.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for src, want := range map[string]string{
		"using none": "using none",
		"using 'main.bicep' with {\n  mode: 'stack'\n}": "using 'main.bicep' with {mode: 'stack'}",
		"extends 'base.bicepparam'":                     "extends 'base.bicepparam'",
	} {
		f := parseOK(t, "x.bicepparam", src)
		if got := strings.TrimSpace(f.String()); got != want {
			t.Errorf("%q printed as %q", src, got)
		}
	}
	// A type is an error in a parameters file, and a missing one in a
	// template.
	_, diags := Parse("x.bicepparam", []byte("param a string = 'x'"))
	if len(diags) != 1 || diags[0].Detail != `Expected '=' after the parameter name, found identifier "string".` {
		t.Errorf("params file with a type: %v", diags)
	}
	_, diags = Parse("x.bicep", []byte("param a = 'x'"))
	if len(diags) != 1 || diags[0].Detail != `Expected a parameter type after the parameter name, found '='.` {
		t.Errorf("template without a type: %v", diags)
	}
}

func TestParseRanges(t *testing.T) {
	src := "@description('d')\nresource acr 'A/b@1' = {\n  name: 'x'\n  resource child 'c' = {\n    name: 'y'\n  }\n}\nvar v = a.b"
	f := parseOK(t, "r.bicep", src)
	r := f.Statements[0].(*ResourceDecl)
	check := func(what string, got Range, from, to string) {
		t.Helper()
		want := fmt.Sprintf("%s-%s", from, to)
		if got.String() != want {
			t.Errorf("%s: range %s, want %s", what, got, want)
		}
		if src[got.Start.Offset:got.End.Offset] == "" {
			t.Errorf("%s: empty range", what)
		}
	}
	check("resource", r.Range(), "2:1", "7:2")
	check("decorator", r.Decorators[0].Range(), "1:1", "1:18")
	check("name", r.Name.Range(), "2:10", "2:13")
	check("type", r.Type.Range(), "2:14", "2:21")
	body := r.Body.(*ObjectExpr)
	check("body", body.Range(), "2:24", "7:2")
	check("property", body.Items[0].Range(), "3:3", "3:12")
	child := body.Items[1].(*ResourceDecl)
	check("child", child.Range(), "4:3", "6:4")
	v := f.Statements[1].(*VarDecl)
	check("member", v.Value.Range(), "8:9", "8:12")
	check("member name", v.Value.(*MemberExpr).Name.Range(), "8:11", "8:12")
	check("file", f.Range(), "1:1", "8:12")
}

func TestInspect(t *testing.T) {
	f := parseOK(t, "w.bicep", "var a = [for x in xs: x.id]\nresource r 'A/b@1' = {\n  name: f(a, b)\n}")
	var refs []string
	Inspect(f, func(n Node) bool {
		if r, ok := n.(*Ref); ok {
			refs = append(refs, r.Name)
		}
		return true
	})
	if diff := cmp.Diff([]string{"xs", "x", "a", "b"}, refs); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	n := 0
	Inspect(f, func(n2 Node) bool {
		n++
		_, isVar := n2.(*VarDecl)
		return !isVar
	})
	if n < 5 {
		t.Errorf("visited %d nodes", n)
	}
}

func TestHelpers(t *testing.T) {
	f := parseOK(t, "h.bicep", "// keep me\n@sys.description('d')\n#disable-next-line x\nvar o = {\n  a: 1\n  'b-c': 2\n  '${d}': 3\n}")
	v := f.Statements[0].(*VarDecl)
	if got := v.Decorators[0].Name(); got != "description" {
		t.Errorf("decorator name %q", got)
	}
	var keys []string
	for _, it := range v.Value.(*ObjectExpr).Items {
		k, ok := it.(*ObjectProperty).KeyName()
		keys = append(keys, fmt.Sprintf("%s/%v", k, ok))
	}
	if diff := cmp.Diff([]string{"a/true", "b-c/true", "/false"}, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
	var comments []string
	for _, c := range f.Comments {
		comments = append(comments, fmt.Sprintf("%s %s %v", c.Range.Start, c.Text, c.Directive))
	}
	if diff := cmp.Diff([]string{"1:1 // keep me false", "3:1 #disable-next-line x true"}, comments); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}
}
