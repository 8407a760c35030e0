package armexpr

import (
	"crypto/sha1" //nolint:gosec // UUID version 5 is defined over SHA-1; this is naming, not security.
	"encoding/binary"
	"encoding/hex"
	"math/bits"
	"slices"
	"strings"
)

// UniqueString returns what uniqueString() returns for the same arguments:
// the arguments joined with "-", hashed as UTF-8 with the 64-bit Murmur
// variant ARM uses, and written as 13 characters of base 32 (a-z, 2-7), five
// bits at a time from the most significant end.
func UniqueString(values ...string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	h := murmur64([]byte(strings.Join(values, "-")))
	var out [13]byte
	for i := range out {
		out[i] = alphabet[h>>59]
		h <<= 5
	}
	return string(out[:])
}

// murmur64 is the hash behind uniqueString(): two 32-bit lanes in the style
// of MurmurHash3 (x86, 128-bit) over 8-byte blocks, each lane taking a
// little-endian 32-bit half of the block, with the tail folded into the
// lanes the same way, the length mixed in, and the two lanes cross-added
// around the 32-bit finalizer. The result is lane 2 in the high half and
// lane 1 in the low half.
func murmur64(data []byte) uint64 {
	const (
		c1 = 0x239b961b
		c2 = 0xab0e9789
		n1 = 0x561ccd1b
		n2 = 0x0bcaa747
	)
	var h1, h2 uint32
	i := 0
	for ; i+8 <= len(data); i += 8 {
		k1 := binary.LittleEndian.Uint32(data[i:])
		k2 := binary.LittleEndian.Uint32(data[i+4:])
		h1 ^= bits.RotateLeft32(k1*c1, 15) * c2
		h1 = (bits.RotateLeft32(h1, 19)+h2)*5 + n1
		h2 ^= bits.RotateLeft32(k2*c2, 17) * c1
		h2 = (bits.RotateLeft32(h2, 13)+h1)*5 + n2
	}
	if tail := data[i:]; len(tail) > 0 {
		h1 ^= bits.RotateLeft32(littleEndianPartial(tail[:min(len(tail), 4)])*c1, 15) * c2
		if len(tail) > 4 {
			h2 ^= bits.RotateLeft32(littleEndianPartial(tail[4:])*c2, 17) * c1
		}
	}
	n := uint32(len(data)) //nolint:gosec // the algorithm mixes in the length modulo 2^32.
	h1 ^= n
	h2 ^= n
	h1 += h2
	h2 += h1
	h1 = fmix32(h1)
	h2 = fmix32(h2)
	h1 += h2
	h2 += h1
	return uint64(h2)<<32 | uint64(h1)
}

// littleEndianPartial reads up to four bytes as a little-endian integer.
func littleEndianPartial(b []byte) uint32 {
	var v uint32
	for _, c := range slices.Backward(b) {
		v = v<<8 | uint32(c)
	}
	return v
}

// fmix32 is MurmurHash3's 32-bit finalizer.
func fmix32(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// guidNamespace is the namespace of the name-based UUIDs guid() returns.
var guidNamespace = [16]byte{0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30}

// GUID returns what guid() returns for the same arguments: the name-based
// UUID, version 5 (RFC 4122 section 4.3, SHA-1), of the arguments joined
// with "-" as UTF-8, in the namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830.
func GUID(values ...string) string {
	return uuidV5(guidNamespace, strings.Join(values, "-"))
}

func uuidV5(namespace [16]byte, name string) string {
	h := sha1.New() //nolint:gosec // see the import.
	h.Write(namespace[:])
	h.Write([]byte(name))
	sum := h.Sum(nil)
	var u [16]byte
	copy(u[:], sum)
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}
