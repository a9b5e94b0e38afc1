package l2tp

import (
	"encoding/hex"
	"net/netip"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/l2tp"
)

// tunnelView prints a tunnel as ip's print_tunnel does.
type tunnelView struct{ t l2tp.Tunnel }

func (v *tunnelView) Fields(f *format.Fields) {
	t := &v.t
	f.Uint("tunnel_id", "Tunnel %u,", uint64(t.ID))
	f.String("encap", " encap %s", encapName(t.Encap))
	f.Line()
	f.String("local", "  From %s ", addrText(t.Local))
	f.String("peer", "to %s", addrText(t.Remote))
	f.Line()
	f.Uint("peer_tunnel", "  Peer tunnel %u", uint64(t.PeerID))
	f.Line()
	if t.Encap != l2tp.EncapUDP {
		return
	}
	f.Literal("  UDP source / dest ports:")
	f.Uint("local_port", " %u", uint64(t.SourcePort))
	f.Uint("peer_port", "/%u", uint64(t.DestPort))
	f.Line()
	// ip tells the checksums by the family of the local address.
	if t.Local.Is4() {
		f.Bool("checksum", "", t.UDPCsum)
		f.Literal("  UDP checksum: " + enabled(t.UDPCsum) + "\n")
		return
	}
	tx, rx := !t.ZeroCsum6Tx, !t.ZeroCsum6Rx
	f.Bool("checksum_tx", "", tx)
	f.Bool("checksum_rx", "", rx)
	switch {
	case tx && rx:
		f.Literal("  UDP checksum: enabled\n")
	case tx:
		f.Literal("  UDP checksum: tx\n")
	case rx:
		f.Literal("  UDP checksum: rx\n")
	default:
		f.Literal("  UDP checksum: disabled\n")
	}
}

func encapName(e l2tp.Encap) string {
	switch e {
	case l2tp.EncapUDP:
		return "UDP"
	case l2tp.EncapIP:
		return "IP"
	}
	return "??"
}

func enabled(on bool) string {
	if on {
		return "enabled"
	}
	return "disabled"
}

// addrText is an address as ip prints it; one the kernel did not send
// reads as IPv6's unspecified address, as ip's zeroed buffer does.
func addrText(a netip.Addr) string {
	if !a.IsValid() {
		return "::"
	}
	return a.String()
}

// sessionView prints a session as ip's print_session does.
type sessionView struct{ s l2tp.Session }

func (v *sessionView) Fields(f *format.Fields) {
	s := &v.s
	f.Uint("session_id", "Session %u", uint64(s.ID))
	f.Uint("tunnel_id", " in tunnel %u", uint64(s.TunnelID))
	f.Line()
	f.Uint("peer_session_id", "  Peer session %u,", uint64(s.PeerID))
	f.Uint("peer_tunnel_id", " tunnel %u", uint64(s.PeerTunnelID))
	f.Line()
	if s.IfName != "" {
		f.StringColor(format.ColorIfname, "interface", "  interface name: %s", s.IfName)
		f.Line()
	}
	// ip shows offsets, always 0, in text only, for old scripts.
	f.Literal("  offset 0, peer offset 0\n")
	if s.Cookie.Len() > 0 {
		f.String("cookie", "  cookie %s", cookieText(s.Cookie))
	}
	if s.PeerCookie.Len() > 0 {
		f.String("peer_cookie", "  peer cookie %s", cookieText(s.PeerCookie))
	}
	if s.ReorderTimeout != 0 {
		f.Uint("reorder_timeout", "  reorder timeout: %u", uint64(uint32(s.ReorderTimeout)))
	}
	if s.SendSeq || s.RecvSeq {
		f.Line()
		f.Literal("  sequence numbering:")
		if s.SendSeq {
			f.Null("send_seq", " send")
		}
		if s.RecvSeq {
			f.Null("recv_seq", " recv")
		}
	}
	f.Literal("\n")
}

// cookieText is a cookie in hex: its first four bytes, all eight when it
// has eight.
func cookieText(c l2tp.Cookie) string {
	b := c.Bytes()
	if len(b) != 8 && len(b) > 4 {
		b = b[:4]
	}
	return hex.EncodeToString(b)
}
