package token

import (
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// view prints one device's token as ip's print_token does, with the
// device's name its dump message carries.
type view struct{ t *rtnl.Token }

func (v *view) Fields(f *format.Fields) {
	s := "::"
	if v.t.Token.IsValid() {
		s = format.Addr(v.t.Token)
	}
	f.Literal("token ")
	f.StringColor(link.AddrColor(unix.AF_INET6), "token", "%s", s)
	f.Literal(" dev ")
	f.StringColor(format.ColorIfname, "ifname", "%s\n", v.t.Name)
}
