package tunnel

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/iptunnel"
)

// greFields are the GRE parts both parameter blocks have.
type greFields struct {
	iflags, oflags *uint16
	ikey, okey     *uint32
}

// greWord reads one of the GRE words both families take (key, ikey,
// okey with their value; seq, iseq, oseq, csum, icsum, ocsum) into g.
// ok is false for any other word.
func greWord(w string, a *grammar.Args, g greFields) (ok bool, err error) {
	in, out := false, false
	var bit uint16
	switch w {
	case "key", "ikey", "okey":
		v, err := a.Value()
		if err != nil {
			return true, err
		}
		k, err := grammar.TunnelKey(w, v)
		if err != nil {
			return true, err
		}
		if w != "okey" {
			*g.iflags |= iptunnel.GREKey
			*g.ikey = k
		}
		if w != "ikey" {
			*g.oflags |= iptunnel.GREKey
			*g.okey = k
		}
		return true, nil
	case "seq":
		in, out, bit = true, true, iptunnel.GRESeq
	case "iseq":
		in, bit = true, iptunnel.GRESeq
	case "oseq":
		out, bit = true, iptunnel.GRESeq
	case "csum":
		in, out, bit = true, true, iptunnel.GRECsum
	case "icsum":
		in, bit = true, iptunnel.GRECsum
	case "ocsum":
		out, bit = true, iptunnel.GRECsum
	default:
		return false, nil
	}
	if in {
		*g.iflags |= bit
	}
	if out {
		*g.oflags |= bit
	}
	return true, nil
}

// nameWord reads the tunnel's name: "name NAME", or a word no keyword
// claimed, as ip's parsers take it ("help" and its abbreviations print
// the usage instead). It returns the name.
func nameWord(w string, a *grammar.Args, have string, usage func() error) (string, error) {
	if w == "name" {
		v, err := a.Value()
		if err != nil {
			return "", err
		}
		w = v
	} else if grammar.Matches(w, "help") {
		return "", usage()
	}
	if have != "" {
		return "", fail.Garbage("name", w)
	}
	if !grammar.ValidIfName(w) {
		return "", fail.Invalid(`"name" not a valid ifname`, w)
	}
	return w, nil
}
