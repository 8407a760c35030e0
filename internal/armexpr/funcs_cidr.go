package armexpr

import (
	"math/big"
	"net/netip"
	"strconv"

	"github.com/acrlint/acrlint/internal/graph"
)

// CIDR functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr
func registerCIDR() {
	register(
		&builtin{name: "parseCidr", min: 1, max: 1, fn: fnParseCIDR},
		&builtin{name: "cidrSubnet", min: 3, max: 3, fn: fnCIDRSubnet},
		&builtin{name: "cidrHost", min: 2, max: 2, fn: fnCIDRHost},
	)
}

func prefixArg(f *funcCall, i int) (netip.Prefix, error) {
	s, err := f.str(i)
	if err != nil {
		return netip.Prefix{}, err
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, f.argErrorf(i, "%q is not a CIDR range", s)
	}
	return p.Masked(), nil
}

// addrInt and intAddr convert between addresses and integers.
func addrInt(a netip.Addr) *big.Int { return new(big.Int).SetBytes(a.AsSlice()) }

func intAddr(n *big.Int, v4 bool) netip.Addr {
	size := 16
	if v4 {
		size = 4
	}
	b := make([]byte, size)
	n.FillBytes(b)
	a, _ := netip.AddrFromSlice(b)
	return a
}

func lastAddr(p netip.Prefix) netip.Addr {
	bitsLen := p.Addr().BitLen()
	host := new(big.Int).Lsh(big.NewInt(1), uint(bitsLen-p.Bits()))
	host.Sub(host, big.NewInt(1))
	return intAddr(new(big.Int).Or(addrInt(p.Addr()), host), p.Addr().Is4())
}

func fnParseCIDR(f *funcCall) (graph.Value, error) {
	p, err := prefixArg(f, 0)
	if err != nil {
		return nil, err
	}
	v4 := p.Addr().Is4()
	bitsLen := p.Addr().BitLen()
	mask := new(big.Int).Lsh(big.NewInt(1), uint(bitsLen))
	mask.Sub(mask, new(big.Int).Lsh(big.NewInt(1), uint(bitsLen-p.Bits())))
	network, last := p.Addr(), lastAddr(p)
	out := map[string]graph.Value{
		"network": network.String(),
		"netmask": intAddr(mask, v4).String(),
		"cidr":    int64(p.Bits()),
	}
	if v4 {
		out["broadcast"] = last.String()
		first, lastUsable := network, last
		if p.Bits() < 31 {
			first, lastUsable = network.Next(), last.Prev()
		}
		out["firstUsable"] = first.String()
		out["lastUsable"] = lastUsable.String()
	} else {
		out["firstUsable"] = network.String()
		out["lastUsable"] = last.String()
	}
	return out, nil
}

func fnCIDRSubnet(f *funcCall) (graph.Value, error) {
	p, err := prefixArg(f, 0)
	if err != nil {
		return nil, err
	}
	newBits, err := f.integer(1)
	if err != nil {
		return nil, err
	}
	index, err := f.integer(2)
	if err != nil {
		return nil, err
	}
	if newBits < int64(p.Bits()) || newBits > int64(p.Addr().BitLen()) {
		return nil, f.argErrorf(1, "the new prefix length must be between %d and %d, got %d", p.Bits(), p.Addr().BitLen(), newBits)
	}
	nb := int(newBits)
	count := new(big.Int).Lsh(big.NewInt(1), uint(nb-p.Bits()))
	if index < 0 || big.NewInt(index).Cmp(count) >= 0 {
		return nil, f.argErrorf(2, "subnet index %d is out of range: the range holds %s subnets of /%d", index, count, newBits)
	}
	offset := new(big.Int).Lsh(big.NewInt(index), uint(p.Addr().BitLen()-nb))
	start := intAddr(new(big.Int).Add(addrInt(p.Addr()), offset), p.Addr().Is4())
	return start.String() + "/" + strconv.FormatInt(newBits, 10), nil
}

// fnCIDRHost returns usable host number index (from 0): the addresses after
// the network address, and before the broadcast address in IPv4.
func fnCIDRHost(f *funcCall) (graph.Value, error) {
	p, err := prefixArg(f, 0)
	if err != nil {
		return nil, err
	}
	index, err := f.integer(1)
	if err != nil {
		return nil, err
	}
	size := new(big.Int).Lsh(big.NewInt(1), uint(p.Addr().BitLen()-p.Bits()))
	usable := new(big.Int).Sub(size, big.NewInt(1)) // without the network address
	if p.Addr().Is4() {
		usable.Sub(usable, big.NewInt(1)) // nor the broadcast address
	}
	if index < 0 || big.NewInt(index).Cmp(usable) >= 0 {
		return nil, f.argErrorf(1, "host index %d is out of range: the range has %s usable addresses", index, usable)
	}
	host := new(big.Int).Add(addrInt(p.Addr()), big.NewInt(index+1))
	return intAddr(host, p.Addr().Is4()).String(), nil
}
