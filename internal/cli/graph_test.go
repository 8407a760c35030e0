package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	if code, _, _ := run(t, "graph", "--format", "png", "../../examples"); code != ExitError {
		t.Errorf("an unsupported format is a usage error, got %d", code)
	}
}

// TestGraphPictures compares the DOT and Mermaid pictures of the broken
// examples with golden files (go test ./internal/cli -update rewrites them)
// and checks what they must show: the registry, the endpoint and its
// subnet and VNet, references labelled with their attribute, and each
// finding's broken links in red with its rule id.
func TestGraphPictures(t *testing.T) {
	for _, example := range []string{"terraform", "bicep"} {
		for _, format := range []string{"dot", "mermaid"} {
			t.Run(example+"/"+format, func(t *testing.T) {
				code, stdout, stderr := run(t, "graph", "--format", format, "../../examples/"+example+"/broken")
				if code != ExitOK {
					t.Fatalf("exit %d\n%s", code, stderr)
				}
				golden(t, filepath.Join("testdata", "graph", example+"-broken."+format), stdout)
				for _, want := range []string{"contosoregistry", "pe-contoso-registry", "snet-endpoints", "vnet-contoso-hub", "privatelink.azurecr.io", `"subnet"`, `"vnet"`} {
					if !strings.Contains(stdout, want) {
						t.Errorf("the picture lacks %s", want)
					}
				}
				var broken int
				for line := range strings.SplitSeq(stdout, "\n") {
					switch format {
					case "dot":
						if strings.Contains(line, "->") && strings.Contains(line, "color=red") {
							broken++
							if !strings.Contains(line, `label="ACR001"`) && !strings.Contains(line, `label="ACR003"`) {
								t.Errorf("a red edge without its rule: %s", line)
							}
						}
					case "mermaid":
						if strings.Contains(line, `-.->|"ACR`) {
							broken++
						}
					}
				}
				// ACR001: endpoint → registry and zone; ACR003: zone → VNet and endpoint.
				if broken != 4 {
					t.Errorf("want 4 broken links, got %d\n%s", broken, stdout)
				}
				if format == "mermaid" && !strings.Contains(stdout, "linkStyle ") {
					t.Errorf("broken links are not styled red\n%s", stdout)
				}
			})
		}
	}
	// The same input gives the same bytes.
	_, a, _ := run(t, "graph", "--format", "dot", "../../testdata/rules")
	_, b, _ := run(t, "graph", "--format", "dot", "../../testdata/rules")
	if a != b {
		t.Error("two runs draw different DOT")
	}
}

// TestGraphRendersWithGraphviz renders the DOT of the examples and of every
// rule fixture with Graphviz, when dot is installed: no error, no warning.
func TestGraphRendersWithGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz (dot) is not installed")
	}
	for _, dir := range []string{"../../examples/terraform/broken", "../../examples", "../../testdata/rules", "../../testdata/equivalence"} {
		code, stdout, stderr := run(t, "graph", "--format", "dot", dir)
		if code != ExitOK {
			t.Fatalf("graph %s: exit %d\n%s", dir, code, stderr)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, dot, "-Tsvg") //nolint:gosec // dot is Graphviz found on PATH
		cmd.Stdin = strings.NewReader(stdout)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		cancel()
		if err != nil || errb.Len() > 0 {
			t.Errorf("dot -Tsvg on the graph of %s: %v\n%s", dir, err, errb.String())
		}
		if !bytes.Contains(out.Bytes(), []byte("<svg")) {
			t.Errorf("dot wrote no SVG for %s", dir)
		}
	}
}

// The picture in docs/ is the one the broken Terraform example draws.
func TestGraphPictureInDocs(t *testing.T) {
	data, err := os.ReadFile("../../docs/graph-terraform-broken.svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "contosoregistry", "ACR001", "ACR003"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("docs/graph-terraform-broken.svg lacks %s", want)
		}
	}
}
