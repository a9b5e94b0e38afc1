package link

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// erspan, ip6erspan: GRE taps carrying mirrored traffic with an ERSPAN
// header. They are GRE tunnels (kind_tunnel.go: model, grammar and
// printer) with the ERSPAN words added here.

// parseErspanWord reads erspan, erspan_ver, erspan_dir or erspan_hwid.
func parseErspanWord(p *kindParser, tun *rtnl.Tunnel, w string) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	number := func(bits int, what string) (uint64, error) {
		n, ok := grammar.CUint(v, 0, uint64(1)<<bits-1)
		if !ok {
			return 0, fail.Invalid("invalid erspan "+what+"\n", v)
		}
		return n, nil
	}
	switch w {
	case "erspan":
		idx, err := number(32, "index")
		if err != nil {
			return err
		}
		if idx == 0 || idx >= 1<<20 {
			return fail.Invalid("erspan index must be > 0 and <= 20-bit\n", v)
		}
		tun.ErspanIndex = rtnl.Some(uint32(idx))
	case "erspan_ver":
		ver, err := number(8, "version")
		if err != nil {
			return err
		}
		if ver > 2 {
			return fail.Invalid("erspan version must be 0/1/2\n", v)
		}
		tun.ErspanVer = rtnl.Some(uint8(ver))
	case "erspan_dir":
		switch {
		case grammar.Matches(v, "ingress"):
			tun.ErspanDir = rtnl.Some(uint8(0))
		case grammar.Matches(v, "egress"):
			tun.ErspanDir = rtnl.Some(uint8(1))
		default:
			return fail.Invalid("Invalid erspan direction.", v)
		}
	case "erspan_hwid":
		hwid, err := number(16, "hwid")
		if err != nil {
			return err
		}
		tun.ErspanHwID = rtnl.Some(uint16(hwid))
	default:
		p.Back()
		return p.unknown(w)
	}
	return nil
}

// printErspan prints the ERSPAN options the kernel reports.
func printErspan(f *format.Fields, tun *rtnl.Tunnel) {
	printUint(f, "erspan_index", "erspan_index", tun.ErspanIndex)
	printUint(f, "erspan_ver", "erspan_ver", tun.ErspanVer)
	if d, ok := tun.ErspanDir.Get(); ok {
		dir := "ingress"
		if d != 0 {
			dir = "egress"
		}
		f.String("erspan_dir", "erspan_dir %s ", dir)
	}
	printHex(f, "erspan_hwid", "erspan_hwid", tun.ErspanHwID)
}
