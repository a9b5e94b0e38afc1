package neigh

import "golang.org/x/sys/unix"

// NUD state names in iproute2's order.
var nudNames = []struct {
	s    uint16
	name string
}{
	{unix.NUD_INCOMPLETE, "INCOMPLETE"},
	{unix.NUD_REACHABLE, "REACHABLE"},
	{unix.NUD_STALE, "STALE"},
	{unix.NUD_DELAY, "DELAY"},
	{unix.NUD_PROBE, "PROBE"},
	{unix.NUD_FAILED, "FAILED"},
	{unix.NUD_NOARP, "NOARP"},
	{unix.NUD_PERMANENT, "PERMANENT"},
}

// NUDNames lists the state bits by name.
func NUDNames(s uint16) []string {
	var out []string
	for _, n := range nudNames {
		if s&n.s != 0 {
			out = append(out, n.name)
			s &^= n.s
		}
	}
	if s != 0 {
		out = append(out, "0x"+hex16(s))
	}
	return out
}

// ParseNUD reads a state name as `nud` takes it (any case; "all" and
// "none" too).
func ParseNUD(s string) (uint16, bool) {
	switch lower(s) {
	case "all":
		return 0xff, true
	case "none":
		return unix.NUD_NONE, true
	case "noarp":
		return unix.NUD_NOARP, true
	case "permanent":
		return unix.NUD_PERMANENT, true
	}
	for _, n := range nudNames {
		if lower(n.name) == lower(s) {
			return n.s, true
		}
	}
	return 0, false
}

func hex16(v uint16) string {
	const digits = "0123456789abcdef"
	if v == 0 {
		return "0"
	}
	var b []byte
	for v > 0 {
		b = append([]byte{digits[v&0xf]}, b...)
		v >>= 4
	}
	return string(b)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
