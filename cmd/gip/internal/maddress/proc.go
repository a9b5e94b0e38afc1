package maddress

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"net/netip"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// group is one multicast group of a device, as one line of a table.
type group struct {
	index  int
	name   string // the device
	family uint8  // AF_PACKET (link layer), AF_INET or AF_INET6
	ll     []byte // the link-layer group (AF_PACKET)
	addr   netip.Addr
	users  int
	static bool // joined by hand (dev_mcast's global_use)
}

// tables is the text of the three tables (nil where not read).
type tables struct {
	devMcast, igmp, igmp6 []byte
}

// readTables reads the tables the family asks for (0: all) as the
// namespace ns ("" the process's own) sees them: from a thread in ns,
// through /proc/thread-self/net, which is that thread's namespace.
func readTables(ns string, family uint8) (tables, error) {
	var t tables
	read := func() error {
		dir := "/proc/thread-self/net/"
		if _, err := os.Stat(dir); err != nil {
			dir = "/proc/net/"
		}
		rd := func(name string) []byte {
			b, _ := os.ReadFile(dir + name)
			return b
		}
		if family == 0 || family == unix.AF_PACKET {
			t.devMcast = rd("dev_mcast")
		}
		if family == 0 || family == unix.AF_INET {
			t.igmp = rd("igmp")
		}
		if family == 0 || family == unix.AF_INET6 {
			t.igmp6 = rd("igmp6")
		}
		return nil
	}
	if ns != "" {
		return t, nl.InNetNS(ns, read)
	}
	// The thread reading must stay put while it reads /proc/thread-self.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return t, read()
}

// groups parses the tables into the groups of device dev ("" every
// device), ordered by device index and, within a device, link-layer
// groups, then IPv4, then IPv6, each in the order of its table.
func (t tables) groups(dev string) []group {
	var out []group
	keep := func(g group) {
		if dev == "" || g.name == dev {
			out = append(out, g)
		}
	}
	eachLine(t.devMcast, func(l string) {
		// index name users global_use address
		f := strings.Fields(l)
		if len(f) < 5 {
			return
		}
		ll, ok := parseHex(f[4], 16)
		if !ok {
			return
		}
		g := group{index: grammar.Atoi(f[0]), name: f[1], family: unix.AF_PACKET, ll: ll, users: grammar.Atoi(f[2]), static: grammar.Atoi(f[3]) != 0}
		keep(g)
	})
	first := true
	var cur group
	eachLine(t.igmp, func(l string) {
		if first { // the header
			first = false
			return
		}
		if !strings.HasPrefix(l, "\t") {
			// A device: "1\tlo        :     1      V3".
			f := strings.Fields(l)
			if len(f) >= 2 {
				cur.index, cur.name = grammar.Atoi(f[0]), strings.TrimSuffix(f[1], ":")
			}
			return
		}
		// A group: "\t\t\t\t010000E0     1 0:00000000\t\t0", the address
		// as the kernel's 32-bit word in hex.
		f := strings.Fields(l)
		if len(f) < 2 {
			return
		}
		v, err := strconv.ParseUint(f[0], 16, 32)
		if err != nil {
			return
		}
		var a [4]byte
		binary.NativeEndian.PutUint32(a[:], uint32(v))
		keep(group{index: cur.index, name: cur.name, family: unix.AF_INET, addr: netip.AddrFrom4(a), users: grammar.Atoi(f[1])})
	})
	eachLine(t.igmp6, func(l string) {
		// index name address users flags timer
		f := strings.Fields(l)
		if len(f) < 4 {
			return
		}
		b, ok := parseHex(f[2], 16)
		if !ok || len(b) != 16 {
			return
		}
		keep(group{index: grammar.Atoi(f[0]), name: f[1], family: unix.AF_INET6, addr: netip.AddrFrom16([16]byte(b)), users: grammar.Atoi(f[3])})
	})
	slices.SortStableFunc(out, func(a, b group) int { return a.index - b.index })
	return out
}

func eachLine(b []byte, fn func(string)) {
	s := bufio.NewScanner(bytes.NewReader(b))
	for s.Scan() {
		fn(s.Text())
	}
}

// parseHex reads pairs of hex digits, at most max bytes.
func parseHex(s string, max int) ([]byte, bool) {
	var out []byte
	for len(s) > 0 && len(out) < max {
		if len(s) < 2 {
			return nil, false
		}
		v, err := strconv.ParseUint(s[:2], 16, 8)
		if err != nil {
			return nil, false
		}
		out = append(out, byte(v))
		s = s[2:]
	}
	return out, true
}
