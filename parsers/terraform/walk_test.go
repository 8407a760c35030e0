package terraform

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// everyNode uses every kind of native syntax node, nested in one another.
const everyNode = `
resource "t" "n" {
  count = length(var.list) > 0 ? 1 : 0
  a     = !var.flag && (var.x + 1) * 2 >= -local.y
  b     = [for i, v in var.list : "${i}-${v.name}" if v.enabled]
  c     = { for k, v in var.map : upper(k) => [v, k, local.z] if k != var.skip }
  d     = var.objects[*].id
  e     = var.objects.*.name
  f     = var.map["key"][0].attr
  g     = "%{ for x in var.list }${x}%{ if x != local.sep }, %{ endif }%{ endfor }"
  h     = <<-EOT
    ${var.heredoc} and ${upper(local.heredoc)}
  EOT
  i     = { key = var.value, (local.dyn) = 1, "quoted" = [1, 2], plain = null }
  j     = [for v in [for w in var.outer : w.inner] : v if v != var.outer_name]
  k     = (var.paren)
  l     = try(var.a.b, local.c[each.key], count.index)
  m     = [for x in var.xs : [for y in x : y + x.offset + var.base]]
  n     = {
    nested = "${var.n1}"
  }
  dynamic "block" {
    for_each = var.blocks
    content {
      value = block.value.v + var.extra
    }
  }
  nested {
    deep {
      x = local.deep
    }
  }
}
`

// tfSources are the Terraform files of the repository and everyNode.
func tfSources(t *testing.T) map[string][]byte {
	t.Helper()
	srcs := map[string][]byte{"every.tf": []byte(everyNode)}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(root)
	err = fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tfvars")) {
			b, err := fs.ReadFile(fsys, path)
			if err != nil {
				return err
			}
			srcs[path] = b
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) < 20 {
		t.Fatalf("found %d Terraform files, expected the repository's", len(srcs))
	}
	return srcs
}

// visitAllNodes counts the nodes hclsyntax.VisitAll visits below node,
// leaving out those walk does not visit (the Attributes and Blocks of a
// body, the ChildScope of a for expression's parts).
func visitAllNodes(node hclsyntax.Node) map[hclsyntax.Node]int {
	seen := map[hclsyntax.Node]int{}
	_ = hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		switch n.(type) {
		case hclsyntax.Attributes, hclsyntax.Blocks, hclsyntax.ChildScope:
		default:
			seen[n]++
		}
		return nil
	})
	return seen
}

func TestWalkVisitsWhatVisitAllVisits(t *testing.T) {
	for path, src := range tfSources(t) {
		f, ds := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
		if ds.HasErrors() {
			continue // the fuzz corpus holds broken files
		}
		body := f.Body.(*hclsyntax.Body)
		want := visitAllNodes(body)
		got := map[hclsyntax.Node]int{}
		walk(body, func(n hclsyntax.Node) { got[n]++ })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: walk visited %d nodes, VisitAll %d", path, len(got), len(want))
		}
	}
}

func TestVariablesAsHCL(t *testing.T) {
	exprs := 0
	for path, src := range tfSources(t) {
		f, ds := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
		if ds.HasErrors() {
			continue
		}
		bound(f, nil) // as the parser reads files: with bounded nodes
		// Every expression of everyNode, and the attributes' expressions of
		// the other files (as the parser asks for them).
		walk(f.Body.(*hclsyntax.Body), func(n hclsyntax.Node) {
			e, ok := n.(hclsyntax.Expression)
			if a, isAttr := n.(*hclsyntax.Attribute); isAttr && path != "every.tf" {
				e, ok = a.Expr, true
			} else if path != "every.tf" {
				return
			}
			if !ok {
				return
			}
			exprs++
			if got, want := variables(e), hclsyntax.Variables(e); !reflect.DeepEqual(got, want) {
				t.Errorf("%s:%d: variables found %d traversals, hclsyntax.Variables %d", path, e.Range().Start.Line, len(got), len(want))
			}
		})
	}
	if exprs < 1000 {
		t.Fatalf("compared %d expressions", exprs)
	}
}

// opaque is a node type walk does not know; the walks must still go
// through it.
type opaque struct{ *hclsyntax.ParenthesesExpr }

func TestWalksThroughUnknownNodes(t *testing.T) {
	expr, ds := hclsyntax.ParseExpression([]byte(`[for v in var.list : (v.x + var.y)]`), "x.tf", hcl.InitialPos)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	fe := expr.(*hclsyntax.ForExpr)
	inner := fe.ValExpr.(*hclsyntax.ParenthesesExpr)
	fe.ValExpr = opaque{inner}

	seen := map[hclsyntax.Node]bool{}
	walk(expr, func(n hclsyntax.Node) {
		if _, ok := n.(opaque); !ok {
			seen[n] = true
		}
	})
	// Like bounded, opaque's child is the expression inside the
	// parentheses it embeds.
	for n := range visitAllNodes(inner.Expression) {
		if !seen[n] {
			t.Errorf("walk did not visit %T at %v below the unknown node", n, n.Range())
		}
	}

	var names []string
	for _, tr := range variables(expr) {
		names = append(names, tr.RootName())
	}
	// v is the for expression's own: only var.list and var.y are read.
	if want := []string{"var", "var"}; !reflect.DeepEqual(names, want) {
		t.Errorf("variables = %v, want %v", names, want)
	}
	if got, want := variables(expr), hclsyntax.Variables(expr); !reflect.DeepEqual(got, want) {
		t.Errorf("variables = %v, hclsyntax.Variables = %v", got, want)
	}
}

func TestWalkDoesNotAllocate(t *testing.T) {
	f, ds := hclsyntax.ParseConfig([]byte(everyNode), "every.tf", hcl.InitialPos)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	body := f.Body.(*hclsyntax.Body)
	n := 0
	visit := func(hclsyntax.Node) { n++ }
	if allocs := testing.AllocsPerRun(10, func() { walk(body, visit) }); allocs != 0 {
		t.Errorf("walk allocated %v times over %d nodes", allocs, n/11)
	}
}
