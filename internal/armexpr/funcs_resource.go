package armexpr

import (
	"slices"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// Resource functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource
func registerResource() {
	register(
		&builtin{name: "resourceId", min: 2, max: -1, fn: fnResourceID},
		&builtin{name: "subscriptionResourceId", min: 2, max: -1, fn: fnSubscriptionResourceID},
		&builtin{name: "tenantResourceId", min: 2, max: -1, fn: func(f *funcCall) (graph.Value, error) {
			ss, err := f.strings()
			if err != nil {
				return nil, err
			}
			return buildID(f, "", ss[0], ss[1:], 0)
		}},
		&builtin{name: "extensionResourceId", min: 3, max: -1, fn: func(f *funcCall) (graph.Value, error) {
			ss, err := f.strings()
			if err != nil {
				return nil, err
			}
			return buildID(f, strings.TrimSuffix(ss[0], "/"), ss[1], ss[2:], 1)
		}},
		&builtin{name: "managementGroupResourceId", min: 2, max: -1, fn: fnManagementGroupResourceID},
		&builtin{name: "reference", min: 1, max: 3, raw: true, fn: fnReference},
		&builtin{name: "references", min: 0, max: 2, raw: true, fn: func(*funcCall) (graph.Value, error) { return graph.Unknown{}, nil }},
		&builtin{name: "pickZones", min: 3, max: 5, raw: true, fn: func(f *funcCall) (graph.Value, error) {
			// The zones depend on the region's capabilities at deployment.
			return unknownOf(f.args...), nil
		}},
		&builtin{name: "providers", min: 1, max: 2, raw: true, fn: func(f *funcCall) (graph.Value, error) { return unknownOf(f.args...), nil }},
	)
	listFunc = &builtin{name: "list*", min: 1, max: 3, raw: true, fn: fnList}
}

// typeIndex finds the resource type among the arguments: the first that
// contains a slash. Subscription IDs and resource group names never do.
func typeIndex(f *funcCall, ss []string, most int) (int, error) {
	for i, s := range ss {
		if strings.Contains(s, "/") {
			if i > most {
				break
			}
			return i, nil
		}
	}
	return 0, f.errorf("expected a resource type (namespace/type) among the first %d arguments", most+1)
}

// buildID renders prefix/providers/{namespace}/{type}/{name}[/{child
// type}/{child name}...]. argBase is the position of the type argument, for
// error messages.
func buildID(f *funcCall, prefix, typ string, names []string, argBase int) (graph.Value, error) {
	segs := strings.Split(strings.Trim(typ, "/"), "/")
	if len(segs) < 2 || slices.Contains(segs, "") {
		return nil, f.argErrorf(argBase, "%q is not a resource type (namespace/type)", typ)
	}
	want := len(segs) - 1
	if len(names) != want {
		// A single argument may carry every name ("vnet/subnet").
		joined := strings.Split(strings.Join(names, "/"), "/")
		if len(joined) != want {
			return nil, f.errorf("the type %q takes %s, got %d", typ, namesCount(want), len(names))
		}
		names = joined
	}
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString("/providers/")
	b.WriteString(segs[0])
	for i, n := range names {
		if n == "" {
			return nil, f.argErrorf(argBase+1+i, "a resource name cannot be empty")
		}
		b.WriteByte('/')
		b.WriteString(segs[i+1])
		b.WriteByte('/')
		b.WriteString(n)
	}
	return b.String(), nil
}

func namesCount(n int) string {
	if n == 1 {
		return "1 name"
	}
	return strconv.Itoa(n) + " names"
}

// fnResourceID implements resourceId([subscriptionId], [resourceGroupName],
// type, names...). Without a resource group, at subscription, management
// group or tenant scope, the ID is that of a resource at that scope.
func fnResourceID(f *funcCall) (graph.Value, error) {
	ss, err := f.strings()
	if err != nil {
		return nil, err
	}
	t, err := typeIndex(f, ss, 2)
	if err != nil {
		return nil, err
	}
	d := f.ev.ctx.Deployment
	sub, rg := d.subscription(), ""
	switch t {
	case 2:
		sub, rg = ss[0], ss[1]
	case 1:
		if d.scope() != ScopeResourceGroup && isGUID(ss[0]) {
			sub = ss[0]
		} else {
			rg = ss[0]
		}
	case 0:
		switch d.scope() {
		case ScopeResourceGroup:
			rg = d.resourceGroup()
		case ScopeTenant:
			return buildID(f, "", ss[0], ss[1:], 0)
		case ScopeManagementGroup:
			return buildID(f, "/providers/Microsoft.Management/managementGroups/"+d.managementGroup(), ss[0], ss[1:], 0)
		}
	}
	prefix := "/subscriptions/" + sub
	if rg != "" {
		prefix += "/resourceGroups/" + rg
	}
	return buildID(f, prefix, ss[t], ss[t+1:], t)
}

func fnSubscriptionResourceID(f *funcCall) (graph.Value, error) {
	ss, err := f.strings()
	if err != nil {
		return nil, err
	}
	t, err := typeIndex(f, ss, 1)
	if err != nil {
		return nil, err
	}
	sub := f.ev.ctx.Deployment.subscription()
	if t == 1 {
		sub = ss[0]
	}
	return buildID(f, "/subscriptions/"+sub, ss[t], ss[t+1:], t)
}

func fnManagementGroupResourceID(f *funcCall) (graph.Value, error) {
	ss, err := f.strings()
	if err != nil {
		return nil, err
	}
	t, err := typeIndex(f, ss, 1)
	if err != nil {
		return nil, err
	}
	mg := f.ev.ctx.Deployment.managementGroup()
	if t == 1 {
		mg = ss[0]
	}
	return buildID(f, "/providers/Microsoft.Management/managementGroups/"+mg, ss[t], ss[t+1:], t)
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHex(s[i]) {
				return false
			}
		}
	}
	return true
}

// fnReference asks the context for the runtime state of a resource:
// reference(resourceIdOrName, [apiVersion], ['Full']).
func fnReference(f *funcCall) (graph.Value, error) {
	full := false
	if len(f.args) == 3 {
		mode, _ := unwrap(f.args[2])
		s, ok := mode.(string)
		if !ok {
			if _, unknown := mode.(graph.Unknown); !unknown {
				return nil, f.argErrorf(2, "expected 'Full', got %s", typeName(mode))
			}
		}
		full = strings.EqualFold(s, "full")
	}
	if f.ev.ctx.Reference == nil {
		return graph.Unknown{}, nil
	}
	v, ok := f.ev.ctx.Reference(f.args[0], full)
	if !ok {
		return graph.Unknown{}, nil
	}
	return v, nil
}

// fnList stands for listKeys(), listSecrets() and the other list*
// functions: their results (keys, secrets, connection strings) only exist
// at deployment, so they are always unknown, naming the resource when the
// context knows it.
func fnList(f *funcCall) (graph.Value, error) {
	if f.ev.ctx.Reference == nil {
		return graph.Unknown{}, nil
	}
	v, ok := f.ev.ctx.Reference(f.args[0], true)
	if !ok {
		return graph.Unknown{}, nil
	}
	return graph.Unknown{Refs: mergeRefs(graph.RefsOf(v))}, nil
}
