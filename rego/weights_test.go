package rego

import (
	"context"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/policies"
)

var updateWeights = flag.Bool("update-weights", false, "measure the cost of each shipped rule package and write policies/weights.json")

// TestRuleWeights: policies/weights.json gives a cost to every shipped rule
// package and to nothing else. With -update-weights, it measures each
// package alone on a generated repository of 5,000 resources (the
// quickest of 5 evaluations) and writes the file.
func TestRuleWeights(t *testing.T) {
	mods, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	keep, _, _ := catalog(mods)
	names := rulePackages(keep)
	if *updateWeights {
		writeWeights(t, keep, names)
	}
	got := slices.Sorted(maps.Keys(policies.Weights()))
	if !slices.Equal(got, names) {
		t.Errorf("policies/weights.json weighs %v, the shipped rule packages are %v: run go test ./rego -run TestRuleWeights -update-weights", got, names)
	}
	for name, w := range policies.Weights() {
		if w <= 0 {
			t.Errorf("%s weighs %d; a cost is positive", name, w)
		}
	}
}

func writeWeights(t *testing.T, keep []module, names []string) {
	ctx := context.Background()
	input, err := toValue(corpusInput(t, corpus.Options{Resources: 5000, Seed: 1}), false)
	if err != nil {
		t.Fatal(err)
	}
	compiler, ds := compile(keep, false)
	if ds != nil {
		t.Fatal(ds)
	}
	weights := map[string]int{}
	for _, name := range names {
		q, err := rego.New(rego.Query(reportQuery(name)), rego.Compiler(compiler)).PrepareForEval(ctx)
		if err != nil {
			t.Fatal(err)
		}
		best := time.Duration(1 << 62)
		for range 5 {
			start := time.Now()
			if _, err := q.Eval(ctx, rego.EvalParsedInput(input)); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
		}
		weights[name] = max(int(best.Microseconds()), 1)
	}
	out, err := json.MarshalIndent(weights, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../policies/weights.json", append(out, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("policies/weights.json: %v", weights)
}
