package rego

import (
	"context"
	"fmt"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// stepCounter counts the evaluation steps of a query: a measure of the
// work the policies do that does not depend on the machine.
type stepCounter struct{ steps int }

func (c *stepCounter) Enabled() bool               { return true }
func (c *stepCounter) TraceEvent(topdown.Event)    { c.steps++ }
func (c *stepCounter) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

// sharedZoneInput is a hub whose one privatelink zone holds the login
// record of n registries, each reached through a private endpoint of its
// own spoke VNet, without a zone group or a record for its data endpoint,
// and with no VNet linked to the zone: every registry has an ACR001 and an
// ACR003 finding, all of them about the same zone.
func sharedZoneInput(n int) map[string]any {
	nodes := map[string]any{}
	add := func(id, kind string, attrs map[string]any) {
		nodes[id] = map[string]any{
			"id": id, "kind": kind, "name": id, "location": "westeurope", "external": false,
			"attrs": attrs, "unknown": []any{},
		}
	}
	records := map[string]any{}
	for i := range n {
		reg, pe := fmt.Sprintf("registry/r%d", i), fmt.Sprintf("private_endpoint/pe%d", i)
		vnet, subnet := fmt.Sprintf("vnet/v%d", i), fmt.Sprintf("subnet/s%d", i)
		name := fmt.Sprintf("r%d", i)
		add(reg, "registry", map[string]any{
			"name": name, "sku": "Premium", "login_server": name + ".azurecr.io",
			"public_network_access": false, "default_action": "Deny", "restricted": true,
			"data_endpoints": []any{name + ".westeurope.data.azurecr.io"},
		})
		add(vnet, "vnet", map[string]any{"name": vnet, "address_space": []any{"10.0.0.0/16"}, "dns_servers": []any{}})
		add(subnet, "subnet", map[string]any{"name": subnet, "vnet": vnet, "address_prefixes": []any{"10.0.1.0/24"}})
		add(pe, "private_endpoint", map[string]any{
			"name": pe, "subnet": subnet, "dns_zones": []any{}, "custom_dns": []any{},
			"connections": []any{map[string]any{"name": name, "resource": reg, "group_ids": []any{"registry"}}},
		})
		records[name] = []any{"10.0.1.4"}
	}
	add("private_dns_zone/hub", "private_dns_zone", map[string]any{
		"name": "privatelink.azurecr.io", "records": records, "linked_vnets": []any{},
	})
	return map[string]any{"nodes": nodes, "diagnostics": []any{}}
}

// TestEvaluationGrowsWithTheGraph: the shipped policies take as many
// evaluation steps per registry for 400 registries sharing one privatelink
// zone as for 100. A rule that went through every record of the zone for
// each finding would take four times as many steps per registry.
func TestEvaluationGrowsWithTheGraph(t *testing.T) {
	ctx := context.Background()
	e, _, err := New(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	steps := func(n int) (int, map[string]int) {
		v, err := toValue(sharedZoneInput(n), false)
		if err != nil {
			t.Fatal(err)
		}
		var c stepCounter
		rules := map[string]int{}
		for _, q := range e.queries {
			rs, err := q.Eval(ctx, rego.EvalParsedInput(v), rego.EvalQueryTracer(&c))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				for _, ex := range r.Expressions {
					for _, x := range ex.Value.([]any) {
						f, err := decode(x)
						if err != nil {
							t.Fatal(err)
						}
						rules[f.RuleID]++
					}
				}
			}
		}
		return c.steps, rules
	}
	small, smallRules := steps(100)
	large, largeRules := steps(400)
	for _, id := range []string{"ACR001", "ACR003"} {
		if smallRules[id] != 100 || largeRules[id] != 400 {
			t.Errorf("%s: %d and %d findings, want one per registry", id, smallRules[id], largeRules[id])
		}
	}
	if ratio := float64(large) / float64(small); ratio > 4.4 {
		t.Errorf("4 times the registries take %.1f times the evaluation steps (%d against %d)", ratio, large, small)
	}
}
