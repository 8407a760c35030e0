package cli

import "testing"

// TestDeterministicOutput scans the same input several times: JSON and
// SARIF must be byte-identical.
func TestDeterministicOutput(t *testing.T) {
	for _, format := range []string{"json", "sarif", "text"} {
		_, first, _ := run(t, "scan", "--format", format, "../../testdata")
		for range 3 {
			if _, again, _ := run(t, "scan", "--format", format, "../../testdata"); again != first {
				t.Fatalf("%s output differs between runs", format)
			}
		}
	}
}
