package graph

import (
	"strings"
)

// Lookups by name and resource group (an existing resource, a child that
// names its parent) only ask whether exactly one node matches. Many nodes
// may share a name, one in each resource group (every subnet "default"),
// so the nodes of a name are also counted by resource group: a lookup reads
// two counts instead of every node of the name.

// nameKey is the key of byName (scoped false) or of byScopedName.
type nameKey struct {
	kind, scope, name string
	scoped            bool
}

// sameName counts the nodes of one name: those of each resource group
// (by FoldKey), those without one, and all of them.
type sameName struct {
	all, noRG tally
	byRG      map[string]*tally
}

// tally counts nodes, remembering the first one and the first one defined
// in the scan (not external): only a single match is ever used.
type tally struct {
	n, defined          int
	first, firstDefined string
}

func (t *tally) add(n *Node) {
	if t.n == 0 {
		t.first = n.ID
	}
	t.n++
	if !n.External {
		if t.defined == 0 {
			t.firstDefined = n.ID
		}
		t.defined++
	}
}

// plus returns the nodes of t and u together; the ids are those of a
// single match.
func (t tally) plus(u tally) tally {
	if t.n == 0 {
		t.first = u.first
	}
	if t.defined == 0 {
		t.firstDefined = u.firstDefined
	}
	t.n += u.n
	t.defined += u.defined
	return t
}

func (s *sameName) add(n *Node) {
	s.all.add(n)
	if n.ResourceGroup == "" {
		s.noRG.add(n)
		return
	}
	if s.byRG == nil {
		s.byRG = map[string]*tally{}
	}
	k := FoldKey(n.ResourceGroup)
	t := s.byRG[k]
	if t == nil {
		t = &tally{}
		s.byRG[k] = t
	}
	t.add(n)
}

// in returns the nodes that may be in resource group rg: all of them when
// rg is not known, else those in rg (compared as strings.EqualFold does)
// and those whose group is not known.
func (s *sameName) in(rg string) tally {
	if s == nil {
		return tally{}
	}
	if rg == "" {
		return s.all
	}
	t := s.noRG
	if u := s.byRG[FoldKey(rg)]; u != nil {
		t = t.plus(*u)
	}
	return t
}

// readName counts one read of a lookup by name and resource group (a node,
// or the counts of a name) when the build counts them (see
// builder.nameReads).
func (b *builder) readName() {
	if b.nameReads != nil {
		*b.nameReads++
	}
}

// inGroup reports whether a node in resource group nodeRG may be in the
// resource group rg a lookup asks for.
func inGroup(rg, nodeRG string) bool {
	return rg == "" || nodeRG == "" || strings.EqualFold(rg, nodeRG)
}

// namedIn returns the nodes of a kind with a name that may be in resource
// group rg, among those named returns.
func (b *builder) namedIn(kind, name, rg string, r *Resource) tally {
	if b.readded {
		// An id added twice: its index entries name the node last added,
		// whatever they were counted as; read the nodes as they are now.
		var t tally
		for _, id := range b.named(kind, name, r) {
			b.readName()
			if n := b.g.Nodes[id]; inGroup(rg, n.ResourceGroup) {
				t.add(n)
			}
		}
		return t
	}
	b.readName()
	lower := strings.ToLower(name)
	if s := b.names[nameKey{kind, r.Scope, lower, true}]; s != nil {
		return s.in(rg)
	}
	return b.names[nameKey{kind: kind, name: lower}].in(rg)
}

// subnetKey names the subnets of a VNet: the subnet's lowercased name, the
// VNet's name by FoldKey, and the scope (see nameKey).
type subnetKey struct {
	name, vnet, scope string
	scoped            bool
}

// subnetIn returns the subnets named name of a VNet named vnet that may be
// in resource group rg, among those named(KindSubnet, name, r) returns.
func (b *builder) subnetIn(name, vnet, rg string, r *Resource) tally {
	vnetOf := func(n *Node) (*Node, bool) {
		id, _ := n.Attrs["vnet"].(string)
		v, ok := b.g.Nodes[id]
		return v, ok
	}
	if b.readded {
		var t tally
		for _, id := range b.named(KindSubnet, name, r) {
			b.readName()
			n := b.g.Nodes[id]
			if v, ok := vnetOf(n); ok && strings.EqualFold(v.Name, vnet) && inGroup(rg, n.ResourceGroup) {
				t.add(n)
			}
		}
		return t
	}
	if b.subnets == nil {
		// Built on first use, by the existing resources: every node defined
		// in the scan exists then, and the nodes added after (those of
		// existing resources) are external, without a VNet.
		b.subnets = map[subnetKey]*sameName{}
		add := func(k subnetKey, n *Node) {
			s := b.subnets[k]
			if s == nil {
				s = &sameName{}
				b.subnets[k] = s
			}
			s.add(n)
		}
		for _, n := range b.g.Nodes {
			if n.Kind != KindSubnet || n.Name == "" || n.External {
				continue
			}
			parent, ok := vnetOf(n)
			if !ok {
				continue
			}
			lower, v := strings.ToLower(n.Name), FoldKey(parent.Name)
			add(subnetKey{lower, v, n.scope, true}, n)
			add(subnetKey{name: lower, vnet: v}, n)
		}
	}
	b.readName()
	lower, v := strings.ToLower(name), FoldKey(vnet)
	if len(b.byScopedName[KindSubnet+"|"+r.Scope+"|"+lower]) > 0 {
		return b.subnets[subnetKey{lower, v, r.Scope, true}].in(rg)
	}
	return b.subnets[subnetKey{name: lower, vnet: v}].in(rg)
}
