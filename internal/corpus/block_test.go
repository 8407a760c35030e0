package corpus

import (
	"net/netip"
	"testing"
)

// TestBlock21: the address spaces of the first 4096 stacks are valid,
// distinct /21 blocks of 10.0.0.0/8.
func TestBlock21(t *testing.T) {
	ten := netip.MustParsePrefix("10.0.0.0/8")
	seen := map[netip.Prefix]int{}
	for k := range 1 << 13 {
		p, err := netip.ParsePrefix(block21(k))
		if err != nil {
			t.Fatalf("block %d: %v", k, err)
		}
		if p.Bits() != 21 || p.Masked() != p || !ten.Contains(p.Addr()) {
			t.Fatalf("block %d: %s is not a /21 of 10.0.0.0/8", k, p)
		}
		if prev, dup := seen[p]; dup {
			t.Fatalf("blocks %d and %d are both %s", prev, k, p)
		}
		seen[p] = k
	}
}
