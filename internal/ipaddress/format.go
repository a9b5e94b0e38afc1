package ipaddress

import "strings"

// explodedHex writes an IPv6 integer as eight groups of four hex digits.
func explodedHex(v u128) string {
	var b strings.Builder
	b.Grow(39)
	for g := range 8 {
		if g > 0 {
			b.WriteByte(':')
		}
		h := group(v, g)
		for shift := 12; shift >= 0; shift -= 4 {
			b.WriteByte(hexDigits[(h>>shift)&15])
		}
	}
	return b.String()
}

func group(v u128, g int) uint16 {
	if g < 4 {
		return uint16(v.hi >> (48 - 16*g))
	}
	return uint16(v.lo >> (48 - 16*(g-4)))
}

// compressedHex writes an IPv6 integer in RFC 5952 form without the dotted
// IPv4 tail that String uses for mapped addresses: CPython formats an
// interface's with_* properties this way.
func compressedHex(v u128) string {
	bestStart, bestLen, runStart, runLen := -1, 0, -1, 0
	for g := range 8 {
		if group(v, g) != 0 {
			runStart, runLen = -1, 0
			continue
		}
		if runStart < 0 {
			runStart = g
		}
		runLen++
		if runLen > bestLen {
			bestStart, bestLen = runStart, runLen
		}
	}
	if bestLen < 2 {
		bestStart = -1
	}
	var b strings.Builder
	for g := 0; g < 8; g++ {
		if g == bestStart {
			b.WriteString("::")
			g += bestLen - 1
			continue
		}
		if g > 0 && g != bestStart+bestLen {
			b.WriteByte(':')
		}
		h := group(v, g)
		started := false
		for shift := 12; shift >= 0; shift -= 4 {
			d := (h >> shift) & 15
			if d != 0 || started || shift == 0 {
				b.WriteByte(hexDigits[d])
				started = true
			}
		}
	}
	return b.String()
}
