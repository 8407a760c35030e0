package armexpr

import (
	"fmt"
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// builtin is a template function.
type builtin struct {
	name     string // as documented
	min, max int    // argument counts; max < 0 for any number
	// fn is called with the evaluated arguments. Unless raw is set, a call
	// with an unknown argument (anywhere inside it) returns unknown without
	// calling fn, and the arguments reach fn without Known wrappers.
	fn  func(f *funcCall) (graph.Value, error)
	raw bool
	// lambdas lets arguments be lambdas.
	lambdas bool
	// lazy, when set, replaces fn: it evaluates the arguments itself.
	lazy func(f *funcCall) (graph.Value, error)
}

func (b *builtin) arityError(n int) string {
	switch {
	case n < b.min && b.min == b.max:
		return fmt.Sprintf("%s takes %s, got %d", b.name, plural(b.min), n)
	case n < b.min:
		return fmt.Sprintf("%s takes at least %s, got %d", b.name, plural(b.min), n)
	case b.max >= 0 && n > b.max && b.min == b.max:
		return fmt.Sprintf("%s takes %s, got %d", b.name, plural(b.max), n)
	case b.max >= 0 && n > b.max:
		return fmt.Sprintf("%s takes at most %s, got %d", b.name, plural(b.max), n)
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return fmt.Sprintf("%d arguments", n)
}

var builtins = map[string]*builtin{}

// listFunc stands for every list* function (listKeys, listSecrets, ...).
var listFunc *builtin

func register(bs ...*builtin) {
	for _, b := range bs {
		key := strings.ToLower(b.name)
		if _, dup := builtins[key]; dup {
			panic("armexpr: function registered twice: " + b.name)
		}
		builtins[key] = b
	}
}

func lookupBuiltin(name string) (*builtin, bool) {
	if b, ok := builtins[strings.ToLower(name)]; ok {
		return b, true
	}
	if len(name) > 4 && strings.EqualFold(name[:4], "list") {
		return listFunc, true
	}
	return nil, false
}

// Functions returns the names of the built-in functions, sorted; the list*
// family appears as "list*".
func Functions() []string {
	names := make([]string, 0, len(builtins)+1)
	for _, b := range builtins {
		names = append(names, b.name)
	}
	names = append(names, "list*")
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return names
}

func init() {
	registerLogical()
	registerNumeric()
	registerString()
	registerArray()
	registerObject()
	registerLambda()
	registerDeployment()
	registerResource()
	registerDate()
	registerCIDR()
}
