package link

import (
	"encoding/binary"
	"net"
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// Attributes of gre and ip tunnels printed by `ip -d link` that the
// request side does not use.
const (
	iflaGRECollectMetadata   = 18
	iflaGREIgnoreDF          = 19
	iflaGREFwmark            = 20
	iflaIPTunFlags           = 8
	iflaIPTun6rdPrefix       = 11
	iflaIPTun6rdRelayPrefix  = 12
	iflaIPTun6rdPrefixLen    = 13
	iflaIPTun6rdRelayLen     = 14
	iflaIPTunCollectMetadata = 19
	iflaIPTunFwmark          = 20

	greCSumFlag = 0x8000 // GRE_CSUM, network order
	GreSeqFlag  = 0x1000 // GRE_SEQ
	sitISATAP   = 0x0001 // SIT_ISATAP
)

// tunnelItems lists the elements `ip -d link` prints for gre/gretap and
// ipip/sit, as text and JSON members (see vxlanItem).
func tunnelItems(v *LinkView, kind string, data []byte) []vxlanItem {
	tab, err := rtnl.ParseAttrTable(data)
	if err != nil {
		return nil
	}
	gre := kind == "gre" || kind == "gretap"
	var out []vxlanItem
	add := func(text, key string, val any) { out = append(out, vxlanItem{text, key, val}) }
	meta, remote, local, link, ttlA, tosA, pmtu, fwmark := uint16(iflaIPTunCollectMetadata), uint16(IflaIPTunRemote),
		uint16(IflaIPTunLocal), uint16(IflaIPTunLink), uint16(IflaIPTunTTL), uint16(IflaIPTunTOS),
		uint16(IflaIPTunPMTUDisc), uint16(iflaIPTunFwmark)
	if gre {
		meta, remote, local, link, ttlA, tosA, pmtu, fwmark = iflaGRECollectMetadata, IflaGRERemote, IflaGRELocal,
			IflaGRELink, IflaGRETTL, IflaGRETOS, IflaGREPMTUDisc, iflaGREFwmark
	}
	if _, ok := tab[meta]; ok {
		return []vxlanItem{{"external", "external", true}}
	}
	if !gre {
		if p, ok := tab.U8(IflaIPTunProto); ok {
			name := map[uint8]string{unix.IPPROTO_IPIP: "ipip", unix.IPPROTO_IPV6: "ip6ip", unix.IPPROTO_MPLS: "mplsip", 0: "any"}[p]
			if name != "" {
				add(name, "proto", name)
			}
		}
	}
	endpoint := func(name string, a uint16) {
		b, ok := tab[a]
		if !ok && !gre {
			return
		}
		s := "any"
		if len(b) == 4 && binary.BigEndian.Uint32(b) != 0 {
			s = net.IP(b).String()
		}
		add(name+" "+s, name, s)
	}
	endpoint("remote", remote)
	endpoint("local", local)
	if l, ok := tab.U32(link); ok && l != 0 {
		n := v.Cache.Name(int32(l))
		add("dev "+n, "link", n)
	}
	ttl, _ := tab.U8(ttlA)
	if ttl != 0 {
		add("ttl "+strconv.Itoa(int(ttl)), "ttl", ttl)
	} else {
		add("ttl inherit", "ttl", ttl)
	}
	if tos, _ := tab.U8(tosA); tos != 0 {
		hex := "0x" + strconv.FormatUint(uint64(tos), 16)
		if tos == 1 {
			add("tos inherit", "tos", hex)
		} else {
			add("tos "+hex, "tos", hex)
		}
	}
	if gre {
		if p, ok := tab.U8(pmtu); ok {
			if p == 0 {
				add("nopmtudisc", "pmtudisc", false)
			} else {
				add("", "pmtudisc", true)
			}
		}
		if x, _ := tab.U8(iflaGREIgnoreDF); x != 0 {
			add("ignore-df", "ignore_df", true)
		}
		iflags, _ := tab.BE16(IflaGREIFlags)
		oflags, _ := tab.BE16(IflaGREOFlags)
		key := func(name string, flags uint16, a uint16) {
			if b := tab[a]; flags&GreKeyFlag != 0 && len(b) == 4 {
				s := net.IP(b).String()
				add(name+" "+s, name, s)
			}
		}
		key("ikey", iflags, IflaGREIKey)
		key("okey", oflags, IflaGREOKey)
		for _, f := range []struct {
			Flags uint16
			bit   uint16
			Name  string
		}{{iflags, GreSeqFlag, "iseq"}, {oflags, GreSeqFlag, "oseq"}, {iflags, greCSumFlag, "icsum"}, {oflags, greCSumFlag, "ocsum"}} {
			if f.Flags&f.bit != 0 {
				add(f.Name, f.Name, true)
			}
		}
	} else {
		if p, _ := tab.U8(pmtu); p != 0 {
			add("pmtudisc", "pmtudisc", true)
		} else {
			add("nopmtudisc", "pmtudisc", false)
		}
		if f, _ := tab.U16(iflaIPTunFlags); f&sitISATAP != 0 {
			add("isatap", "isatap", true)
		}
		if pl, _ := tab.U16(iflaIPTun6rdPrefixLen); pl != 0 {
			prefix := net.IP(tab[iflaIPTun6rdPrefix]).String()
			add("6rd-prefix "+prefix+"/"+strconv.Itoa(int(pl)), "prefix", prefix)
			add("", "prefixlen", pl)
			if b := tab[iflaIPTun6rdRelayPrefix]; len(b) == 4 && binary.BigEndian.Uint32(b) != 0 {
				rl, _ := tab.U16(iflaIPTun6rdRelayLen)
				add("6rd-relay_prefix "+net.IP(b).String()+"/"+strconv.Itoa(int(rl)), "relay_prefix", net.IP(b).String())
				add("", "relay_prefixlen", rl)
			}
		}
	}
	if m, _ := tab.U32(fwmark); m != 0 {
		hex := "0x" + strconv.FormatUint(uint64(m), 16)
		add("fwmark "+hex, "fwmark", hex)
	}
	return out
}

func TunnelText(t *format.Text, v *LinkView, kind string, data []byte) {
	items := tunnelItems(v, kind, data)
	for i, it := range items {
		if it.Text == "" {
			continue
		}
		t.S(it.Text)
		// ip prints "external" alone without the usual trailing space.
		if !(len(items) == 1 && i == 0 && it.Text == "external") {
			t.S(" ")
		}
	}
}

func TunnelJSON(v *LinkView, kind string, data []byte) *format.Obj {
	o := &format.Obj{}
	for _, it := range tunnelItems(v, kind, data) {
		o.Set(it.key, it.val)
	}
	return o
}
