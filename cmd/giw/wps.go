package main

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// printWPS writes a Wi-Fi Protected Setup element as iw does.
func printWPS(t *tw, d []byte) {
	attrs, tail := nl80211.ParseWPS(d)
	first := true
	tab := func() {
		if !first {
			t.f("\t")
		}
		first = false
	}
	for _, a := range attrs {
		v := a.Data
		switch a.Type {
		case 0x104a:
			tab()
			if len(v) < 1 {
				t.f("\t * Version: (invalid length %d)\n", len(v))
				break
			}
			t.f("\t * Version: %d.%d\n", v[0]>>4, v[0]&0xf)
		case 0x1011:
			tab()
			t.f("\t * Device name: %s\n", cstr(v))
		case 0x1012:
			tab()
			if len(v) != 2 {
				t.f("\t * Device Password ID: (invalid length %d)\n", len(v))
				break
			}
			id := uint16(v[0])<<8 | uint16(v[1])
			name := map[uint16]string{0: "Default (PIN)", 1: "User-specified", 2: "Machine-specified", 3: "Rekey",
				4: "PushButton", 5: "Registrar-specified"}[id]
			if name == "" {
				name = "??"
			}
			t.f("\t * Device Password ID: %d (%s)\n", id, name)
		case 0x1021:
			tab()
			t.f("\t * Manufacturer: %s\n", cstr(v))
		case 0x1023:
			tab()
			t.f("\t * Model: %s\n", cstr(v))
		case 0x1024:
			tab()
			t.f("\t * Model Number: %s\n", cstr(v))
		case 0x103b:
			if len(v) < 1 {
				t.f("\t * Response Type: (invalid length %d)\n", len(v))
				break
			}
			tab()
			ap := ""
			if v[0] == 3 {
				ap = " (AP)"
			}
			t.f("\t * Response Type: %d%s\n", v[0], ap)
		case 0x103c:
			if len(v) < 1 {
				t.f("\t * RF Bands: (invalid length %d)\n", len(v))
				break
			}
			tab()
			t.f("\t * RF Bands: 0x%x\n", v[0])
		case 0x1041:
			if len(v) < 1 {
				t.f("\t * Selected Registrar: (invalid length %d)\n", len(v))
				break
			}
			tab()
			t.f("\t * Selected Registrar: 0x%x\n", v[0])
		case 0x1042:
			tab()
			t.f("\t * Serial Number: %s\n", cstr(v))
		case 0x1044:
			if len(v) < 1 {
				t.f("\t * Wi-Fi Protected Setup State: (invalid length %d)\n", len(v))
				break
			}
			tab()
			state := map[byte]string{1: " (Unconfigured)", 2: " (Configured)"}[v[0]]
			t.f("\t * Wi-Fi Protected Setup State: %d%s\n", v[0], state)
		case 0x1047:
			tab()
			t.f("\t * UUID: ")
			if len(v) != 16 {
				t.f("(invalid, length=%d)\n", len(v))
				break
			}
			t.f("%x-%x-%x-%x-%x\n", v[0:4], v[4:6], v[6:8], v[8:10], v[10:16])
		case 0x1049:
			tab()
			if len(v) == 6 && v[0] == 0x00 && v[1] == 0x37 && v[2] == 0x2a && v[3] == 0x00 && v[4] == 0x01 {
				t.f("\t * Version2: %d.%d\n", v[5]>>4, v[5]&0xf)
			} else {
				t.f("\t * Unknown vendor extension. len=%d\n", len(v))
			}
		case 0x1054:
			tab()
			if len(v) != 8 {
				t.f("\t * Primary Device Type: (invalid length %d)\n", len(v))
				break
			}
			t.f("\t * Primary Device Type: %d-%02x%02x%02x%02x-%d\n",
				int(v[0])<<8|int(v[1]), v[2], v[3], v[4], v[5], int(v[6])<<8|int(v[7]))
		case 0x1057:
			tab()
			if len(v) < 1 {
				t.f("\t * AP setup locked: (invalid length %d)\n", len(v))
				break
			}
			t.f("\t * AP setup locked: 0x%02x\n", v[0])
		case 0x1008, 0x1053:
			if len(v) < 2 {
				t.f("\t * Config methods: (invalid length %d)\n", len(v))
				break
			}
			m := uint16(v[0])<<8 | uint16(v[1])
			tab()
			sel := ""
			if a.Type == 0x1053 {
				sel = "Selected Registrar "
			}
			t.f("\t * %sConfig methods:", sel)
			sep := ""
			for bit, name := range []string{"USB", "Ethernet", "Label", "Display", "Ext. NFC", "Int. NFC", "NFC Intf.", "PBC", "Keypad"} {
				if m&(1<<bit) != 0 {
					t.f("%s %s", sep, name)
					sep = ","
				}
			}
			t.f("\n")
		default:
			tab()
			typ := "0000" // C's %#.4x prints no 0x for zero
			if a.Type != 0 {
				typ = fmt.Sprintf("%#.4x", a.Type)
			}
			t.f("\t * Unknown TLV (%s, %d bytes):", typ, len(v))
			hexBytes(t, v)
			t.f("\n")
		}
	}
	if len(tail) > 0 {
		t.f("\t\t * bogus tail data (%d):", len(tail))
		hexBytes(t, tail)
		t.f("\n")
	}
}

// cstr is a string attribute as C's "%.*s" prints it: up to the first NUL.
func cstr(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}
