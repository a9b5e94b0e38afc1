package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const ipoibUsage = `Usage: ... ipoib [ pkey PKEY ]
		 [ mode {datagram | connected} ]
		 [ umcast {0|1} ]

PKEY  := 0x8001-0xffff
`

// ipoib: IP over an InfiniBand partition (a child of an ib device).
func ipoibKind() Kind {
	return newKind("ipoib", ipoibUsage, parseIPoIB, printIPoIB)
}

var ipoibWords = []string{"pkey", "mode", "umcast", "help"}

func parseIPoIB(p *kindParser, o *rtnl.IPoIB) error {
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, ipoibWords)
		if !ok {
			return explained(fmt.Sprintf("ipoib: unknown option %q?", w), ipoibUsage)
		}
		if kw == "help" {
			return explained("", ipoibUsage)
		}
		v, err := p.Value()
		if err != nil {
			return err
		}
		switch kw {
		case "mode":
			switch v {
			case "datagram":
				o.Mode = rtnl.Some[uint16](rtnl.IPoIBModeDatagram)
			case "connected":
				o.Mode = rtnl.Some[uint16](rtnl.IPoIBModeConnected)
			default:
				return fail.Localf(`Error: argument of "mode" must be "datagram"or "connected"`)
			}
		case "pkey", "umcast":
			n, ok := grammar.ParseCUint(v, 16)
			if !ok {
				return fail.Invalid(kw+" is invalid", v)
			}
			if kw == "pkey" {
				o.PKey = rtnl.Some(uint16(n))
			} else {
				o.UMcast = rtnl.Some(uint16(n))
			}
		}
	}
	return nil
}

// printIPoIB prints as ip does: each option only after the one before it.
func printIPoIB(f *format.Fields, o *rtnl.IPoIB, _ *View) {
	pkey, ok := o.PKey.Get()
	if !ok {
		return
	}
	f.String("key", "pkey %s ", cHexWidth(uint64(pkey), 4))
	mode, ok := o.Mode.Get()
	if !ok {
		return
	}
	name := "unknown"
	switch mode {
	case rtnl.IPoIBModeDatagram:
		name = "datagram"
	case rtnl.IPoIBModeConnected:
		name = "connected"
	}
	f.String("mode", "mode %s ", name)
	if um, ok := o.UMcast.Get(); ok {
		f.String("umcast", "umcast %s ", fmt.Sprintf("%.4x", um))
	}
}

// cHexWidth is C's "%#.Nx": at least n hex digits after 0x, and a bare 0
// for zero.
func cHexWidth(v uint64, n int) string {
	if v == 0 {
		return fmt.Sprintf("%0*x", n, 0)
	}
	return fmt.Sprintf("0x%0*x", n, v)
}
