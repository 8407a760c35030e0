package cli

import (
	"runtime"
	"testing"
)

// TestDeterministicOutput scans the same input several times, with 1 to 4
// parallel workers: JSON, SARIF and text must be byte-identical. The scan
// package shuffles the order files are read in as well
// (TestDeterministicWhateverTheOrder).
func TestDeterministicOutput(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, format := range []string{"json", "sarif", "text"} {
		runtime.GOMAXPROCS(2)
		_, first, _ := run(t, "scan", "--format", format, "../../testdata")
		for _, workers := range []int{1, 3, 4} {
			runtime.GOMAXPROCS(workers)
			if _, again, _ := run(t, "scan", "--format", format, "../../testdata"); again != first {
				t.Fatalf("%s output differs between runs (%d workers)", format, workers)
			}
		}
	}
}
