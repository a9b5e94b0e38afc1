package macsec

import (
	"encoding/binary"
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/macsec"
)

// op is what a change does to the SC or SA it names.
type op int

const (
	opAdd op = iota
	opSet
	opDel
)

// parseAN reads `sa AN` if the next word is sa (ip's get_sa).
func parseAN(a *grammar.Args) (an uint8, ok bool, err error) {
	if a.Peek() != "sa" {
		return 0, false, nil
	}
	a.Next()
	v, err := a.Value()
	if err != nil {
		return 0, false, err
	}
	n, good := grammar.CUint(v, 0, math.MaxUint8)
	if !good || n > 3 {
		return 0, false, fail.Invalid("expected an { 0..3 }", v)
	}
	return uint8(n), true, nil
}

// parseSAOptions reads OPTS and key ID KEY, ip's parse_sa_args, to the
// end of the words.
func parseSAOptions(a *grammar.Args, sa *macsec.SAConfig) error {
	activeSet := false
	for a.More() {
		w := a.Next()
		switch w {
		case "pn", "xpn":
			if sa.PN != 0 {
				return fail.Garbage(w, w)
			}
			v, err := a.Value()
			if err != nil {
				return err
			}
			max := uint64(math.MaxUint32)
			if w == "xpn" {
				max = math.MaxUint64
			}
			n, ok := grammar.CUint(v, 0, max)
			if !ok {
				return fail.Invalid("expected pn", v)
			}
			if n == 0 {
				return fail.Invalid("expected pn != 0", v)
			}
			sa.PN, sa.XPN = n, w == "xpn"
		case "salt":
			if sa.HasSalt {
				return fail.Garbage("salt", "salt")
			}
			v, err := a.Value()
			if err != nil {
				return err
			}
			b, ok := hexBytes(v, macsec.SaltLen)
			if !ok {
				return fail.Invalid("expected salt", v)
			}
			copy(sa.Salt[:], b)
			sa.HasSalt = true
		case "ssci":
			if sa.HasSSCI {
				return fail.Garbage("ssci", "ssci")
			}
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 16, math.MaxUint32)
			if !ok {
				return fail.Invalid("expected ssci", v)
			}
			sa.SSCI, sa.HasSSCI = uint32(n), true
		case "key":
			v, err := a.Value()
			if err != nil {
				return err
			}
			id, ok := hexBytes(v, macsec.KeyIDLen)
			if !ok {
				return fail.Invalid("expected key id", v)
			}
			if v, err = a.Value(); err != nil {
				return err
			}
			key, ok := hexBytes(v, macsec.MaxKeyLen)
			if !ok {
				return fail.Invalid("expected key", v)
			}
			sa.KeyID = [macsec.KeyIDLen]byte{}
			copy(sa.KeyID[:], id)
			sa.Key = key
		case "on", "off":
			if activeSet {
				return fail.Garbage("on/off", w)
			}
			sa.Active, sa.HasActive, activeSet = w == "on", true, true
		default:
			return unknownWord(w)
		}
	}
	return nil
}

// unknownWord is ip's complaint about a word it does not know here,
// with the usage.
func unknownWord(w string) error {
	return fail.Usagef("macsec: unknown command %q?\n%s", w, usageText)
}

// checkSA is ip's check_sa_args: an added SA needs a key and a packet
// number, a changed one cannot change its key.
func checkSA(o op, sa *macsec.SAConfig) error {
	switch {
	case o == opAdd && len(sa.Key) == 0:
		return fail.Localf("cannot create SA without key")
	case o == opAdd && sa.PN == 0:
		return fail.Localf("must specify a packet number != 0")
	case o == opSet && len(sa.Key) > 0:
		return fail.Localf("cannot change key on SA")
	}
	return nil
}

// parseSCI reads an SCI, `sci HEX` or `port N address LLADDR` (either
// order), ip's get_sci_portaddr: it stops once the SCI is complete.
func parseSCI(a *grammar.Args) (uint64, error) {
	var sci uint64
	var port uint16
	var addr []byte
	var s, p, ad bool
	for a.More() && !(s || p && ad) {
		w := a.Next()
		switch w {
		case "sci":
			if p {
				return 0, fail.Invalid("expected address", w)
			}
			if ad {
				return 0, fail.Invalid("expected port", w)
			}
			v, err := a.Value()
			if err != nil {
				return 0, err
			}
			n, ok := grammar.CUint(v, 16, math.MaxUint64)
			if !ok {
				return 0, fail.Invalid("expected sci", v)
			}
			sci, s = n, true
		case "port":
			v, err := a.Value()
			if err != nil {
				return 0, err
			}
			n, ok := grammar.CUint(v, 0, math.MaxUint16)
			if !ok {
				return 0, fail.Invalid("expected port", v)
			}
			if n == 0 {
				return 0, fail.Invalid("expected port != 0", v)
			}
			port, p = uint16(n), true
		case "address":
			v, err := a.Value()
			if err != nil {
				return 0, err
			}
			b, n, complaint := grammar.LLAddrA2N(v, 6)
			if complaint != "" || n < 0 {
				return 0, fail.Usagef("%s\nError: argument %q is wrong: expected lladdr", complaint, grammar.LLAddrShown(v))
			}
			addr, ad = make([]byte, 6), true
			copy(addr, b)
		default:
			return 0, fail.Invalid("expected sci, port, or address", w)
		}
	}
	if !s && !(p && ad) {
		return 0, fail.Usagef("expected sci\n%s", usageText)
	}
	if p && ad {
		sci = binary.BigEndian.Uint64(append(addr, byte(port>>8), byte(port)))
	}
	return sci, nil
}

// hexBytes is ip's hexstring_a2n: an even number of hex digits, two a
// byte, read up to max bytes (the rest is ignored).
func hexBytes(s string, max int) ([]byte, bool) {
	if len(s)%2 != 0 {
		return nil, false
	}
	var b []byte
	for ; len(b) < max && len(s) > 1; s = s[2:] {
		n, ok := grammar.CUint(s[:2], 16, 0xff)
		if !ok {
			return nil, false
		}
		b = append(b, byte(n))
	}
	return b, true
}
