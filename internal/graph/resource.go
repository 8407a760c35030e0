package graph

import (
	"slices"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
)

// Resource is what a parser yields for each resource instance it evaluated,
// before normalization: the resource type of its source (an azurerm type such
// as azurerm_container_registry, or an ARM type such as
// Microsoft.ContainerRegistry/registries), its evaluated body and the
// position of every value in it.
type Resource struct {
	Format string // terraform, arm or bicep
	Type   string
	// Address is unique within the scan for its format: a Terraform address
	// (module.net.azurerm_subnet.pe["a"]) or an ARM/Bicep symbolic path.
	Address string
	Range   diag.Range
	// Existing marks a data source or an `existing` resource: something
	// defined outside the scanned files that the sources refer to.
	Existing bool
	// Scope is what the address is unique within: the directory of a
	// Terraform root module, the file of an ARM template or Bicep file
	// deployed on its own.
	Scope string
	// Unexpanded marks the one resource that stands for all the instances
	// of a resource whose count or for_each is unknown: it is not a node,
	// but what it adds to other nodes makes their attributes unknown.
	Unexpanded bool
	// ResourceGroup is the resource group the resource is deployed to when
	// the source says so outside its body (an ARM deployment's scope).
	ResourceGroup string
	// Subscription is the subscription the resource is in when the source
	// says so outside its body (an ARM deployment's or an existing
	// resource's scope).
	Subscription string
	// Parent is the address of the parent of a child resource declared
	// inside it or with Bicep's parent property, when known.
	Parent string
	// Body is the evaluated configuration: an object (map[string]Value).
	Body map[string]Value
	// Lines holds the position of each value in Body by path, such as
	// "sku", "network_rule_set[0]" or "network_rule_set[0].default_action".
	Lines map[string]diag.Pos
}

// Value is a value of a resource body: nil, bool, float64, string,
// []Value, map[string]Value, Unknown, or Known (a known value that also
// refers to a resource).
type Value = any

// Ref names the resource a value came from.
type Ref struct {
	Address string // the referenced resource's address
	Attr    string // the attribute read from it ("id", "name", ...)
}

// Unknown is a value that cannot be known before deployment, with the
// resources it was derived from.
type Unknown struct {
	Refs []Ref
}

// Known is a known primitive value read from another resource's attribute
// (for example that resource's name), so that it still names the resource.
type Known struct {
	Value any
	Refs  []Ref
}

// Strip returns v without the reference wrappers of Known values.
func Strip(v Value) Value {
	switch x := v.(type) {
	case Known:
		return x.Value
	case []Value:
		out := make([]Value, len(x))
		for i, e := range x {
			out[i] = Strip(e)
		}
		return out
	case map[string]Value:
		out := make(map[string]Value, len(x))
		for k, e := range x {
			out[k] = Strip(e)
		}
		return out
	}
	return v
}

// RefsOf returns the resources v refers to directly (a reference, or a
// value read from one).
func RefsOf(v Value) []Ref {
	switch x := v.(type) {
	case Unknown:
		return x.Refs
	case Known:
		return x.Refs
	}
	return nil
}

// IsUnknown reports whether v or anything inside it is unknown.
func IsUnknown(v Value) bool {
	switch x := v.(type) {
	case Unknown:
		return true
	case []Value:
		return slices.ContainsFunc(x, IsUnknown)
	case map[string]Value:
		for _, e := range x {
			if IsUnknown(e) {
				return true
			}
		}
	}
	return false
}

// Line returns the position recorded for path, or for the closest enclosing
// path, or the start of the resource.
func (r *Resource) Line(path string) diag.Pos {
	for p := path; p != ""; p = parentPath(p) {
		if pos, ok := r.Lines[p]; ok {
			return pos
		}
	}
	return r.Range.Start
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// IndexPath joins a path and a list index: IndexPath("a", 0) is "a[0]".
func IndexPath(p string, i int) string { return p + "[" + strconv.Itoa(i) + "]" }

// AttrPath joins a path and an attribute name.
func AttrPath(p, name string) string {
	if p == "" {
		return name
	}
	return p + "." + name
}
