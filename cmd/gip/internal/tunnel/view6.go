package tunnel

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/iptunnel"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// view6 is an IPv6 tunnel as ip's tunnel show prints it.
type view6 struct {
	p      iptunnel.Parm6
	dev    string // the lower device's name
	stats  *rtnl.LinkStats
	ending string // what ends the record in text
}

func v6Shown(a netip.Addr) string {
	if !a.IsValid() {
		return "::"
	}
	return a.String()
}

func (v *view6) Fields(f *format.Fields) {
	p := &v.p
	headView(f, p.Name, protoName(p.Proto)+"/ipv6", format.ColorInet6, v6Shown(p.Remote), v6Shown(p.Local))
	if p.Link != 0 {
		f.String("link", " dev %s", v.dev)
	}
	if p.Flags&iptunnel.IP6IgnEncapLimit != 0 {
		f.Null("ip6_tnl_f_ign_encap_limit", " encaplimit none")
	} else {
		f.Uint("encap_limit", " encaplimit %d", uint64(p.EncapLimit))
	}
	if p.HopLimit != 0 {
		f.Uint("hoplimit", " hoplimit %d", uint64(p.HopLimit))
	} else {
		f.Literal(" hoplimit inherit")
	}
	if p.Flags&iptunnel.IP6UseOrigTclass != 0 {
		f.Null("ip6_tnl_f_use_orig_tclass", " tclass inherit")
	} else {
		f.String("tclass", " tclass %s", fmt.Sprintf("0x%02x", p.FlowInfo&iptunnel.FlowInfoTclass>>20))
	}
	if p.Flags&iptunnel.IP6UseOrigFlowlabel != 0 {
		f.Null("ip6_tnl_f_use_orig_flowlabel", " flowlabel inherit")
	} else {
		f.String("flowlabel", " flowlabel %s", fmt.Sprintf("0x%05x", p.FlowInfo&iptunnel.FlowInfoFlowlabel))
	}
	f.String("flowinfo", " (flowinfo %s)", fmt.Sprintf("0x%08x", p.FlowInfo))
	if p.Flags&iptunnel.IP6RcvDSCPCopy != 0 {
		f.Null("ip6_tnl_f_rcv_dscp_copy", " dscp inherit")
	}
	if p.Flags&iptunnel.IP6AllowLocalRemote != 0 {
		f.Null("ip6_tnl_f_allow_local_remote", " allow-localremote")
	}
	greView(f, p.Proto, p.IFlags, p.OFlags, p.IKey, p.OKey)
	statsView(f, v.stats)
	f.Literal(v.ending)
}
