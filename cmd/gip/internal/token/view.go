package token

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// view prints one device's token as ip's print_token does.
type view struct {
	t     *rtnl.Token
	links *env.Links
}

func (v *view) Fields(f *format.Fields) {
	s := "::"
	if v.t.Token.IsValid() {
		s = format.Addr(v.t.Token)
	}
	f.Literal("token ")
	f.StringColor(link.AddrColor(unix.AF_INET6), "token", "%s", s)
	f.Literal(" dev ")
	name := v.t.Name
	if name == "" {
		name = v.links.Name(v.t.Index)
	}
	f.StringColor(format.ColorIfname, "ifname", "%s\n", name)
}
