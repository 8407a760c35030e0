package armexpr

import "testing"

// TestUserFunctionNamesFold checks how calls find user-defined functions:
// in any case, including a name that only strings.EqualFold, not
// lower-casing, brings together with the call (ſ, the long s, folds with
// s), and always the same one of two functions whose names fold together.
func TestUserFunctionNamesFold(t *testing.T) {
	c := &Context{Functions: map[string]UserFunc{
		"ns.lower":     TemplateFunc(nil, "lower"),
		"ns.Mixed":     TemplateFunc(nil, "mixed"),
		"ns.\u017fort": TemplateFunc(nil, "long s"),
		"ns.six":       TemplateFunc(nil, "six"),
		"ns.\u017fix":  TemplateFunc(nil, "long six"),
	}}
	for call, want := range map[string]string{
		"ns.lower()": "lower", "NS.LOWER()": "lower", "Ns.LoWeR()": "lower",
		"ns.mixed()": "mixed", "NS.MIXED()": "mixed", "ns.Mixed()": "mixed",
		"ns.sort()": "long s", "NS.SORT()": "long s",
	} {
		if got, err := EvalString("["+call+"]", c); err != nil || got != want {
			t.Errorf("%s = %v, %v; want %q", call, got, err, want)
		}
	}
	for range 64 {
		if got, err := EvalString("[ns.SIX()]", c); err != nil || got != "six" {
			t.Fatalf("ns.SIX() = %v, %v; want the function named in lower case", got, err)
		}
	}
	wantEvalError(t, c, "ns.nope()", `no user-defined function "ns.nope"`)
}
