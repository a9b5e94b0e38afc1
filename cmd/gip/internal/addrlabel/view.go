package addrlabel

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// view prints one label as ip's print_addrlabel does.
type view struct {
	l     *rtnl.AddrLabel
	links *env.Links
}

func (v *view) Fields(f *format.Fields) {
	l := v.l
	if l.Deleted {
		f.Bool("deleted", "Deleted ", true)
	}
	if l.Raw != nil {
		f.Literal("prefix ")
		s := "???"
		if l.Addr.IsValid() {
			s = l.Addr.String()
		}
		f.StringColor(link.AddrColor(l.Family), "address", "%s", s)
		f.Uint("prefixlen", "/%u ", uint64(l.PrefixLen))
	}
	if l.Index != 0 {
		f.Literal("dev ")
		f.StringColor(format.ColorIfname, "ifname", "%s ", v.links.Name(l.Index))
	}
	if l.HasLabel {
		f.Uint("label", "label %u ", uint64(l.Label))
	}
	f.Literal("\n")
}
