package format

import (
	"net/netip"
	"slices"
	"strings"
)

// Colours in tables: with colours on (-c), a table's cells are coloured
// as ip -c colours the same fields in text, by the field's JSON name:
// interface names, addresses by family, link-layer addresses, and the
// operational states UP and DOWN.

// ifnameKeys are the fields that hold an interface name.
var ifnameKeys = []string{"ifname", "dev", "master", "link", "iif", "oif", "interface"}

// addressKeys are the fields that hold an address, network or link-layer.
var addressKeys = []string{"address", "local", "peer", "broadcast", "anycast", "dst", "src", "gateway",
	"prefsrc", "via", "from", "to", "lladdr", "newdst"}

// CellColor is the colour of a table cell holding value under key, or ""
// when ip -c leaves such a field uncoloured.
func CellColor(key, value string) string {
	switch {
	case value == "" || strings.Contains(value, "\n"):
		return ""
	case key == "operstate" || key == "state":
		switch value {
		case "UP":
			return ColorUp
		case "DOWN":
			return ColorDown
		}
	case slices.Contains(ifnameKeys, key):
		return ColorIfname
	case slices.Contains(addressKeys, key):
		return AddressColor(value)
	}
	return ""
}

// AddressColor is the colour of an address or a prefix written as text:
// by family for IP, ColorMAC for a link-layer address, none otherwise.
func AddressColor(s string) string {
	ip, _, _ := strings.Cut(s, "/")
	if a, err := netip.ParseAddr(ip); err == nil {
		if a.Is4() {
			return ColorInet
		}
		return ColorInet6
	}
	if isLinkLayer(s) {
		return ColorMAC
	}
	return ""
}

// isLinkLayer reports whether s reads as a link-layer address: bytes in
// two hex digits joined by colons ("52:54:00:12:34:56").
func isLinkLayer(s string) bool {
	parts := strings.Split(s, ":")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(p) != 2 || !isHex(p[0]) || !isHex(p[1]) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// colorCells colours the cells of rows under header as CellColor says.
func colorCells(header []string, rows [][]string) {
	for _, r := range rows {
		for i, cell := range r {
			if i >= len(header) {
				break
			}
			if c := CellColor(header[i], cell); c != "" {
				r[i] = c + cell + colorReset
			}
		}
	}
}
