package syntax

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRealisticFiles parses whole templates of the kind acrlint reads and
// requires them to parse without a diagnostic.
func TestRealisticFiles(t *testing.T) {
	var n int
	err := filepath.WalkDir("testdata/files", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(path, ".bicep") && !strings.HasSuffix(path, ".bicepparam")) {
			return err
		}
		n++
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := parseOK(t, path, string(src))
			if len(f.Statements) == 0 {
				t.Error("no statements")
			}
			// Printing and parsing again gives the same tree.
			if f.Params {
				return
			}
			again := parseOK(t, path, f.String())
			if diff := cmp.Diff(f.String(), again.String()); diff != "" {
				t.Errorf("reprinted file parses differently (-first +second):\n%s", diff)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Errorf("found %d files", n)
	}
}

func TestHubSpokeStructure(t *testing.T) {
	src, err := os.ReadFile("testdata/files/hub-spoke.bicep")
	if err != nil {
		t.Fatal(err)
	}
	f := parseOK(t, "hub-spoke.bicep", string(src))
	var got []string
	for _, s := range f.Statements {
		switch s := s.(type) {
		case *ResourceDecl:
			line := "resource " + s.Name.Name + " " + Format(s.Type)
			if obj, ok := s.Body.(*ObjectExpr); ok {
				for _, it := range obj.Items {
					if c, ok := it.(*ResourceDecl); ok {
						line += " > " + c.Name.Name + " " + Format(c.Type)
					}
				}
			}
			if _, ok := s.Body.(*ForExpr); ok {
				line += " (loop)"
			}
			got = append(got, line)
		case *ModuleDecl:
			kind := "object"
			switch s.Body.(type) {
			case *ForExpr:
				kind = "loop"
			case *IfExpr:
				kind = "condition"
			}
			got = append(got, "module "+s.Name.Name+" "+Format(s.Path)+" ("+kind+")")
		}
	}
	want := []string{
		"resource hubVnet 'Microsoft.Network/virtualNetworks@2023-05-01' > peSubnet 'subnets'",
		"resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' > replicas 'replications'",
		"resource privateDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01'",
		"resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' (loop)",
		"resource hubLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01'",
		"resource privateEndpoint 'Microsoft.Network/privateEndpoints@2023-05-01' > zoneGroup 'privateDnsZoneGroups'",
		"module spokeNetworks 'modules/spoke.bicep' (loop)",
		"module dns 'br/public:avm/res/network/private-dns-zone:0.7.1' (condition)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
