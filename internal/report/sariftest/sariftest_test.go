package sariftest

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

const minimal = `{
  "version": "2.1.0",
  "runs": [{"tool": {"driver": {"name": "acrlint"}}, "results": []}]
}`

func TestSchemaFile(t *testing.T) {
	path, err := FindSchema()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Schema      string         `json:"$schema"`
		ID          string         `json:"id"`
		Title       string         `json:"title"`
		Definitions map[string]any `json:"definitions"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s is not JSON: %v", path, err)
	}
	if schema.ID != "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json" ||
		schema.Schema != "http://json-schema.org/draft-04/schema#" ||
		!strings.Contains(schema.Title, "2.1.0") {
		t.Errorf("schema is not the OASIS SARIF 2.1.0 one: id %q, $schema %q, title %q", schema.ID, schema.Schema, schema.Title)
	}
	for _, def := range []string{"run", "result", "location", "region", "reportingDescriptor", "notification"} {
		if _, ok := schema.Definitions[def]; !ok {
			t.Errorf("schema lacks definition %q", def)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string
	}{
		{"minimal", minimal, ""},
		{"wrong version", strings.Replace(minimal, "2.1.0", "2.0.0", 1), "version"},
		{"no driver name", strings.Replace(minimal, `"name": "acrlint"`, `"version": "1"`, 1), "name"},
		{"unknown property", strings.Replace(minimal, `"version"`, `"extra": 1, "version"`, 1), "extra"},
		{"region without a start", strings.Replace(minimal, `"results": []`,
			`"results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.tf"}, "region": {"startColumn": 2}}}]}]`, 1), "region"},
		{"line zero", strings.Replace(minimal, `"results": []`,
			`"results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.tf"}, "region": {"startLine": 0}}}]}]`, 1), "startLine"},
		{"uri that is not a URI reference", strings.Replace(minimal, `"results": []`,
			`"results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b%zz.tf"}}}]}]`, 1), "uri"},
		{"bad level", strings.Replace(minimal, `"results": []`, `"results": [{"message": {"text": "m"}, "level": "high"}]`, 1), "level"},
		{"not JSON", `{"version":`, "parse SARIF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.doc))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Check: %v", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("Check accepted an invalid document")
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("Check error does not mention %q:\n%v", tt.wantErr, err)
			}
		})
	}
}

// recorder is a testing.TB that remembers failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestValidate(t *testing.T) {
	ok := &recorder{TB: t}
	Validate(ok, []byte(minimal))
	if len(ok.errors) != 0 {
		t.Errorf("Validate failed a valid log: %v", ok.errors)
	}
	bad := &recorder{TB: t}
	Validate(bad, []byte(`{"version": "2.1.0"}`))
	if len(bad.errors) != 1 || !strings.Contains(bad.errors[0], "runs") {
		t.Errorf("Validate of a log without runs reported %q", bad.errors)
	}
}

func TestFindSchemaOutsideModule(t *testing.T) {
	t.Chdir(t.TempDir())
	if _, err := FindSchema(); err != nil {
		t.Fatal(err)
	}
	if err := Check([]byte(minimal)); err != nil {
		t.Fatal(err)
	}
}
