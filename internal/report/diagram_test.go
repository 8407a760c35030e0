package report

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// edgeDiagram holds names that DOT and Mermaid would read as syntax.
func edgeDiagram() Diagram {
	d := Diagram{
		Nodes: []DiagramNode{
			{ID: `registry/main.tf/azurerm_container_registry.acr["a\"b\\c"]`, Kind: "registry", Name: "acr \"quoted\" \\n <b>#1</b>", File: "main.tf", Line: 3, Rules: []string{"ACR014", "ACR001", "ACR014"}},
			{ID: "external/vnet/hub", Kind: "vnet", Name: "hub\nvnet", External: true},
			{ID: "subnet/x.bicep/s", Kind: "subnet", Name: "s|1", File: "x.bicep", Line: 9},
		},
		Edges: []DiagramEdge{
			{From: "subnet/x.bicep/s", To: "external/vnet/hub", Label: "vnet"},
			{From: `registry/main.tf/azurerm_container_registry.acr["a\"b\\c"]`, To: "subnet/x.bicep/s", Rule: "ACR001"},
			{From: "subnet/x.bicep/s", To: "external/vnet/hub", Label: "vnet"},
		},
	}
	d.Sort()
	return d
}

func TestWriteDOT(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDOT(&b, edgeDiagram()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		`"registry/main.tf/azurerm_container_registry.acr[\"a\\\"b\\\\c\"]" [label="acr \"quoted\" \\n <b>#1</b>\nregistry\nmain.tf:3\nACR001 ACR014"`,
		`"external/vnet/hub" [label="hub vnet\nvnet, external"`,
		`style="filled,dashed"`,
		`-> "subnet/x.bicep/s" [label="ACR001", color=red`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("DOT lacks %s\n%s", want, got)
		}
	}
	if n := strings.Count(got, `[label="vnet"]`); n != 1 {
		t.Errorf("a repeated edge is drawn %d times", n)
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, dot, "-Tsvg") //nolint:gosec // dot is Graphviz found on PATH
	cmd.Stdin = strings.NewReader(got)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 {
		t.Errorf("dot: %v\n%s", err, errb.String())
	}
	if !strings.Contains(out.String(), "acr &quot;quoted&quot; \\n &lt;b&gt;#1&lt;/b&gt;") {
		t.Errorf("Graphviz does not draw the name literally:\n%s", out.String())
	}
}

func TestWriteMermaid(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMermaid(&b, edgeDiagram()); err != nil {
		t.Fatal(err)
	}
	want := `flowchart LR
  n1["hub vnet<br/>vnet, external"]
  n2["acr #quot;quoted#quot; \n #60;b#62;#35;1#60;/b#62;<br/>registry<br/>main.tf:3<br/>ACR001 ACR014"]
  n3["s#124;1<br/>subnet<br/>x.bicep:9"]
  n2 -.->|"ACR001"| n3
  n3 -->|"vnet"| n1
  linkStyle 0 stroke:red,stroke-width:2px,color:red
  classDef finding stroke:red,stroke-width:2px
  class n2 finding
  classDef external stroke-dasharray:4 4
  class n1 external
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
