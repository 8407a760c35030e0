package graph

import (
	"strings"
	"testing"
)

// TestMappingsFoldApart: no two mapped types differ only in case, so that
// an ARM type written in any case finds one mapping.
func TestMappingsFoldApart(t *testing.T) {
	seen := map[string]string{}
	for k := range mappings {
		if prev, ok := seen[strings.ToLower(k)]; ok {
			t.Errorf("%s and %s differ only in case", prev, k)
		}
		seen[strings.ToLower(k)] = k
	}
	for _, typ := range []string{"microsoft.network/VIRTUALNETWORKS", "Microsoft.Network/virtualNetworks"} {
		if m, ok := armMappingFor(typ); !ok || m.kind != KindVNet {
			t.Errorf("%s: mapping %+v, %v", typ, m, ok)
		}
	}
	if _, ok := armMappingFor("Microsoft.Web/sites/slots/unknown"); ok {
		t.Error("an unmodelled type has a mapping")
	}
}
