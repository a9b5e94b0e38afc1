package main

import (
	"bufio"
	"net"
	"os"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// parseWoWLANTCPFile reads the TCP wake-up connection of "wowlan enable
// tcp FILE", one "key=value" a line (source=ip[:port], dest=ip:port@mac,
// data=HEX, data.interval=S, wake=HEX-WITH-MASK, data.seq=len,offset[,start],
// data.tok=len,offset,HEX), '#' lines being comments. As with iw, a file
// that cannot be read or a line that does not parse is a usage error.
func parseWoWLANTCPFile(name string) (*nl80211.WoWLANTCP, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, &usageError{}
	}
	defer f.Close()
	tcp := &nl80211.WoWLANTCP{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		if !parseTCPLine(tcp, trimLineEnd(sc.Text())) {
			return nil, &usageError{}
		}
	}
	if sc.Err() != nil {
		return nil, &usageError{}
	}
	return tcp, nil
}

// trimLineEnd cuts a line at its first '\r', as iw does.
func trimLineEnd(l string) string {
	if i := strings.IndexByte(l, '\r'); i >= 0 {
		return l[:i]
	}
	return l
}

// parseTCPLine adds one line of the file to t; false when it does not
// parse.
func parseTCPLine(t *nl80211.WoWLANTCP, line string) bool {
	key, val, _ := strings.Cut(line, "=")
	switch {
	case !strings.Contains(line, "="):
		return strings.HasPrefix(line, "#")
	case key == "source":
		addr, port, hasPort := strings.Cut(val, ":")
		ip, ok := inetAton(addr)
		if !ok {
			return false
		}
		t.SrcIPv4 = ip
		if hasPort {
			t.SrcPort = ptrTo(uint16(cAtoi(port)))
		}
	case key == "dest":
		addr, rest, ok := strings.Cut(val, ":")
		if !ok {
			return false
		}
		port, mac, ok := strings.Cut(rest, "@")
		if !ok {
			return false
		}
		ip, ok := inetAton(addr)
		if !ok {
			return false
		}
		hw, ok := macA2N(mac)
		if !ok {
			return false
		}
		t.DstIPv4, t.DstPort, t.DstMAC = ip, ptrTo(uint16(cAtoi(port))), hw
	case key == "data":
		b, ok := parseHexPattern(val)
		if !ok {
			return false
		}
		t.DataPayload = b
	case key == "data.interval":
		t.DataInterval = ptrTo(uint32(cAtoi(val)))
	case key == "wake":
		pat, mask, ok := parseHexMask(val)
		if !ok {
			return false
		}
		t.WakePayload, t.WakeMask = pat, mask
	case key == "data.seq":
		n, rest, ok := strings.Cut(val, ",")
		if !ok {
			return false
		}
		off, start, _ := strings.Cut(rest, ",")
		t.DataSeq = &nl80211.WoWLANTCPSeq{Len: uint32(cAtoi(n)), Offset: uint32(cAtoi(off)), Start: uint32(cAtoi(start))}
	case key == "data.tok":
		parts := strings.SplitN(val, ",", 3)
		if len(parts) != 3 {
			return false
		}
		stream, ok := parseHexPattern(parts[2])
		if !ok {
			return false
		}
		t.DataToken = &nl80211.WoWLANTCPToken{Len: uint32(cAtoi(parts[0])), Offset: uint32(cAtoi(parts[1])), Stream: stream}
	default:
		return strings.HasPrefix(line, "#")
	}
	return true
}

// inetAton reads an IPv4 address as the C library's inet_aton does: one
// to four parts separated by dots, each decimal, octal (0...) or hex
// (0x...), the last filling the bytes that remain; the address may be
// followed by white space and anything after it.
func inetAton(s string) (net.IP, bool) {
	var parts []uint64
	i := 0
	for {
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			return nil, false
		}
		base, v := uint64(10), uint64(0)
		if s[i] == '0' {
			base, i = 8, i+1
			if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
				base, i = 16, i+1
			}
		}
		for ; i < len(s); i++ {
			d, ok := digitValue(s[i], base)
			if !ok {
				if base == 8 && (s[i] == '8' || s[i] == '9') {
					return nil, false
				}
				break
			}
			if v = v*base + d; v > 0xffffffff {
				return nil, false
			}
		}
		parts = append(parts, v)
		if i < len(s) && s[i] == '.' {
			if len(parts) > 3 || v > 0xff {
				return nil, false
			}
			i++
			continue
		}
		break
	}
	if i < len(s) && !strings.ContainsRune(" \t\n\v\f\r", rune(s[i])) {
		return nil, false
	}
	last := parts[len(parts)-1]
	if last > 0xffffffff>>(8*(len(parts)-1)) {
		return nil, false
	}
	var a uint32
	for k, p := range parts[:len(parts)-1] {
		a |= uint32(p) << (24 - 8*k)
	}
	a |= uint32(last)
	return net.IPv4(byte(a>>24), byte(a>>16), byte(a>>8), byte(a)).To4(), true
}

func digitValue(c byte, base uint64) (uint64, bool) {
	var d uint64
	switch {
	case c >= '0' && c <= '9':
		d = uint64(c - '0')
	case base == 16 && isHexDigit(c):
		d = uint64(hexValue(c))
	default:
		return 0, false
	}
	return d, d < base
}

// macA2N reads a MAC address as iw's mac_addr_a2n: six parts separated by
// ':', each read as scanf's %x (a number that starts the part, 0..ff);
// parts after the sixth are ignored.
func macA2N(s string) (net.HardwareAddr, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 6 {
		return nil, false
	}
	mac := make(net.HardwareAddr, 6)
	for i := range mac {
		v, _, ok := scanHexPrefix(parts[i]) // a negative part wraps beyond 0xff
		if !ok || v > 0xff {
			return nil, false
		}
		mac[i] = byte(v)
	}
	return mac, true
}
