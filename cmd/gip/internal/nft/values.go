package nft

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// nftMessage is an error in nft's own words, printed as it is.
type nftMessage string

func (m nftMessage) Error() string { return string(m) }

// parseValue reads one value of type t from nft's notation.
func parseValue(t *dtype, s string) ([]byte, error) {
	switch t {
	case tIPv4, tIPv6:
		a, err := netip.ParseAddr(s)
		if err != nil || (t == tIPv4) != a.Is4() {
			return nil, nftMessage("Could not resolve hostname: Name or service not known")
		}
		return a.AsSlice(), nil
	case tEther:
		hw, ok := parseEther(s)
		if !ok {
			return nil, nftMessage("Could not parse ether address")
		}
		return hw, nil
	case tIfname, tString:
		b := make([]byte, 16)
		if len(s) >= 16 {
			return nil, nftMessage("String exceeds maximum length of 15")
		}
		copy(b, s)
		return b, nil
	case tService:
		if n, err := strconv.ParseUint(s, 0, 64); err == nil {
			if n > 0xffff {
				return nil, nftMessage("Service out of range")
			}
			return t.bytes(n, 2), nil
		}
		if n, ok := serviceNumbers()[s]; ok {
			return t.bytes(n, 2), nil
		}
		return nil, nftMessage("Could not resolve service: Servname not supported for ai_socktype")
	case tInetProto:
		if n, err := strconv.ParseUint(s, 0, 8); err == nil {
			return []byte{byte(n)}, nil
		}
		if n, ok := protocolNumber(s); ok {
			return []byte{n}, nil
		}
		return nil, nftMessage("Could not resolve protocol name")
	}
	if t.bitmask {
		var v uint64
		for _, part := range strings.Split(s, ",") {
			n, ok := t.symbol(part)
			if !ok {
				return nil, nftMessage("Could not parse " + t.describe())
			}
			v |= n
		}
		return t.bytes(v, t.size), nil
	}
	if n, ok := t.symbol(s); ok {
		return t.bytes(n, t.size), nil
	}
	size := t.size
	if size == 0 {
		size = 4
	}
	n, err := strconv.ParseUint(s, 0, size*8)
	if err != nil {
		return nil, nftMessage("Could not parse " + t.describe())
	}
	return t.bytes(n, size), nil
}

func (t *dtype) symbol(s string) (uint64, bool) {
	for _, sym := range t.symbols {
		if sym.name == s {
			return sym.val, true
		}
	}
	return 0, false
}

// describe is nft's description of a type in its errors.
func (t *dtype) describe() string {
	switch t {
	case tMark:
		return "packet mark"
	case tCtState:
		return "conntrack state"
	case tICMPType:
		return "ICMP type"
	}
	return t.name
}

// serviceNumbers is /etc/services' ports by name.
var serviceNumbers = sync.OnceValue(func() map[string]uint64 {
	m := map[string]uint64{}
	ok := readNameDB("/etc/services", func(fs []string) {
		port, _, _ := strings.Cut(fs[1], "/")
		n, err := strconv.ParseUint(port, 10, 16)
		if err != nil {
			return
		}
		for _, name := range append([]string{fs[0]}, fs[2:]...) {
			if _, dup := m[name]; !dup {
				m[name] = n
			}
		}
	})
	if !ok {
		return map[string]uint64{"ssh": 22, "http": 80, "https": 443, "domain": 53, "smtp": 25}
	}
	return m
})

// parseDuration reads nft's time notation: 1h, 30s, 1d2h3m4s, 500ms, or
// plain seconds. It returns milliseconds.
func parseDuration(s string) (uint64, error) {
	if n, err := strconv.ParseUint(s, 10, 64); err == nil {
		return n * 1000, nil
	}
	var total uint64
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("wrong time format")
		}
		n, _ := strconv.ParseUint(rest[:i], 10, 64)
		rest = rest[i:]
		j := 0
		for j < len(rest) && (rest[j] < '0' || rest[j] > '9') {
			j++
		}
		var unit time.Duration
		switch rest[:j] {
		case "d":
			unit = 24 * time.Hour
		case "h":
			unit = time.Hour
		case "m":
			unit = time.Minute
		case "s":
			unit = time.Second
		case "ms":
			unit = time.Millisecond
		default:
			return 0, nftMessage("Wrong time format")
		}
		total += n * uint64(unit/time.Millisecond)
		rest = rest[j:]
	}
	return total, nil
}

// parseEther reads a 6-byte hardware address in the forms Go's
// net.ParseMAC reads: 00:00:5e:00:53:01, 00-00-5e-00-53-01,
// 0000.5e00.5301 or 00005e005301 (hexadecimal digits in either case).
// It is written out here so that gip does not link package net, whose
// initialisation every start-up would pay.
func parseEther(s string) ([]byte, bool) {
	var digits []byte
	switch {
	case len(s) == 17 && (s[2] == ':' || s[2] == '-'): // xx:xx:xx:xx:xx:xx
		for i := 0; i < len(s); i += 3 {
			if i > 0 && s[i-1] != s[2] {
				return nil, false
			}
			digits = append(digits, s[i:i+2]...)
		}
	case len(s) == 14 && s[4] == '.' && s[9] == '.': // xxxx.xxxx.xxxx
		digits = []byte(s[:4] + s[5:9] + s[10:])
	case len(s) == 12: // xxxxxxxxxxxx
		digits = []byte(s)
	default:
		return nil, false
	}
	hw := make([]byte, 6)
	if _, err := hex.Decode(hw, digits); err != nil {
		return nil, false
	}
	return hw, true
}
