package bicep

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseModuleRef(t *testing.T) {
	aliases := map[string]string{"corp": "contosoregistry.azurecr.io/bicep/modules"}
	cases := []struct {
		in   string
		want ModuleRef
		err  string
	}{
		{in: "br/public:avm/res/container-registry/registry:0.4.0", want: ModuleRef{Registry: "mcr.microsoft.com", Repository: "bicep/avm/res/container-registry/registry", Tag: "0.4.0"}},
		{in: "br:contosoregistry.azurecr.io/bicep/storage:v1", want: ModuleRef{Registry: "contosoregistry.azurecr.io", Repository: "bicep/storage", Tag: "v1"}},
		{in: "br/corp:network/hub:2024-01-01", want: ModuleRef{Registry: "contosoregistry.azurecr.io", Repository: "bicep/modules/network/hub", Tag: "2024-01-01"}},
		{in: "br:reg.azurecr.io/m@sha256:abc", want: ModuleRef{Registry: "reg.azurecr.io", Repository: "m", Digest: "sha256:abc"}},
		{in: "br/unknown:x:1", err: "not defined in bicepconfig.json"},
		{in: "br:reg.azurecr.io/m", err: "has no tag"},
		{in: "./local.bicep", err: "not a registry module reference"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseModuleRef(c.in, aliases)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("want error %q, got %v", c.err, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCachedTemplate(t *testing.T) {
	ref := ModuleRef{Registry: "mcr.microsoft.com", Repository: "bicep/avm/res/container-registry/registry", Tag: "0.4.0"}
	want := filepath.Join("/home/u/.bicep", "br", "mcr.microsoft.com", "bicep$avm$res$container-registry$registry", "0.4.0$", "main.json")
	if got := CachedTemplate("/home/u/.bicep", ref); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
