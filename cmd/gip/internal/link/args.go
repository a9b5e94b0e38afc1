package link

import (
	"os"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// args is a parsed `ip link add|set` command line.
type deviceArgs struct {
	spec     rtnl.LinkSpec
	dev      string // the device to change (set) or the new name (add)
	group    *uint32
	Kind     string
	kindArgs []string
	netnsFD  *os.File
}

func (la *deviceArgs) close() {
	if la.netnsFD != nil {
		la.netnsFD.Close()
	}
}

func ParseLLAddr(s string) ([]byte, error) {
	var out []byte
	for _, part := range strings.Split(s, ":") {
		n, err := strconv.ParseUint(part, 16, 8)
		if err != nil || part == "" {
			return nil, fail.Localf("%q is invalid lladdr.", s)
		}
		out = append(out, byte(n))
	}
	return out, nil
}

// u32arg reads the value v of keyword kw as ip reads an unsigned number.
func u32arg(kw, v string) (uint32, error) {
	n, ok := grammar.ParseCUint(v, 32)
	if !ok {
		return 0, fail.Invalid("Invalid \""+kw+"\" value\n", v)
	}
	return uint32(n), nil
}

// flagWord is the interface flag an on/off keyword sets; off says "on"
// clears it (arp on is IFF_NOARP off).
func flagWord(w string) (flag uint32, off bool) {
	switch w {
	case "arp":
		return unix.IFF_NOARP, true
	case "trailers":
		return unix.IFF_NOTRAILERS, true
	case "promisc":
		return unix.IFF_PROMISC, false
	case "multicast":
		return unix.IFF_MULTICAST, false
	case "allmulticast":
		return unix.IFF_ALLMULTI, false
	case "dynamic":
		return unix.IFF_DYNAMIC, false
	}
	return 0, false
}

// takesValue reports whether w is a link option that takes a value. A
// switch rather than a map, which package initialisation would fill at
// every start-up.
func takesValue(w string) bool {
	switch w {
	case "name", "index", "mtu", "netns", "link",
		"address", "broadcast", "brd", "txqueuelen", "qlen", "txqlen",
		"type", "arp", "trailers", "promisc", "multicast",
		"allmulticast", "dynamic", "carrier", "alias", "group",
		"master", "vrf", "numtxqueues", "numrxqueues", "addrgenmode",
		"link-netns", "link-netnsid", "protodown", "gso_max_size",
		"gso_max_segs", "gro_max_size", "dev":
		return true
	}
	return false
}

// parseLinkArgs reads iproute2's link options (iplink_parse). add is true
// for add/replace, where a bare word names the new link.
func parseLinkArgs(e *env.Env, a *grammar.Args, add bool) (*deviceArgs, error) {
	la := &deviceArgs{}
	name, devIsName := "", false
	s := &la.spec
	seen := map[string]bool{}
	dup := func(kw, v string) error {
		if seen[kw] {
			return fail.Duplicate(kw, v)
		}
		seen[kw] = true
		return nil
	}
	setFlag := func(flag uint32, on bool) {
		s.Change |= flag
		if on {
			s.Flags |= flag
		} else {
			s.Flags &^= flag
		}
	}
	for a.More() {
		w := a.Next()
		var v string
		if takesValue(w) {
			var err error
			if v, err = a.Value(); err != nil {
				return nil, err
			}
		}
		switch w {
		case "up":
			setFlag(unix.IFF_UP, true)
		case "down":
			setFlag(unix.IFF_UP, false)
		case "name":
			if add {
				// as ip: name is the device unless a device word came
				// first, which must then be the same name
				if name != "" {
					return nil, fail.Duplicate("name", v)
				}
				name = v
				if la.dev == "" {
					la.dev, devIsName = v, true
				}
			} else {
				s.Name = v
			}
			if len(v) >= unix.IFNAMSIZ || strings.ContainsAny(v, "/ \t\n:") || v == "." || v == ".." {
				return nil, fail.Invalid("\"name\" not a valid ifname", v)
			}
		case "index":
			n, err := strconv.ParseInt(v, 0, 32)
			if err != nil || n < 0 {
				return nil, fail.Invalid("Invalid \"index\" value", v)
			}
			x := int32(n)
			s.Index2 = &x
		case "mtu":
			if err := dup("mtu", v); err != nil {
				return nil, err
			}
			n, err := u32arg("mtu", v)
			if err != nil {
				return nil, err
			}
			s.MTU = &n
		case "netns":
			if err := dup("netns", v); err != nil {
				return nil, err
			}
			if pid, err := strconv.ParseUint(v, 10, 32); err == nil {
				p := uint32(pid)
				s.NetNSPID = &p
				break
			}
			fd, err := os.Open(nl.NetNSPath(v))
			if err != nil {
				return nil, fail.Invalid("Invalid \"netns\" value\n", v)
			}
			la.netnsFD = fd
			x := int32(fd.Fd())
			s.NetNSFD = &x
		case "link":
			l, err := env.LookupLink(e, v)
			if err != nil {
				return nil, err
			}
			x := l.Index
			s.Link = &x
		case "address":
			b, err := ParseLLAddr(v)
			if err != nil {
				return nil, err
			}
			s.Address = b
		case "broadcast", "brd":
			b, err := ParseLLAddr(v)
			if err != nil {
				return nil, err
			}
			s.Broadcast = b
		case "txqueuelen", "qlen", "txqlen":
			if err := dup("txqueuelen", v); err != nil {
				return nil, err
			}
			n, err := u32arg("txqueuelen", v)
			if err != nil {
				return nil, err
			}
			s.TxQLen = &n
		case "type":
			la.Kind = v
			la.kindArgs = a.Rest()
		case "arp", "trailers", "promisc", "multicast", "allmulticast", "dynamic":
			on, err := grammar.ParseOnOff(w, v)
			if err != nil {
				return nil, err
			}
			flag, off := flagWord(w)
			setFlag(flag, on != off)
		case "carrier":
			on, err := grammar.ParseOnOff(w, v)
			if err != nil {
				return nil, err
			}
			c := uint8(0)
			if on {
				c = 1
			}
			s.Extra = append(s.Extra, rtnl.U8(unix.IFLA_CARRIER, c))
		case "alias":
			x := v
			s.Alias = &x
		case "group":
			if err := dup("group", v); err != nil {
				return nil, err
			}
			g, ok := e.Names().ParseGroup(v)
			if !ok {
				return nil, fail.Invalid("Invalid \"group\" value\n", v)
			}
			la.group = &g
		case "master", "vrf":
			l, err := env.ArgLink(e, v)
			if err != nil {
				return nil, err
			}
			if w == "vrf" && l.Kind != "vrf" {
				return nil, fail.Invalid("Not a valid VRF name\n", v)
			}
			x := l.Index
			s.Master = &x
		case "nomaster":
			x := int32(0)
			s.Master = &x
		case "numtxqueues", "numrxqueues", "gso_max_size", "gso_max_segs", "gro_max_size":
			n, err := u32arg(w, v)
			if err != nil {
				return nil, err
			}
			switch w {
			case "numtxqueues":
				s.NumTxQ = &n
			case "numrxqueues":
				s.NumRxQ = &n
			case "gso_max_size":
				s.GSOMaxSize = &n
			case "gso_max_segs":
				s.GSOMaxSegs = &n
			case "gro_max_size":
				s.GROMaxSize = &n
			}
		case "addrgenmode":
			m, ok := parseAddrGenMode(v)
			if !ok {
				return nil, fail.Invalid("Invalid address generation mode\n", v)
			}
			s.AddrGenMode = &m
		case "link-netns":
			f, err := os.Open(nl.NetNSPath(v))
			if err != nil {
				return nil, fail.Invalid("Invalid \"link-netns\" value\n", v)
			}
			conn, err := e.Conn()
			if err != nil {
				f.Close()
				return nil, err
			}
			id, err := rtnl.NSIDByFD(conn, int(f.Fd()))
			f.Close()
			if err != nil || id < 0 {
				return nil, fail.Invalid("Invalid \"link-netns\" value\n", v)
			}
			s.LinkNetNSID = &id
		case "link-netnsid":
			n, err := strconv.ParseInt(v, 0, 32)
			if err != nil {
				return nil, fail.Invalid("Invalid \"link-netnsid\" value\n", v)
			}
			x := int32(n)
			s.LinkNetNSID = &x
		case "protodown":
			on, err := grammar.ParseOnOff(w, v)
			if err != nil {
				return nil, err
			}
			x := uint8(0)
			if on {
				x = 1
			}
			s.ProtoDown = &x
		default:
			if w == "dev" {
				w = v
			} else if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", usage())
			}
			if la.dev != "" && !devIsName {
				return nil, fail.Garbage("dev", w)
			}
			la.dev, devIsName = w, false
		}
	}
	if add && name != "" && la.dev != name {
		return nil, fail.Usagef("both \"name\" and \"dev\" cannot be used when creating devices.")
	}
	return la, nil
}
