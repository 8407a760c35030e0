package rego

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
)

// A basic registry denying by default: ACR014 (Premium SKU required) fires
// on it, and so does customRule.
var basicDeny = map[string]any{
	"nodes": map[string]any{
		"registry/main.tf/r": map[string]any{
			"id": "registry/main.tf/r", "kind": "registry", "name": "r", "external": false,
			"attrs": map[string]any{
				"name": "r", "sku": "Basic", "default_action": "Deny", "public_network_access": true,
				"ip_rules": []any{}, "vnet_rules": []any{}, "data_endpoint_enabled": false,
				"replica_locations": []any{}, "restricted": true,
			},
			"attr_lines": map[string]any{}, "unknown": []any{},
		},
	},
	"diagnostics": []any{},
}

// Each way a user policy can be broken is reported at its file and line,
// the policy is left out, and the shipped rules and the user's other
// policies still run.
func TestBrokenPolicyLeavesTheRestRunning(t *testing.T) {
	cases := map[string]struct {
		src, want string
		line      int
	}{
		"no id":        {src: strings.Replace(customRule, "#   id: ORG001\n", "", 1), want: "has no METADATA custom.id", line: 5},
		"no severity":  {src: strings.Replace(customRule, "#   severity: warning\n", "", 1), want: "has no METADATA custom.severity", line: 5},
		"bad severity": {src: strings.Replace(customRule, "severity: warning", "severity: critical", 1), want: `unknown severity "critical"`, line: 6},
		"bad id":       {src: strings.Replace(customRule, "id: ORG001", "id: org-one", 1), want: "must be an id such as", line: 6},
		"shipped id":   {src: strings.Replace(customRule, "ORG001", "ACR014", 1), want: "rule id ACR014 is already used", line: 6},
		"unsafe var":   {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `node.attrs.sku != wanted`, 1), want: "var wanted is unsafe", line: 13},
		"undefined fn": {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `acr.no_such_helper(node)`, 1), want: "acr.no_such_helper", line: 13},
		"type error":   {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `count(1) > 0`, 1), want: "count", line: 13},
		"unused var":   {src: strings.Replace(customRule, `node.attrs.sku != "Premium"`, `node.attrs.sku != "Premium"; unused := 1`, 1), want: "unused", line: 13},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writePolicy(t, "bad.rego", c.src)
			good := strings.NewReplacer("ORG001", "ORG002", "org001", "org002").Replace(customRule)
			e, ds, err := New(context.Background(), Options{PolicyDirs: []string{dir, writePolicy(t, "good.rego", good)}})
			if err != nil {
				t.Fatalf("the other policies must still load: %v", err)
			}
			if len(ds) == 0 {
				t.Fatal("no diagnostic")
			}
			d := ds[0]
			if d.Severity != diag.Error || d.Subject.File != filepath.Join(dir, "bad.rego") || d.Subject.Start.Line != c.line || !strings.Contains(d.Message(), c.want) {
				t.Errorf("want an error at bad.rego:%d mentioning %q, got %s", c.line, c.want, d.Error())
			}
			fs, err := e.Eval(context.Background(), basicDeny)
			if err != nil {
				t.Fatal(err)
			}
			ran := map[string]bool{}
			for _, f := range fs {
				ran[f.RuleID] = true
			}
			if !ran["ACR014"] || !ran["ORG002"] || ran["ORG001"] {
				t.Errorf("want the shipped ACR014 and the good ORG002 to report, not the broken policy: %v", ran)
			}
		})
	}
}

// print() in a policy writes to PrintOutput with Debug, and nowhere without.
func TestDebugPrint(t *testing.T) {
	src := strings.Replace(customRule, `node.attrs.sku != "Premium"`, `node.attrs.sku != "Premium"
	print("checking", id)`, 1)
	for _, debug := range []bool{true, false} {
		var out strings.Builder
		e, ds, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, "org.rego", src)}, Debug: debug, PrintOutput: &out})
		if err != nil || len(ds) != 0 {
			t.Fatalf("New: %v %v", err, ds)
		}
		if _, err := e.Eval(context.Background(), input); err != nil {
			t.Fatal(err)
		}
		if got, want := out.String(), "checking registry/main.tf/r\n"; debug && got != want || !debug && got != "" {
			t.Errorf("debug %v: printed %q", debug, got)
		}
	}
}
