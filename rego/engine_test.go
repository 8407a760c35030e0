package rego

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
)

func writePolicy(t *testing.T, name, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

const customRule = `# METADATA
# title: Registries must be Premium
# custom:
#   id: ORG001
#   severity: warning
package acrlint.rules.org001

import data.acrlint.lib.result

report contains finding if {
	some id, node in input.nodes
	node.kind == "registry"
	node.attrs.sku != "Premium"
	finding := result.fail(rego.metadata.chain(), {"resource": id, "attr": "sku", "message": "not premium"})
}
`

var input = map[string]any{
	"nodes": map[string]any{
		"registry/main.tf/r": map[string]any{
			"id": "registry/main.tf/r", "kind": "registry", "external": false,
			"attrs": map[string]any{"name": "r", "sku": "Basic"}, "attr_lines": map[string]any{}, "unknown": []any{},
		},
	},
	"diagnostics": []any{},
}

func TestUserPolicy(t *testing.T) {
	ctx := context.Background()
	e, ds, err := New(ctx, Options{PolicyDirs: []string{writePolicy(t, "org.rego", customRule)}})
	if err != nil || len(ds) != 0 {
		t.Fatalf("New: %v %v", err, ds)
	}
	fs, err := e.Eval(ctx, input)
	if err != nil {
		t.Fatal(err)
	}
	var got []Finding
	for _, f := range fs {
		if f.RuleID == "ORG001" {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Severity != diag.Warning || got[0].Attr != "sku" || got[0].Resource != "registry/main.tf/r" {
		t.Errorf("custom finding: %+v", got)
	}
	var custom bool
	for _, r := range e.Rules() {
		if r.ID == "ORG001" {
			custom = r.Custom && r.Title == "Registries must be Premium"
		}
	}
	if !custom {
		t.Errorf("ORG001 missing from the catalog: %+v", e.Rules())
	}
}

// A broken user policy is reported with its file and line, and the shipped
// rules still load.
func TestBrokenUserPolicies(t *testing.T) {
	cases := map[string]struct {
		src, want string
		line      int
	}{
		"syntax": {src: "package acrlint.rules.x\n\nreport contains f if {\n  f := \n}\n", want: "does not parse", line: 5},
		"network": {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `http.send({"method": "get", "url": "https://example.com"})`, 1),
			want: "http.send", line: 13},
		"runtime":     {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `opa.runtime().env.HOME`, 1), want: "opa.runtime", line: 13},
		"clock":       {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `time.now_ns() > 0`, 1), want: "time.now_ns", line: 13},
		"dns":         {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `net.lookup_ip_addr("example.com")`, 1), want: "net.lookup_ip_addr", line: 13},
		"random":      {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `rand.intn("x", 10) > 5`, 1), want: "rand.intn", line: 13},
		"jwt clock":   {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `io.jwt.decode_verify("a.b.c", {"secret": "s"})[0]`, 1), want: "io.jwt.decode_verify", line: 13},
		"x509 clock":  {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `crypto.x509.parse_and_verify_certificates("x")[0]`, 1), want: "crypto.x509.parse_and_verify_certificates", line: 13},
		"no metadata": {src: "package acrlint.rules.y\n\nreport contains 1 if { true }\n", want: "no METADATA", line: 1},
		"shipped id":  {src: strings.Replace(customRule, "ORG001", "ACR001", 1), want: "already used", line: 6},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writePolicy(t, "bad.rego", c.src)
			e, ds, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			if err != nil {
				t.Fatalf("the shipped rules must still load: %v", err)
			}
			if len(ds) == 0 {
				t.Fatal("no diagnostic")
			}
			d := ds[0]
			if d.Severity != diag.Error || d.Subject.File != filepath.Join(dir, "bad.rego") || d.Subject.Start.Line != c.line || !strings.Contains(d.Message(), c.want) {
				t.Errorf("want an error at bad.rego:%d mentioning %q, got %s (%s)", c.line, c.want, d.Error(), d.Subject.File)
			}
			if len(e.Rules()) < 5 {
				t.Errorf("shipped rules lost: %d", len(e.Rules()))
			}
			for _, r := range e.Rules() {
				if r.Custom {
					t.Errorf("broken policy loaded: %+v", r)
				}
			}
		})
	}
}

func TestCapabilitiesLeaveOutSideEffects(t *testing.T) {
	caps := Capabilities()
	pure := false
	for _, b := range caps.Builtins {
		switch b.Name {
		case "http.send", "opa.runtime", "time.now_ns", "rand.intn", "net.lookup_ip_addr", "uuid.rfc4122", "io.jwt.decode_verify":
			t.Errorf("capability %s must not be available", b.Name)
		case "net.cidr_contains":
			pure = true
		}
	}
	if !pure {
		t.Error("the pure net.cidr_contains must stay available")
	}
	if caps.AllowNet == nil || len(caps.AllowNet) != 0 {
		t.Errorf("AllowNet must be empty, got %v", caps.AllowNet)
	}
}

func TestShippedCatalog(t *testing.T) {
	e, ds, err := New(context.Background(), Options{})
	if err != nil || len(ds) != 0 {
		t.Fatalf("New: %v %v", err, ds)
	}
	for _, r := range e.Rules() {
		if r.Title == "" || r.Description == "" || r.Remediation == "" || len(r.Symptoms) == 0 || len(r.Links) == 0 || r.Name == "" {
			t.Errorf("rule %s lacks metadata: %+v", r.ID, r)
		}
	}
}
