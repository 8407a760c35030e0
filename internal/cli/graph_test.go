package cli

import (
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestGraphJSON checks that `acrlint graph` prints a document that follows
// the published schema, for every format's fixtures.
func TestGraphJSON(t *testing.T) {
	sch, err := jsonschema.NewCompiler().Compile("../../docs/graph.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../../examples", "../../testdata/rules"} {
		code, stdout, stderr := run(t, "graph", dir)
		if code != ExitOK {
			t.Fatalf("graph %s: exit %d\n%s", dir, code, stderr)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(doc); err != nil {
			t.Errorf("graph of %s does not follow docs/graph.schema.json: %v", dir, err)
		}
		if !strings.Contains(stdout, `"kind": "registry"`) {
			t.Errorf("graph of %s has no registry", dir)
		}
	}
	if code, _, _ := run(t, "graph", "--format", "dot", "../../examples"); code != ExitError {
		t.Errorf("an unsupported format is a usage error, got %d", code)
	}
}
