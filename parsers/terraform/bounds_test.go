package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"
)

// Each case is a small configuration that, unbounded, would build gigabytes
// or loop for hours. It must finish quickly, with one located error naming
// the limit, and the registry beside it must still be read.
func TestSizeLimits(t *testing.T) {
	doubling := func(n int) string {
		var b strings.Builder
		b.WriteString("locals {\n  a0 = \"xxxxxxxxxxxxxxxx\"\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "  a%d = \"${local.a%d}${local.a%d}\"\n", i, i-1, i-1)
		}
		b.WriteString("}\n")
		return b.String()
	}
	cases := map[string]struct {
		src     string
		line    int
		summary string
		flag    string
	}{
		// 16 characters doubled 40 times: 16 TiB.
		"locals doubling a string": {doubling(40), 19, "Expression too large", "--max-string-length"},
		// 2^30 iterations.
		"nested for over range": {`locals {
  x = [for i in range(0, 1024) : [for j in range(0, 1024) : [for k in range(0, 1024) : k]]]
}
`, 2, "Expression too large", "--max-instances"},
		// 1024 copies of a 1 MiB string.
		"join of a large string": {`locals {
  s = join("", [for i in range(0, 1024) : "x"])
  t = join("", [for i in range(0, 1024) : local.s])
  u = join("", [for i in range(0, 1024) : local.t])
}
`, 3, "Error in function call", "--max-string-length"},
		"format width":           {"locals {\n  x = format(\"%999999999d\", 1)\n}\n", 2, "Error in function call", "--max-string-length"},
		"indent":                 {"locals {\n  x = indent(999999999, \"a\\nb\")\n}\n", 2, "Error in function call", "--max-string-length"},
		"setproduct":             {"locals {\n  x = setproduct(range(0, 1024), range(0, 1024), range(0, 1024))\n}\n", 2, "Error in function call", "--max-string-length"},
		"replace growth":         {"locals {\n  s = join(\"\", [for i in range(0, 1024) : \"xy\"])\n  t = replace(local.s, \"x\", local.s)\n}\n", 3, "Error in function call", "--max-string-length"},
		"template of many parts": {"locals {\n  s = join(\"\", [for i in range(0, 1000) : \"xxxxxxxxxx\"])\n  t = \"" + strings.Repeat("${local.s}", 200) + "\"\n}\n", 3, "Expression too large", "--max-string-length"},
		"list of a large list": {`locals {
  a = [for i in range(0, 1024) : i]
  b = [for i in range(0, 1024) : local.a]
  c = [for i in range(0, 1024) : local.b]
}
`, 3, "Value too large", "--max-string-length"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			rs, ds := parse(t, map[string]string{"main.tf": c.src, "acr.tf": `resource "azurerm_container_registry" "acr" {
  name = "acr1"
  sku  = "Premium"
}
`}, Options{})
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if _, ok := rs["azurerm_container_registry.acr"]; !ok {
				t.Error("the registry beside it must still be read")
			}
			var found bool
			for _, d := range ds {
				if d.Subject.File == "main.tf" && d.Subject.Start.Line == c.line && d.Summary == c.summary && strings.Contains(d.Detail, c.flag) {
					found = true
				}
			}
			if !found {
				t.Errorf("want %q on main.tf:%d naming %s, got %v", c.summary, c.line, c.flag, ds)
			}
		})
	}
}

// A value within the limit is kept whole, and the limit can be raised.
func TestSizeLimitOption(t *testing.T) {
	src := map[string]string{"main.tf": `locals {
  s = join("", [for i in range(0, 1000) : "x"])
  t = "${local.s}${local.s}"
}
resource "azurerm_container_registry" "acr" {
  name = local.t
}
`}
	rs, ds := parse(t, src, Options{})
	if got := body(t, rs, "azurerm_container_registry.acr")["name"]; got != strings.Repeat("x", 2000) {
		t.Errorf("name = %v, %v", got, ds)
	}
	rs, ds = parse(t, src, Options{MaxStringLength: 1500})
	if got := body(t, rs, "azurerm_container_registry.acr")["name"]; got == strings.Repeat("x", 2000) {
		t.Errorf("a 2000-character name passed a limit of 1500: %v", ds)
	}
}

// Two modules that call each other, with no root module above them, are
// reported as a cycle instead of being skipped.
func TestModuleCycleWithoutRoot(t *testing.T) {
	_, ds := parse(t, map[string]string{
		"a/main.tf": "module \"b\" {\n  source = \"../b\"\n}\n",
		"b/main.tf": "module \"a\" {\n  source = \"../a\"\n}\n",
	}, Options{})
	var found bool
	for _, d := range ds {
		if d.Summary == "Module cycle" && d.Subject.File == "b/main.tf" && d.Subject.Start.Line == 1 && strings.Contains(d.Detail, "a -> b -> a") {
			found = true
		}
	}
	if !found {
		t.Errorf("want a cycle a -> b -> a reported on b/main.tf:1, got %v", ds)
	}
}

// file() and module sources stay in the scan root, even through a symbolic
// link inside it that leads out.
func TestSymlinkOutOfRoot(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "name.txt"), []byte("outside"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "main.tf"), []byte("resource \"azurerm_container_registry\" \"outside\" {\n  name = \"x\"\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	root, tf := write(t, map[string]string{"main.tf": `module "m" {
  source = "./linked"
}
resource "azurerm_container_registry" "acr" {
  name = file("link.txt")
}
`})
	for link, target := range map[string]string{"linked": outside, "link.txt": filepath.Join(outside, "name.txt")} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("symbolic links unavailable: %v", err)
		}
	}
	rs, ds := Parse(root, tf, Options{})
	var got []string
	for _, r := range rs {
		got = append(got, r.Address)
		if v := r.Body["name"]; v == "outside" {
			t.Errorf("file() read outside the root through a link: %s", r.Address)
		}
	}
	if !slices.Equal(got, []string{"azurerm_container_registry.acr"}) {
		t.Errorf("resources %v: the linked module must not be read", got)
	}
	var module, file bool
	for _, d := range ds {
		module = module || (d.Summary == "Module outside the scanned directory" && d.Subject.Start.Line == 1)
		file = file || (strings.Contains(d.Detail, "outside the scanned directory") && d.Subject.Start.Line == 5)
	}
	if !module || !file {
		t.Errorf("want the module (line 1) and file() (line 5) reported, got %v", ds)
	}
}

// Template directives nested deeper than the parser's stack allows are
// refused before parsing, like nested brackets: the parser would otherwise
// overflow the stack, which no recover catches.
func TestDirectiveNestingLimit(t *testing.T) {
	n := 100000
	deep := "locals {\n  x = \"" + strings.Repeat("%{ if true }", n) + "a" + strings.Repeat("%{ endif }", n) + "\"\n}\n"
	ok := "locals {\n  y = \"" + strings.Repeat("%{if true}a%{endif}", n) + "\"\n}\n"
	rs, ds := parse(t, map[string]string{"deep.tf": deep, "ok.tf": ok + `resource "azurerm_subnet" "s" { name = "s" }`}, Options{})
	if _, found := rs["azurerm_subnet.s"]; !found {
		t.Error("the other file must still be read")
	}
	if len(ds) != 1 || ds[0].Summary != "Nesting too deep" || ds[0].Subject.File != "deep.tf" || ds[0].Subject.Start.Line != 2 {
		t.Errorf("want one nesting diagnostic on deep.tf:2 and none for the directives side by side, got %v", ds)
	}
}

// Operators chained past the parser's stack are refused before parsing;
// as many operators side by side, in list elements or attributes, are not.
func TestOperatorChainLimit(t *testing.T) {
	n := 20000
	var list strings.Builder
	for i := range n {
		fmt.Fprintf(&list, "  -%d + 1,\n", i)
	}
	cases := map[string]struct {
		files map[string]string
		file  string
		line  int
	}{
		"binary":       {map[string]string{"main.tf": "locals {\n  x = " + strings.Repeat("1 + ", n) + "1\n}\n"}, "main.tf", 2},
		"unary":        {map[string]string{"main.tf": "locals {\n  x = (" + strings.Repeat("!", n) + "true)\n}\n"}, "main.tf", 2},
		"conditional":  {map[string]string{"main.tf": "locals {\n  x = [\n" + strings.Repeat("true ? ", n) + "1" + strings.Repeat(" : 2", n) + "]\n}\n"}, "main.tf", 3},
		"json":         {map[string]string{"main.tf.json": `{"locals": {"x": "${` + strings.Repeat("1 + ", n) + `1}"}}`}, "main.tf.json", 1},
		"tfvars":       {map[string]string{"main.tf": "variable \"x\" {}\n", "terraform.tfvars": "x = " + strings.Repeat("-", n) + "1\n"}, "terraform.tfvars", 1},
		"side by side": {map[string]string{"main.tf": "locals {\n  x = [\n" + list.String() + "  ]\n  y = 1 + 1 + 1\n}\n"}, "", 0},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			c.files["ok.tf"] = `resource "azurerm_subnet" "s" { name = "s" }`
			rs, ds := parse(t, c.files, Options{})
			if _, found := rs["azurerm_subnet.s"]; !found {
				t.Error("the other file must still be read")
			}
			var got []string
			for _, d := range ds {
				if d.Summary == "Expression too long" {
					got = append(got, fmt.Sprintf("%s:%d", d.Subject.File, d.Subject.Start.Line))
				}
			}
			var want []string
			if c.file != "" {
				want = []string{fmt.Sprintf("%s:%d", c.file, c.line)}
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v (all: %v)", got, want, ds)
			}
		})
	}
}

// The string templates of the JSON syntax are bounded like native ones, and
// still evaluate as HCL evaluates them.
func TestJSONTemplateBounds(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf.json": `{
  "locals": {
    "cells": "${[for i in range(0, 1024) : [for j in range(0, 1024) : [for k in range(0, 1024) : i + j + k]]]}",
    "suffix": "x"
  },
  "resource": {"azurerm_container_registry": {"acr": {"name": "${upper(\"acr\")}-${local.suffix}%{ if true }!%{ endif }"}}}
}`}, Options{})
	if got := body(t, rs, "azurerm_container_registry.acr")["name"]; got != "ACR-x!" {
		t.Errorf("name = %v", got)
	}
	if len(ds) != 1 || ds[0].Summary != "Expression too large" || ds[0].Subject.File != "main.tf.json" || ds[0].Subject.Start.Line != 3 {
		t.Errorf("want one limit diagnostic on main.tf.json:3, got %v", ds)
	}
}

// tooDeep finds the line where brackets first nest past the limit, counts
// directives as brackets, and passes a file with more opening brackets than
// the limit that never nest that deep.
func TestTooDeep(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		deep bool
	}{
		{"(((x)))", 0, false},
		{"a\n(\n[{(x)}]\n)", 3, true},
		{"(((x)))\n[[[y]]]\n{{{z}}}", 0, false},
		{"\"%{if a}%{for b in c}x%{endfor}%{endif}\"", 0, false},
		{"\"%{if a}%{for b in c}\n%{if d}x%{endif}%{endfor}%{endif}\"", 2, true},
		{"%%%%", 0, false},
	} {
		line, deep := tooDeep([]byte(c.src), 3)
		if line != c.line || deep != c.deep {
			t.Errorf("tooDeep(%q, 3) = %d, %v; want %d, %v", c.src, line, deep, c.line, c.deep)
		}
	}
}

// TestValueSize checks what valueSize counts: the characters of strings,
// one per other known value and one per element or attribute, at any
// depth; and that it stops once past the limit.
func TestValueSize(t *testing.T) {
	obj := cty.ObjectVal(map[string]cty.Value{
		"name": cty.StringVal("acr"),                                                                     // 1 + 3
		"tags": cty.MapVal(map[string]cty.Value{"env": cty.StringVal("dev")}),                            // 1 + 1 + 3
		"ips":  cty.ListVal([]cty.Value{cty.StringVal("10.0.0.0/8"), cty.StringVal("::1")}),              // 1 + 1 + 10 + 1 + 3
		"n":    cty.NumberIntVal(3),                                                                      // 1 + 1
		"on":   cty.True,                                                                                 // 1 + 1
		"none": cty.NullVal(cty.String),                                                                  // 1
		"x":    cty.UnknownVal(cty.String),                                                               // 1
		"nest": cty.ObjectVal(map[string]cty.Value{"a": cty.TupleVal([]cty.Value{cty.StringVal("ab")})}), // 1 + 1 + 1 + 2
	})
	cases := []struct {
		name  string
		v     cty.Value
		limit int64
		want  int64
	}{
		{"string", cty.StringVal("hello"), 100, 5},
		{"null", cty.NullVal(cty.DynamicPseudoType), 100, 0},
		{"unknown", cty.DynamicVal, 100, 0},
		{"empty object", cty.EmptyObjectVal, 100, 0},
		{"object", obj, 100, 4 + 5 + 16 + 2 + 2 + 1 + 1 + 5},
		{"marked", obj.Mark("sensitive"), 100, 36},
		{"set", cty.SetVal([]cty.Value{cty.StringVal("a"), cty.StringVal("bc")}), 100, 5},
	}
	for _, c := range cases {
		if got := valueSize(c.v, c.limit); got != c.want {
			t.Errorf("%s: valueSize = %d, want %d", c.name, got, c.want)
		}
	}
	// Past the limit, the walk stops: 1,000 attributes of 1,000
	// characters each are not all read.
	big := map[string]cty.Value{}
	for i := range 1000 {
		big[fmt.Sprintf("a%d", i)] = cty.StringVal(strings.Repeat("x", 1000))
	}
	if got := valueSize(cty.ObjectVal(big), 10_000); got <= 10_000 || got > 12_002 {
		t.Errorf("1,000 attributes of 1,000 characters, limit 10,000: valueSize = %d, want just past the limit", got)
	}
}
