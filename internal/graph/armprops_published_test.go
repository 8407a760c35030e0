package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// publishedTypesDir holds Azure's published resource type data (the
// bicep-types-az subset described in its README), outside the repository.
const publishedTypesDir = "../../../shared/bicep-types-az"

// pubEntry is one entry of a types.json array; only the fields the test
// reads are decoded.
type pubEntry struct {
	Kind       string               `json:"$type"`
	Name       string               `json:"name"`
	Body       *pubRef              `json:"body"`
	Properties map[string]pubMember `json:"properties"`
	// DiscriminatedObjectType
	BaseProperties map[string]pubMember `json:"baseProperties"`
	Elements       json.RawMessage      `json:"elements"`
	ItemType       *pubRef              `json:"itemType"`
	Value          string               `json:"value"`
}

type pubRef struct {
	Ref string `json:"$ref"`
}

type pubMember struct {
	Type  pubRef `json:"type"`
	Flags int    `json:"flags"`
}

const pubReadOnly = 2

// pubTypes is one types.json file.
type pubTypes struct {
	version string
	entries []pubEntry
}

func (p *pubTypes) at(r pubRef) (*pubEntry, error) {
	i, err := strconv.Atoi(strings.TrimPrefix(r.Ref, "#/"))
	if err != nil || i < 0 || i >= len(p.entries) {
		return nil, fmt.Errorf("bad reference %q in %s", r.Ref, p.version)
	}
	return &p.entries[i], nil
}

// object returns the properties of the object a type is, looking through
// arrays; ok is false when it is not an object.
func (p *pubTypes) object(r pubRef) (map[string]pubMember, bool, error) {
	e, err := p.at(r)
	if err != nil {
		return nil, false, err
	}
	for e.Kind == "ArrayType" && e.ItemType != nil {
		if e, err = p.at(*e.ItemType); err != nil {
			return nil, false, err
		}
	}
	switch e.Kind {
	case "ObjectType":
		return e.Properties, true, nil
	case "DiscriminatedObjectType":
		return e.BaseProperties, true, nil
	}
	return nil, false, nil
}

// literals returns the string literals a type allows (none when it is not
// an enumeration).
func (p *pubTypes) literals(r pubRef) ([]string, error) {
	e, err := p.at(r)
	if err != nil {
		return nil, err
	}
	switch e.Kind {
	case "StringLiteralType":
		return []string{e.Value}, nil
	case "UnionType":
		var refs []pubRef
		if err := json.Unmarshal(e.Elements, &refs); err != nil {
			return nil, err
		}
		var out []string
		for _, el := range refs {
			ls, err := p.literals(el)
			if err != nil {
				return nil, err
			}
			out = append(out, ls...)
		}
		return out, nil
	}
	return nil, nil
}

// pubObject is an object at one path of a resource type, in one API version.
type pubObject struct {
	types *pubTypes
	props map[string]pubMember
}

func isPreviewVersion(v string) bool { return strings.Contains(v, "preview") }

// TestNewestKnownAPIVersions checks that the newest API version per
// provider that the property checks treat as known is the newest in the
// published type data.
func TestNewestKnownAPIVersions(t *testing.T) {
	dir, err := filepath.Abs(publishedTypesDir)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("published Azure type data not found at %s", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		versions, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range versions {
			if v.IsDir() && v.Name() > got[e.Name()] {
				got[e.Name()] = v.Name()
			}
		}
	}
	if diff := cmp.Diff(got, newestKnownAPI); diff != "" {
		t.Errorf("newestKnownAPI differs from the published types (-published +table):\n%s", diff)
	}
}

// TestARMPropsAgreeWithPublishedTypes checks the property table against
// Azure's published type data: every writable property exists at the same
// path and is writable in at least one published API version, every
// read-only one is read-only wherever it exists, every enum value is one
// the published type allows, and properties marked preview are absent from
// the stable API versions present.
func TestARMPropsAgreeWithPublishedTypes(t *testing.T) {
	dir, err := filepath.Abs(publishedTypesDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("published Azure type data not found at %s; the property table is not compared with it", dir)
	}
	files := map[string][]*pubTypes{} // by lowercased namespace
	load := func(ns string) []*pubTypes {
		if ts, ok := files[ns]; ok {
			return ts
		}
		paths, err := filepath.Glob(filepath.Join(dir, ns, "*", "types.json"))
		if err != nil {
			t.Fatal(err)
		}
		var ts []*pubTypes
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			pt := &pubTypes{version: filepath.Base(filepath.Dir(p))}
			if err := json.Unmarshal(raw, &pt.entries); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			ts = append(ts, pt)
		}
		files[ns] = ts
		return ts
	}

	var problems []string
	typeNames := make([]string, 0, len(armTypeProps))
	for typ := range armTypeProps {
		typeNames = append(typeNames, typ)
	}
	slices.Sort(typeNames)
	for _, typ := range typeNames {
		ns, _, _ := strings.Cut(typ, "/")
		var bodies []pubObject
		for _, pt := range load(ns) {
			for i := range pt.entries {
				e := &pt.entries[i]
				name, _, _ := strings.Cut(e.Name, "@")
				if e.Kind != "ResourceType" || !strings.EqualFold(name, typ) || e.Body == nil {
					continue
				}
				props, ok, err := pt.object(*e.Body)
				if err != nil {
					t.Fatal(err)
				}
				if ok {
					bodies = append(bodies, pubObject{types: pt, props: props})
				}
			}
		}
		if len(bodies) == 0 {
			problems = append(problems, fmt.Sprintf("%s: no published API version of this type under %s", typ, dir))
			continue
		}
		c := &pubComparison{typ: typ}
		c.compare(armTypeProps[typ], bodies, "")
		if c.err != nil {
			t.Fatal(c.err)
		}
		problems = append(problems, c.problems...)
		for _, p := range c.previews {
			t.Logf("%s: preview-only, not checked against the stable API versions present", p)
		}
	}
	if len(problems) > 0 {
		t.Errorf("the property table disagrees with the published types in %s:\n%s", dir, strings.Join(problems, "\n"))
	}
}

type pubComparison struct {
	typ      string
	problems []string
	// previews lists the preview-only properties, which the stable API
	// versions cannot confirm.
	previews []string
	err      error
}

func (c *pubComparison) report(path, format string, args ...any) {
	c.problems = append(c.problems, c.typ+": "+path+": "+fmt.Sprintf(format, args...))
}

// compare checks table properties against the published objects at path,
// one per API version that has it.
func (c *pubComparison) compare(props []armProp, objs []pubObject, path string) {
	for _, p := range props {
		pp := AttrPath(path, p.name)
		var found []pubObject // the versions defining p
		var members []pubMember
		var versions []string
		for _, o := range objs {
			versions = append(versions, o.types.version)
			for k, m := range o.props {
				if k == p.name {
					found = append(found, o)
					members = append(members, m)
				}
			}
		}
		if p.preview {
			c.previews = append(c.previews, c.typ+": "+pp)
			for _, o := range found {
				if !isPreviewVersion(o.types.version) {
					c.report(pp, "marked preview-only, but stable API version %s defines it", o.types.version)
				}
			}
			continue
		}
		if len(found) == 0 {
			c.report(pp, "not a property in any published API version (%s)", strings.Join(versions, ", "))
			continue
		}
		writable := false
		for i, m := range members {
			ro := m.Flags&pubReadOnly != 0
			writable = writable || !ro
			if p.readOnly && !ro {
				c.report(pp, "marked read-only, but writable in %s", found[i].types.version)
			}
		}
		if !p.readOnly && !writable {
			c.report(pp, "marked writable, but read-only in every published API version")
		}
		for i, m := range members {
			if p.enum == nil {
				break
			}
			allowed, err := found[i].types.literals(m.Type)
			if err != nil {
				c.err = err
				return
			}
			if len(allowed) == 0 {
				c.report(pp, "marked as an enumeration, but %s allows any string", found[i].types.version)
				continue
			}
			for _, v := range p.enum {
				if !slices.Contains(allowed, v) {
					c.report(pp, "enum value %q is not allowed by %s (allowed: %s)", v, found[i].types.version, strings.Join(allowed, ", "))
				}
			}
		}
		if p.props == nil {
			continue
		}
		var inner []pubObject
		for i, m := range members {
			props, ok, err := found[i].types.object(m.Type)
			if err != nil {
				c.err = err
				return
			}
			if ok {
				inner = append(inner, pubObject{types: found[i].types, props: props})
			}
		}
		if len(inner) == 0 {
			c.report(pp, "checked as an object, but no published API version makes it one")
			continue
		}
		c.compare(p.props, inner, pp)
	}
}

// TestARMPropsTable checks the table's own shape: names are unique at each
// level, enums are not read-only, and every type the graph maps from ARM
// sources for the network model has an entry.
func TestARMPropsTable(t *testing.T) {
	var check func(typ, path string, props []armProp)
	check = func(typ, path string, props []armProp) {
		seen := map[string]bool{}
		for _, p := range props {
			k := strings.ToLower(p.name)
			if seen[k] {
				t.Errorf("%s: %s listed twice", typ, AttrPath(path, p.name))
			}
			seen[k] = true
			if p.readOnly && (p.enum != nil || p.props != nil) {
				t.Errorf("%s: %s is read-only and also checked", typ, AttrPath(path, p.name))
			}
			if path == "" && slices.ContainsFunc(templateMembers, func(m string) bool { return strings.EqualFold(m, p.name) }) {
				t.Errorf("%s: %s is a template member", typ, p.name)
			}
			check(typ, AttrPath(path, p.name), p.props)
		}
	}
	for typ, props := range armTypeProps {
		if typ != strings.ToLower(typ) {
			t.Errorf("%s: table keys are lowercase", typ)
		}
		check(typ, "", props)
	}
	for _, typ := range []string{
		"Microsoft.ContainerRegistry/registries", "Microsoft.ContainerRegistry/registries/replications",
		"Microsoft.Network/privateEndpoints", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
		"Microsoft.Network/privateDnsZones", "Microsoft.Network/privateDnsZones/A", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
		"Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworks/subnets",
	} {
		if _, ok := armPropsFor(typ); !ok {
			t.Errorf("%s has no property table", typ)
		}
		if _, ok := armMappingFor(typ); !ok {
			t.Errorf("%s is not mapped by the graph", typ)
		}
	}
}
