package graph

import (
	"path"
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/parallel"
)

// mapping turns one source resource type into nodes.
type mapping struct {
	// armType is the Azure resource type the source type deploys, used to
	// match literal resource IDs.
	armType string
	// armName returns the full resource name in an ID when it is not the
	// name alone (vnet/subnet for a subnet).
	armName func(m *mapper) string
	kind    string
	// primary builds the node of a resource that is a node of its own.
	primary func(m *mapper)
	// fold adds a resource that is part of another node (a DNS record to its
	// zone, a VNet link to its zone); it runs after every primary node exists.
	fold func(b *builder, r *Resource)
	// early folds run before the others (a firewall policy before its rule
	// collection groups).
	early bool
}

// mappings by source resource type; terraform.go and arm types add to it.
var mappings = map[string]mapping{}

// builder holds the state of one graph build.
type builder struct {
	g *Graph
	// byAddr maps addrKey to node id.
	byAddr map[string]string
	// byARMID maps a lowercased resource ID without its subscription
	// ("rg/provider/type/name[/child/name]") to node id.
	byARMID map[string]string
	// byScopedARMID is byARMID by the Resource.Scope of the node.
	byScopedARMID map[string]string
	// byName maps "kind|lowercased name" to node ids, and byScopedName
	// "kind|scope|lowercased name": many scopes may use one name (every
	// stack its privatelink.azurecr.io zone).
	byName       map[string][]string
	byScopedName map[string][]string
	// names counts the same nodes by resource group (see sameName), and
	// subnets the subnets by VNet name, once needed.
	names   map[nameKey]*sameName
	subnets map[subnetKey]*sameName
	// readded is set when a node id is added again (one address declared
	// twice): the index entries of the id then hold the node last added.
	readded bool
	// pending resolutions that need every node to exist.
	later []func()
	// finish runs last, once child resources are folded in; finishFirst
	// (the firewalls' policies) before it, the last added first.
	finish, finishFirst []func()
	// fwIPs indexes firewalls by private address (see firewallByIP).
	fwIPs map[string]string
	// policies holds firewall policies by addrKey and resource ID key.
	policies map[string]*policy
	// acrPools holds ACR agent pools by lowercased name.
	acrPools map[string]acrPool
	// unmodelled maps the addrKey of each resource of a type the graph
	// does not model to its type.
	unmodelled map[string]string
	// nameReads, when not nil, counts what lookups by name and resource
	// group read (see readName), so that a test can tell that a lookup
	// does not read every node of a name. Build leaves it nil.
	nameReads *int
}

// Build normalizes resources into the graph. Resources of types acrlint does
// not model are ignored.
func Build(resources []Resource) *Graph {
	return build(resources, nil)
}

// build is Build, adding what lookups by name read to nameReads when it is
// not nil.
func build(resources []Resource, nameReads *int) *Graph {
	b := &builder{
		g:             &Graph{Nodes: map[string]*Node{}},
		byAddr:        map[string]string{},
		byARMID:       map[string]string{},
		byScopedARMID: map[string]string{},
		byName:        map[string][]string{},
		byScopedName:  map[string][]string{},
		names:         map[nameKey]*sameName{},
		acrPools:      map[string]acrPool{},
		unmodelled:    map[string]string{},
		nameReads:     nameReads,
	}
	// Properties Azure would not take as written (armprops.go) are read
	// from the resources alone, beside the build.
	props := make(chan diag.Diagnostics, 1)
	go func() { props <- checkARMProps(resources) }()
	var folds []*Resource
	var mappers []*mapper
	for i := range resources {
		r := &resources[i]
		mp, ok := mappings[r.Type]
		if !ok && r.Format != "terraform" {
			mp, ok = armMappingFor(r.Type)
		}
		if !ok {
			b.unmodelled[addrKey(r, r.Address)] = r.Type
			continue
		}
		if mp.primary == nil {
			folds = append(folds, r)
			continue
		}
		if r.Unexpanded {
			continue
		}
		mappers = append(mappers, &mapper{b: b, r: r, mp: mp})
	}
	// The nodes are read on every CPU: a primary reads its own resource
	// and stages what it adds to the builder, which is applied here in the
	// order of the resources, so the graph does not depend on the schedule.
	parallel.For(len(mappers), parallel.Workers(len(mappers), 256), func(i int) {
		m := mappers[i]
		m.n = newNode(m.r, m.mp)
		if !m.r.Existing {
			m.mp.primary(m)
		}
	})
	for _, m := range mappers {
		b.byAddr[addrKey(m.r, m.r.Address)] = m.n.ID
	}
	for _, m := range mappers {
		if !m.r.Existing {
			m.apply()
		}
	}
	// An existing resource (a data source) that names a node defined in the
	// scan is that node; otherwise it is an external node holding only what
	// the source says, without defaults.
	for _, m := range mappers {
		if !m.r.Existing || m.aliasExisting() {
			continue
		}
		if m.n.Name != "" {
			if _, child, ok := strings.Cut(m.n.Name, "/"); ok && m.n.Kind == KindSubnet {
				m.n.Name = child // the subnet's own name, as for one defined in the scan
			}
			m.n.Attrs = map[string]any{"name": m.n.Name}
		}
		m.commit()
		m.apply()
	}
	slices.SortStableFunc(folds, func(x, y *Resource) int {
		switch ex, ey := mapFor(x).early, mapFor(y).early; {
		case ex && !ey:
			return -1
		case ey && !ex:
			return 1
		}
		return 0
	})
	for _, r := range folds {
		mapFor(r).fold(b, r)
	}
	for _, f := range b.later {
		f()
	}
	for _, f := range slices.Backward(b.finishFirst) {
		f()
	}
	for _, f := range b.finish {
		f()
	}
	for _, n := range b.g.Nodes {
		slices.Sort(n.Unknown)
		n.Unknown = slices.Compact(n.Unknown)
	}
	b.g.Diagnostics = append(b.g.Diagnostics, <-props...)
	return b.g
}

// nodeID makes the stable id of a node: kind/file/address. A Terraform
// module outside the directory of the root module that calls it may be
// called by several root modules with the same address, so its resources'
// ids also name the root module: kind/file/address@root.
func nodeID(kind string, r *Resource) string {
	id := kind + "/" + r.Range.File + "/" + r.Address
	if r.Format == "terraform" && r.Scope != "" && r.Scope != "." && !strings.HasPrefix(r.Range.File, r.Scope+"/") {
		id += "@" + r.Scope
	}
	return id
}

func (b *builder) add(n *Node) {
	if n.Attrs == nil {
		n.Attrs = map[string]any{}
	}
	if n.AttrLines == nil {
		n.AttrLines = map[string]int{}
	}
	if n.Unknown == nil {
		n.Unknown = []string{}
	}
	if _, ok := b.g.Nodes[n.ID]; ok {
		b.readded = true
	}
	b.g.Nodes[n.ID] = n
	if n.Name != "" {
		lower := strings.ToLower(n.Name)
		k := n.Kind + "|" + lower
		b.byName[k] = append(b.byName[k], n.ID)
		sk := n.Kind + "|" + n.scope + "|" + lower
		b.byScopedName[sk] = append(b.byScopedName[sk], n.ID)
		b.countName(nameKey{kind: n.Kind, name: lower}, n)
		b.countName(nameKey{n.Kind, n.scope, lower, true}, n)
	}
}

func (b *builder) countName(k nameKey, n *Node) {
	s := b.names[k]
	if s == nil {
		s = &sameName{}
		b.names[k] = s
	}
	s.add(n)
}

// mapper reads one resource into one node. Mappers run concurrently: what
// one adds to the builder (nodes, index entries, work for later phases) is
// staged and applied by apply, in the order of the resources.
type mapper struct {
	b  *builder
	r  *Resource
	n  *Node
	mp mapping
	// nodes and ids are the nodes to add and the resource IDs to index.
	nodes []*Node
	ids   []indexEntry
	// later, finish and finishFirst are added to the builder's lists.
	laterFns, finishFns, finishFirstFns []func()
}

// newNode makes the node of a resource with what every kind has: id,
// source, name, resource group, subscription and location.
func newNode(r *Resource, mp mapping) *Node {
	n := &Node{
		ID:   nodeID(mp.kind, r),
		Kind: mp.kind,
		Source: Source{
			Format: r.Format, File: r.Range.File, Line: r.Range.Start.Line, Column: r.Range.Start.Column,
			EndLine: r.Range.End.Line, Address: r.Address,
		},
		External:  r.Existing,
		scope:     r.Scope,
		Attrs:     map[string]any{},
		AttrLines: map[string]int{},
		Unknown:   []string{},
	}
	if s, ok := str(r, "name"); ok {
		n.Name = s
	}
	if s, ok := str(r, "resource_group_name"); ok {
		n.ResourceGroup = s
	} else if r.ResourceGroup != "" {
		n.ResourceGroup = r.ResourceGroup
	}
	n.Subscription = r.Subscription
	if s, ok := str(r, "location"); ok {
		n.Location = NormalizeLocation(s)
	}
	return n
}

// indexEntry is the resource ID rg/armType/name of node id.
type indexEntry struct{ rg, armType, name, id string }

// add stages a node to add to the graph.
func (m *mapper) add(n *Node) { m.nodes = append(m.nodes, n) }

// index stages an index entry (see builder.index).
func (m *mapper) index(rg, armType, name, id string) {
	m.ids = append(m.ids, indexEntry{rg, armType, name, id})
}

// later stages work that needs every node to exist.
func (m *mapper) later(f func()) { m.laterFns = append(m.laterFns, f) }

// finish stages work that runs once child resources are folded in.
func (m *mapper) finish(f func()) { m.finishFns = append(m.finishFns, f) }

// finishFirst stages work that runs before the finish work.
func (m *mapper) finishFirst(f func()) { m.finishFirstFns = append(m.finishFirstFns, f) }

// apply adds what the mapper staged to the builder.
func (m *mapper) apply() {
	for _, n := range m.nodes {
		m.b.add(n)
	}
	for _, e := range m.ids {
		m.b.index(e.rg, e.armType, e.name, e.id)
	}
	m.b.later = append(m.b.later, m.laterFns...)
	m.b.finish = append(m.b.finish, m.finishFns...)
	m.b.finishFirst = append(m.b.finishFirst, m.finishFirstFns...)
	m.nodes, m.ids, m.laterFns, m.finishFns, m.finishFirstFns = nil, nil, nil, nil, nil
}

// aliasExisting points an existing resource at the node of the same kind,
// name and resource group defined in the scan, if there is exactly one.
func (m *mapper) aliasExisting() bool {
	if m.n.Name == "" {
		return false
	}
	match := m.b.namedIn(m.n.Kind, m.n.Name, m.n.ResourceGroup, m.r)
	parent, child, isChild := strings.Cut(m.n.Name, "/")
	if isChild && m.n.Kind == KindSubnet && len(m.b.named(KindSubnet, m.n.Name, m.r)) == 0 {
		// An existing subnet named by its ARM name (vnet/subnet) is the
		// subnet of that name in the VNet of that name.
		match = m.b.subnetIn(child, parent, m.n.ResourceGroup, m.r)
	}
	// External nodes are not what an existing resource names.
	if match.defined != 1 {
		return false
	}
	m.b.byAddr[addrKey(m.r, m.r.Address)] = match.firstDefined
	return true
}

// commit stages the node and the index entry of its resource ID.
func (m *mapper) commit() *Node {
	m.add(m.n)
	name := m.n.Name
	if m.mp.armName != nil {
		name = m.mp.armName(m)
	}
	if name != "" && m.mp.armType != "" {
		m.index(m.n.ResourceGroup, m.mp.armType, name, m.n.ID)
	}
	return m.n
}

func armKey(rg, armType, name string) string {
	return strings.ToLower(rg + "/" + armType + "/" + name)
}

// get returns the value at a path of the body: "a.b" reads attribute b of
// a, taking the first block when a is a list of blocks.
func get(body map[string]Value, p string) (Value, bool) {
	var cur Value = body
	for part := range strings.SplitSeq(p, ".") {
		switch x := cur.(type) {
		case map[string]Value:
			k, ok := key(x, part)
			if !ok {
				return nil, false
			}
			cur = x[k]
		case []Value:
			if len(x) == 0 {
				return nil, false
			}
			obj, ok := x[0].(map[string]Value)
			if !ok {
				return x[0], true
			}
			k, ok := key(obj, part)
			if !ok {
				return nil, false
			}
			cur = obj[k]
		case Unknown:
			return x, true
		default:
			return nil, false
		}
	}
	return cur, true
}

// setLine records on n where attr was set: the position of path p.
func (m *mapper) setLine(n *Node, attr, p string) {
	pos := m.pos(p)
	n.AttrLines[attr] = pos.Line
	if n.attrCols == nil {
		n.attrCols = map[string]int{}
	}
	n.attrCols[attr] = pos.Column
}

// pos returns the position of a dotted path of the body, reading the first
// block of each block list on the way.
func (m *mapper) pos(p string) diag.Pos {
	parts := strings.Split(p, ".")
	var cur Value = m.r.Body
	lp := ""
	for _, part := range parts {
		obj, ok := cur.(map[string]Value)
		if !ok {
			lp = AttrPath(lp, part)
			break
		}
		if k, found := key(obj, part); found {
			part = k
		}
		lp = AttrPath(lp, part)
		cur = obj[part]
		if l, ok := cur.([]Value); ok && len(l) > 0 {
			if _, isObj := l[0].(map[string]Value); isObj {
				lp = IndexPath(lp, 0)
				cur = l[0]
			}
		}
	}
	return m.r.Line(lp)
}

// str reads a known string.
func (m *mapper) str(p string) (string, bool) { return str(m.r, p) }

// str reads a known string at path p of r's body.
func str(r *Resource, p string) (string, bool) {
	v, ok := get(r.Body, p)
	if !ok {
		return "", false
	}
	s, ok := Strip(v).(string)
	return s, ok
}

// present reports whether p is set in the source, and whether its value is
// unknown (then attr is listed as unknown on the node).
func (m *mapper) present(attr, p string) (Value, bool) {
	v, ok := get(m.r.Body, p)
	if !ok || v == nil {
		return nil, false
	}
	m.setLine(m.n, attr, p)
	if _, isUnknown := v.(Unknown); isUnknown {
		m.n.Unknown = append(m.n.Unknown, attr)
		return nil, false
	}
	return v, true
}

// setString sets attr from the string at p, or def when p is not set.
func (m *mapper) setString(attr, p, def string) {
	if v, ok := m.present(attr, p); ok {
		if s, ok := Strip(v).(string); ok {
			m.n.Attrs[attr] = s
			return
		}
		m.n.Unknown = append(m.n.Unknown, attr)
		return
	}
	if slices.Contains(m.n.Unknown, attr) {
		return
	}
	if def != "" {
		m.n.Attrs[attr] = def
		return
	}
}

// setBool sets attr from the bool at p, or def when p is not set.
func (m *mapper) setBool(attr, p string, def bool) {
	if v, ok := m.present(attr, p); ok {
		switch x := Strip(v).(type) {
		case bool:
			m.n.Attrs[attr] = x
			return
		case string:
			if x == "true" || x == "false" {
				m.n.Attrs[attr] = x == "true"
				return
			}
		}
		m.n.Unknown = append(m.n.Unknown, attr)
		return
	}
	if slices.Contains(m.n.Unknown, attr) {
		return
	}
	m.n.Attrs[attr] = def
}

// setFlag sets attr to whether the string at p is on (such as "Enabled"
// or "AzureServices"), or to def when p is not set.
func (m *mapper) setFlag(attr, p, on string, def bool) {
	if v, ok := m.present(attr, p); ok {
		if s, isString := Strip(v).(string); isString {
			m.n.Attrs[attr] = strings.EqualFold(s, on)
			return
		}
		m.n.Unknown = append(m.n.Unknown, attr)
		return
	}
	if !slices.Contains(m.n.Unknown, attr) {
		m.n.Attrs[attr] = def
	}
}

// setStrings sets attr from the list of strings at p ([] when not set).
func (m *mapper) setStrings(attr, p string) {
	v, ok := m.present(attr, p)
	if !ok {
		if slices.Contains(m.n.Unknown, attr) {
			return
		}
		m.n.Attrs[attr] = []string{}
		return
	}
	out, ok := stringList(v)
	if !ok {
		m.n.Unknown = append(m.n.Unknown, attr)
		return
	}
	m.n.Attrs[attr] = out
}

func stringList(v Value) ([]string, bool) {
	switch x := Strip(v).(type) {
	case []Value:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	case string:
		return []string{x}, true
	}
	return nil, false
}

// blocks returns the objects of a nested block (a list of blocks in HCL, an
// object or a list of objects in JSON); ok is false when unknown.
func blocks(v Value) ([]map[string]Value, bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case map[string]Value:
		return []map[string]Value{x}, true
	case []Value:
		out := make([]map[string]Value, 0, len(x))
		for _, e := range x {
			obj, ok := e.(map[string]Value)
			if !ok {
				return nil, false
			}
			out = append(out, obj)
		}
		return out, true
	}
	return nil, false
}

// resolve turns a reference value into a node id of the wanted kind: a
// reference to a scanned resource, a literal resource ID of a scanned
// resource, or an external stub. ok is false when the value is unknown.
func (b *builder) resolve(from *Resource, v Value, kind string) (string, bool) {
	for _, r := range RefsOf(v) {
		if id, ok := b.byAddr[addrKey(from, r.Address)]; ok {
			if kind == KindSubnet && b.g.Nodes[id] != nil && b.g.Nodes[id].Kind == KindVNet {
				// A value read from a VNet (one of its subnets' IDs) is
				// not the VNet: which subnet is not known.
				return "", false
			}
			return id, true
		}
	}
	for _, r := range RefsOf(v) {
		// A resource of a type the graph does not model: known to be
		// something else (a storage account, a workspace).
		if typ, ok := b.unmodelled[addrKey(from, r.Address)]; ok {
			return "resource/" + typ + "/" + r.Address, true
		}
	}
	s, isString := Strip(v).(string)
	if !isString {
		return "", false
	}
	if rel, ok := relativeID(s); ok {
		s = rel
	}
	if id, ok := b.lookupARMID(s, from.Scope); ok {
		return id, true
	}
	if !strings.HasPrefix(s, "/") {
		return "", false
	}
	if _, typ, _, ok := ParseResourceID(s); ok {
		mp, modelled := armMappingFor(typ)
		if !modelled || mp.kind == "" {
			return s, true // not a kind of the graph: the ID says what it is
		}
		kind = mp.kind
	}
	return b.stub(s, kind), true
}

// relativeID turns the relative form ARM and Bicep use for a resource of
// the same deployment ("Microsoft.ContainerRegistry/registries/acr", as in
// an extension resource's scope) into a resource ID in any group.
func relativeID(s string) (string, bool) {
	parts := strings.Split(s, "/")
	if len(parts) < 3 || len(parts)%2 == 0 || !strings.Contains(parts[0], ".") || strings.HasPrefix(s, "/") {
		return "", false
	}
	return "/subscriptions/" + anyGroup + "/resourceGroups/" + anyGroup + "/providers/" + s, true
}

// lookupARMID finds the node with a literal resource ID, preferring one
// declared in scope: a repository may hold several designs that use the
// same names, and an ID in a template names the resource of its own
// deployment when there is one.
func (b *builder) lookupARMID(id, scope string) (string, bool) {
	rg, typ, name, ok := ParseResourceID(id)
	if !ok {
		return "", false
	}
	if n, ok := b.byScopedARMID[scope+"\x00"+armKey(rg, typ, name)]; ok && rg != anyGroup && n != ambiguous {
		return n, true
	}
	if n, ok := b.byScopedARMID[scope+"\x00"+armKey(anyGroup, typ, name)]; ok && n != ambiguous {
		return n, true
	}
	if n, ok := b.byARMID[armKey(rg, typ, name)]; ok && rg != anyGroup {
		return n, true
	}
	n, ok := b.byARMID[armKey(anyGroup, typ, name)]
	return n, ok && n != ambiguous
}

// anyGroup indexes a node whose resource group the source does not say (an
// ARM template is deployed to a group chosen at deployment time): a
// resource ID in any group matches it when no node matches exactly.
const anyGroup = "*"

// ambiguous marks an index entry that several nodes claim.
const ambiguous = "\x00ambiguous"

// index records the node with the resource ID rg/armType/name.
func (b *builder) index(rg, armType, name, id string) {
	if rg == "" {
		rg = anyGroup
	}
	key := armKey(rg, armType, name)
	set := func(m map[string]string, k string) {
		prev, ok := m[k]
		switch {
		case !ok || prev == id:
			m[k] = id
		case rg == anyGroup:
			m[k] = ambiguous
		case id < prev:
			// Several nodes with one full ID (each stack declaring the
			// shared registry existing): the same one whatever the order
			// files are read in.
			m[k] = id
		}
	}
	set(b.byARMID, key)
	if n, ok := b.g.Nodes[id]; ok {
		set(b.byScopedARMID, n.scope+"\x00"+key)
	}
}

// stub returns the external node for a resource ID outside the scan.
func (b *builder) stub(id, kind string) string {
	sid := "external/" + kind + "/" + strings.ToLower(id)
	if _, ok := b.g.Nodes[sid]; ok {
		return sid
	}
	rg, _, name, ok := ParseResourceID(id)
	n := &Node{ID: sid, Kind: kind, External: true, Source: Source{Address: id}}
	if ok {
		n.ResourceGroup = rg
		n.Name = path.Base(name)
		if sub := subscriptionOf(id); sub != "" {
			n.Subscription = sub
			if kind == KindSubnet {
				n.Attrs = map[string]any{"subscription": sub}
			}
		}
	}
	b.add(n)
	return sid
}

// ParseResourceID splits an Azure resource ID into its resource group, its
// full type (Microsoft.Network/virtualNetworks/subnets) and its full name
// (vnet/subnet).
func ParseResourceID(id string) (rg, typ, name string, ok bool) {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	// subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{type}/{name}]...
	if len(parts) < 8 || !strings.EqualFold(parts[0], "subscriptions") || !strings.EqualFold(parts[2], "resourceGroups") || !strings.EqualFold(parts[4], "providers") {
		return "", "", "", false
	}
	rest := parts[6:]
	if len(rest)%2 != 0 {
		return "", "", "", false
	}
	types := []string{parts[5]}
	var names []string
	for i := 0; i < len(rest); i += 2 {
		types = append(types, rest[i])
		names = append(names, rest[i+1])
	}
	return parts[3], strings.Join(types, "/"), strings.Join(names, "/"), true
}

func subscriptionOf(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	if len(parts) > 1 && strings.EqualFold(parts[0], "subscriptions") {
		return parts[1]
	}
	return ""
}

// NormalizeLocation turns a display name ("West Europe") into the location
// name Azure uses in host names ("westeurope").
func NormalizeLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}

func mapFor(r *Resource) mapping {
	if mp, ok := mappings[r.Type]; ok {
		return mp
	}
	mp, _ := armMappingFor(r.Type)
	return mp
}

// addrKey names the resource at address as seen from r: addresses are
// unique within one format and scope (a Terraform root module, an ARM
// deployment).
func addrKey(r *Resource, address string) string {
	return r.Format + "|" + r.Scope + "|" + address
}

// named returns the ids of the nodes of a kind with a name, those declared
// in r's scope when there are any, else all of them.
func (b *builder) named(kind, name string, r *Resource) []string {
	if same := b.byScopedName[kind+"|"+r.Scope+"|"+strings.ToLower(name)]; len(same) > 0 {
		return same
	}
	return b.byName[kind+"|"+strings.ToLower(name)]
}

// key finds a property: by its exact name, else case-insensitively (ARM
// property names are case-insensitive).
func key(m map[string]Value, name string) (string, bool) {
	if _, ok := m[name]; ok {
		return name, true
	}
	for k := range m {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}
