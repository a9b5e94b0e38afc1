package format

import "testing"

func TestCellColor(t *testing.T) {
	for _, c := range []struct{ key, value, want string }{
		{"ifname", "eth0", ColorIfname},
		{"dev", "v0", ColorIfname},
		{"master", "br0", ColorIfname},
		{"dst", "10.0.0.0/8", ColorInet},
		{"gateway", "fe80::1", ColorInet6},
		{"address", "2001:db8::1/64", ColorInet6},
		{"address", "52:54:00:ab:cd:ef", ColorMAC},
		{"lladdr", "00:11:22:33:44:55", ColorMAC},
		{"dst", "default", ""},
		{"state", "UP", ColorUp},
		{"operstate", "DOWN", ColorDown},
		{"state", "REACHABLE", ""},
		{"mtu", "1500", ""},
		{"dev", "", ""},
		{"dev", "a\nb", ""},
	} {
		if got := CellColor(c.key, c.value); got != c.want {
			t.Errorf("CellColor(%q, %q) = %q, want %q", c.key, c.value, got, c.want)
		}
	}
}
