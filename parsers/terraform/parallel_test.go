package terraform

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// roots writes n root modules r00, r01, ... each calling the shared module
// modules/net with its own inputs, and declaring count resources itself.
func roots(t *testing.T, n, count int) (string, []string) {
	t.Helper()
	files := map[string]string{"modules/net/main.tf": `
variable "name" {}
resource "azurerm_virtual_network" "this" {
  name          = var.name
  address_space = ["10.0.0.0/16"]
}
output "id" { value = azurerm_virtual_network.this.id }
`}
	for i := range n {
		files[fmt.Sprintf("r%02d/main.tf", i)] = fmt.Sprintf(`
module "net" {
  source = "../modules/net"
  name   = "vnet-%02d"
}
resource "azurerm_subnet" "s" {
  count                = %d
  name                 = "s${count.index}"
  virtual_network_name = module.net.id
}
`, i, count)
	}
	files["r03/broken.tf"] = `resource "azurerm_subnet" "x" {`
	return write(t, files)
}

// summary renders what Parse returned in its order.
func summary(rs []resourceLike, ds []string) string {
	var b []string
	for _, r := range rs {
		b = append(b, r.scope+" "+r.address+" "+fmt.Sprint(r.name))
	}
	return fmt.Sprint(b, ds)
}

type resourceLike struct {
	scope, address string
	name           any
}

func run(t *testing.T, root string, files []string, opts Options) string {
	t.Helper()
	rs, ds := Parse(root, files, opts)
	var out []resourceLike
	for _, r := range rs {
		out = append(out, resourceLike{r.Scope, r.Address, r.Body["name"]})
	}
	var dl []string
	for _, d := range ds {
		dl = append(dl, fmt.Sprintf("%s:%d %s", d.Subject.File, d.Subject.Start.Line, d.Summary))
	}
	return summary(out, dl)
}

// TestParallelRootsDeterministic: root modules evaluated concurrently give
// the resources and diagnostics one evaluation after the other gives, in
// the order of their directories, each shared module instance with its own
// caller's inputs.
func TestParallelRootsDeterministic(t *testing.T) {
	root, files := roots(t, 12, 3)
	prev := runtime.GOMAXPROCS(1)
	want := run(t, root, files, Options{})
	runtime.GOMAXPROCS(max(prev, 4))
	defer runtime.GOMAXPROCS(prev)
	for range 5 {
		if got := run(t, root, files, Options{}); got != want {
			t.Fatalf("concurrent evaluation differs:\n got %s\nwant %s", got, want)
		}
	}
	rs, ds := Parse(root, files, Options{})
	var scopes []string
	names := map[string]bool{}
	for _, r := range rs {
		scopes = append(scopes, r.Scope)
		if r.Type == "azurerm_virtual_network" {
			names[fmt.Sprint(r.Scope, " ", r.Body["name"])] = true
		}
	}
	if !slices.IsSorted(scopes) {
		t.Errorf("resources are not in the order of their root modules: %v", scopes)
	}
	for i := range 12 {
		if k := fmt.Sprintf("r%02d vnet-%02d", i, i); !names[k] {
			t.Errorf("no %s among %v", k, names)
		}
	}
	if len(ds) != 1 || ds[0].Subject.File != "r03/broken.tf" {
		t.Errorf("want the syntax error of r03/broken.tf once, got %v", ds)
	}
}

// TestParallelTotalLimit: which instances the total limit leaves out does
// not depend on the order the root modules happen to finish in; it is the
// order of their directories.
func TestParallelTotalLimit(t *testing.T) {
	root, files := roots(t, 12, 10)
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	// Each root expands 12 instances: its module call, the network in it
	// and 10 subnets (r03 one more, the resource of its broken file); 50
	// instances are the first four roots and part of the fifth.
	opts := Options{MaxTotalInstances: 50}
	want := run(t, root, files, opts)
	for range 5 {
		if got := run(t, root, files, opts); got != want {
			t.Fatalf("results differ between runs:\n got %s\nwant %s", got, want)
		}
	}
	rs, _ := Parse(root, files, opts)
	expanded := map[string]int{}
	for _, r := range rs {
		if !r.Unexpanded && r.Address != "azurerm_subnet.x" {
			expanded[r.Scope]++
		}
	}
	for i := range 4 {
		if k := fmt.Sprintf("r%02d", i); expanded[k] != 11 {
			t.Errorf("%s: %d resources expanded, want all 11 (%v)", k, expanded[k], expanded)
		}
	}
	for i := 5; i < 12; i++ {
		if k := fmt.Sprintf("r%02d", i); expanded[k] != 0 {
			t.Errorf("%s: %d resources expanded past the total limit (%v)", k, expanded[k], expanded)
		}
	}
}

func TestLocalSources(t *testing.T) {
	src := `
module "a" {
  source = "./a"
}
module "b" { source="../b" }
module "c" { source = ".." }
module "reg" { source = "Azure/avm-res-network/azurerm" }
resource "azurerm_storage_blob" "x" { source = "./file.txt" }
{"module": {"d": {"source" : "./d"}}}
# source = "./commented"
`
	want := []string{"./a", "../b", "..", "./file.txt", "./d", "./commented"}
	if got := localSources([]byte(src)); !slices.Equal(got, want) {
		t.Errorf("localSources = %q, want %q", got, want)
	}
}

// TestCalledModuleEvaluatedEarly: a directory is evaluated as a root module
// as soon as it is read unless a source seems to name it; when a module
// call the byte scan does not see (a comment between source and =) turns
// out to call it after all, that evaluation is dropped and the directory
// is a module, as it would be had it waited.
func TestCalledModuleEvaluatedEarly(t *testing.T) {
	files := map[string]string{
		"app/main.tf": `
module "net" {
  source /* shared */ = "../lib"
  name = "from-app"
}
`,
		"lib/main.tf": `
variable "name" { default = "alone" }
resource "azurerm_virtual_network" "v" { name = var.name }
`,
	}
	root, tf := write(t, files)
	p := &Parser{root: root}
	if maybe := p.prescan(tf); maybe[filepath.Join(root, "lib")] {
		t.Fatal("the byte scan sees the call: the test needs one it misses")
	}
	got := run(t, root, tf, Options{})
	if want := "[app module.net.azurerm_virtual_network.v from-app] []"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
