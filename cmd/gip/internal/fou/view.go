package fou

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/fou"
	"golang.org/x/sys/unix"
)

// view prints a port as ip's print_fou_mapping does.
type view struct {
	m     fou.Mapping
	links *env.Links
}

func (v *view) Fields(f *format.Fields) {
	m := &v.m
	if m.HasPort {
		f.Uint("port", "port %u", uint64(m.Port))
	}
	if m.HasEncap && m.Encap == fou.EncapGUE {
		f.Null("gue", " gue")
	} else if m.HasIPProto {
		f.Uint("ipproto", " ipproto %u", uint64(m.IPProto))
	}
	if m.HasFamily {
		f.String("family", "", grammar.FamilyWord(m.Family))
		if m.Family == unix.AF_INET6 {
			f.Literal(" -6")
		}
	}
	if m.Local.IsValid() && !m.Local.IsUnspecified() {
		f.String("local", " local %s", m.Local.String())
	}
	if m.Peer.IsValid() && !m.Peer.IsUnspecified() {
		f.String("peer", " peer %s", m.Peer.String())
	}
	if m.PeerPort != 0 {
		f.Uint("peer_port", " peer_port %u", uint64(m.PeerPort))
	}
	if m.IfIndex != 0 {
		f.String("dev", " dev %s", v.links.Name(m.IfIndex))
	}
	f.Literal("\n")
}
