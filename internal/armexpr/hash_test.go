package armexpr

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUniqueString(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		// Tests of the azapi Terraform provider's unique_string(), which
		// mirrors ARM's function:
		// https://github.com/Azure/terraform-provider-azapi/blob/main/internal/services/functions/unique_string_function_test.go
		{name: "azapi subscription and id", args: []string{"/subscriptions/00000000-0000-0000-0000-000000000000", "resource-id"}, want: "cwvxuqg24sifi"},
		{name: "azapi fu", args: []string{"fu"}, want: "6rkxbspxjmsho"},
		{name: "azapi fubar", args: []string{"fubar"}, want: "cj2xpqsiwjfne"},
		{name: "azapi fu bar", args: []string{"fu", "bar"}, want: "q5wxoscxs5j6k"},
		// Evaluated with Microsoft's Azure.Deployments.Expression package:
		// https://stackoverflow.com/questions/43295720/azure-arm-uniquestring-function-mimic
		{name: "tyeth", args: []string{"tyeth"}, want: "zcztcwvu6iyg6"},
		// https://github.com/JasonWhall/go-azure-uniquestring (README)
		{name: "hello world", args: []string{"hello", "world"}, want: "a7wkljktk6wne"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, UniqueString(tt.args...)); diff != "" {
				t.Errorf("UniqueString(%q) (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}

func TestMurmur64(t *testing.T) {
	// The hash of "hello-world" as printed by
	// https://github.com/JasonWhall/go-azure-uniquestring (README).
	if got, want := murmur64([]byte("hello-world")), uint64(571013382255652050); got != want {
		t.Errorf("murmur64(hello-world) = %d, want %d", got, want)
	}
	// Every tail length (0 to 7 bytes after the 8-byte blocks) gives a
	// distinct 13-character string.
	seen := map[string]bool{}
	for n := range 17 {
		s := UniqueString(string(make([]byte, n)) + "x")
		if len(s) != 13 || seen[s] {
			t.Errorf("UniqueString of %d bytes = %q (repeated or wrong length)", n+1, s)
		}
		seen[s] = true
	}
}

func TestGUID(t *testing.T) {
	// guid() is a version 5 (SHA-1) name-based UUID of the arguments
	// joined with '-', in the namespace
	// 11fb06fb-712d-4ddd-98c7-e71bbd588830; TestAzureEngineOutputs checks
	// it against a value Azure's engine computed. Here the UUID v5
	// construction itself is checked against the example in Python's
	// documentation: uuid5(NAMESPACE_DNS, 'python.org') is
	// 886313e1-3b8a-5372-9b90-0c9aee199e5d
	// (https://docs.python.org/3/library/uuid.html#example).
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if diff := cmp.Diff("886313e1-3b8a-5372-9b90-0c9aee199e5d", uuidV5(dns, "python.org")); diff != "" {
		t.Errorf("uuidV5(dns, python.org) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(uuidV5(guidNamespace, "a-b-c"), GUID("a", "b", "c")); diff != "" {
		t.Errorf("GUID(a, b, c) is not the UUID of \"a-b-c\" (-want +got):\n%s", diff)
	}
	g := GUID("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg")
	if len(g) != 36 || g[14] != '5' || (g[19] != '8' && g[19] != '9' && g[19] != 'a' && g[19] != 'b') {
		t.Errorf("GUID = %q, want a version 5, RFC 4122 variant UUID", g)
	}
}
