package graph

// BuildCountingNameReads is Build, also returning how many counts (or
// nodes) lookups by name and resource group read.
func BuildCountingNameReads(resources []Resource) (*Graph, int) {
	var n int
	g := build(resources, &n)
	return g, n
}
