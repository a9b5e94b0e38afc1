package link

import (
	"fmt"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// macsec: an IEEE 802.1AE device on a lower Ethernet device. The link
// options set up its secure entity; `gip macsec` adds the channels and
// associations.
func macsecKind() Kind {
	return newKind("macsec", macsecUsage, parseMacsec, printMacsec)
}

const macsecUsage = `Usage: ... macsec [ [ address <lladdr> ] port { 1..2^16-1 } | sci <u64> ]
                  [ cipher { default | gcm-aes-128 | gcm-aes-256 | gcm-aes-xpn-128 | gcm-aes-xpn-256 } ]
                  [ icvlen { 8..16 } ]
                  [ encrypt { on | off } ]
                  [ send_sci { on | off } ]
                  [ end_station { on | off } ]
                  [ scb { on | off } ]
                  [ protect { on | off } ]
                  [ replay { on | off} window { 0..2^32-1 } ]
                  [ validate { strict | check | disabled } ]
                  [ encodingsa { 0..3 } ]
                  [ offload { mac | phy | off } ]
`

// Names of the MACSEC_VALIDATE_* and MACSEC_OFFLOAD_* values, by value.
var (
	macsecValidations = []string{"disabled", "check", "strict"}
	macsecOffloads    = []string{"off", "phy", "mac"}
)

// macsecCiphers are the cipher suites by their names on the command line
// and as ip prints them.
var macsecCiphers = []struct {
	id   uint64
	name string
}{
	{rtnl.MacsecCipherDefault, "GCM-AES-128"},
	{rtnl.MacsecCipherGCMAES128, "GCM-AES-128"},
	{rtnl.MacsecCipherGCMAES256, "GCM-AES-256"},
	{rtnl.MacsecCipherGCMAESXPN128, "GCM-AES-XPN-128"},
	{rtnl.MacsecCipherGCMAESXPN256, "GCM-AES-XPN-256"},
}

func parseMacsec(p *kindParser, m *rtnl.Macsec) error {
	if err := parseMacsecSCI(p, m); err != nil {
		return err
	}
	window, replay := rtnl.Opt[uint32]{}, rtnl.Opt[uint8]{}
	for p.More() {
		w := p.Next()
		var err error
		switch w {
		case "cipher":
			err = parseMacsecCipher(p, m)
		case "icvlen":
			err = parseICVLen(p, m)
		case "encrypt":
			m.Encrypt, err = p.onOffOf(w)
		case "send_sci":
			m.IncSCI, err = p.onOffOf(w)
		case "end_station":
			m.ES, err = p.onOffOf(w)
		case "scb":
			m.SCB, err = p.onOffOf(w)
		case "protect":
			m.Protect, err = p.onOffOf(w)
		case "replay":
			replay, err = p.onOffOf(w)
		case "window":
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 0, 1<<32-1)
			if !ok {
				return fail.Invalid("expected replay window size", v)
			}
			window = rtnl.Some(uint32(n))
		case "validate":
			var v uint8
			v, err = p.oneOf(w, macsecValidations...)
			m.Validation = rtnl.Some(v)
		case "encodingsa":
			if m.EncodingSA.Set {
				return fail.Garbage("encodingsa", "encodingsa")
			}
			var v string
			if v, err = p.Value(); err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 0, 3)
			if !ok {
				return fail.Invalid("expected an { 0..3 }", v)
			}
			m.EncodingSA = rtnl.Some(uint8(n))
		case "offload":
			var v uint8
			v, err = p.oneOf(w, macsecOffloads...)
			m.Offload = rtnl.Some(v)
		default:
			return explained(fmt.Sprintf("macsec: unknown command %q?", w), macsecUsage)
		}
		if err != nil {
			return err
		}
	}
	if window.V == 1<<32-1 {
		// ip's mark of no window: a window of 2^32-1 is none
		window = rtnl.Opt[uint32]{}
	}
	if sendSCI := m.IncSCI.V != 0; sendSCI && (m.ES.V != 0 || m.SCB.V != 0) || m.ES.V != 0 && m.SCB.V != 0 {
		return fail.Localf("invalid combination of send_sci/end_station/scb")
	}
	switch {
	case window.Set && !replay.Set:
		return fail.Localf("replay window set, but replay protection not enabled. did you mean 'replay on window %d'?", window.V)
	case !window.Set && replay.V == 1:
		return fail.Localf("replay protection enabled, but no window set. did you mean 'replay on window VALUE'?")
	}
	if replay.Set {
		// Without a window (replay off), ip sends its "unset" -1.
		m.Window, m.ReplayProtect = rtnl.Some(window.V), replay
		if !window.Set {
			m.Window.V = 1<<32 - 1
		}
	}
	return nil
}

// onOffOf reads on or off, either abbreviated, as ip's parse_on_off.
func (p *kindParser) onOffOf(kw string) (rtnl.Opt[uint8], error) {
	v, err := p.oneOf(kw, "off", "on")
	return rtnl.Some(v), err
}

// parseMacsecSCI reads the leading words that name the secure channel:
// sci, or port with an optional address before it.
func parseMacsecSCI(p *kindParser, m *rtnl.Macsec) error {
	var addr [6]byte
	var port uint16
	sawAddr, sawPort := false, false
	for p.More() && !m.SCI.Set && !sawPort {
		w := p.Next()
		switch w {
		case "sci":
			if sawAddr {
				return fail.Invalid("expected port", w)
			}
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 16, 1<<64-1)
			if !ok {
				return fail.Invalid("expected sci", v)
			}
			m.SCI = rtnl.Some(n)
		case "port":
			v, err := p.Value()
			if err != nil {
				return err
			}
			n, ok := grammar.CUint(v, 0, 1<<16-1)
			if !ok {
				return fail.Invalid("expected port", v)
			}
			if n == 0 {
				return fail.Invalid("expected port != 0", v)
			}
			port, sawPort = uint16(n), true
		case "address":
			v, err := p.Value()
			if err != nil {
				return err
			}
			b, n, complaint := grammar.LLAddrA2N(v, len(addr))
			if n < 0 {
				return fail.Usagef("%s\nError: argument %q is wrong: expected lladdr", complaint, grammar.LLAddrShown(v))
			}
			copy(addr[:], b)
			sawAddr = true
		default:
			p.Back()
			return finishMacsecSCI(m, addr, port, sawAddr, sawPort)
		}
	}
	return finishMacsecSCI(m, addr, port, sawAddr, sawPort)
}

// finishMacsecSCI sends an address and port as the SCI they make (the
// address, then the port in network order), a port alone as the port.
func finishMacsecSCI(m *rtnl.Macsec, addr [6]byte, port uint16, sawAddr, sawPort bool) error {
	switch {
	case m.SCI.Set && m.SCI.V == 0:
		m.SCI = rtnl.Opt[uint64]{}
		m.Port = rtnl.Some(uint16(0))
	case sawAddr && sawPort:
		var sci uint64
		for _, b := range addr {
			sci = sci<<8 | uint64(b)
		}
		m.SCI = rtnl.Some(sci<<16 | uint64(port))
	case sawAddr || sawPort:
		m.Port = rtnl.Some(port)
	}
	return nil
}

func parseMacsecCipher(p *kindParser, m *rtnl.Macsec) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	if m.CipherSuite.Set {
		return fail.Duplicate("cipher", v)
	}
	if v == "default" {
		m.CipherSuite = rtnl.Some(uint64(rtnl.MacsecCipherDefault))
		return nil
	}
	for _, c := range macsecCiphers[1:] {
		if v == c.name || v == strings.ToLower(c.name) {
			m.CipherSuite = rtnl.Some(c.id)
			return nil
		}
	}
	return fail.Invalid("expected: default, gcm-aes-128, gcm-aes-256, gcm-aes-xpn-128 or gcm-aes-xpn-256", v)
}

func parseICVLen(p *kindParser, m *rtnl.Macsec) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	if m.ICVLen.Set {
		return fail.Duplicate("icvlen", v)
	}
	n, ok := grammar.CUint(v, 10, 255)
	if !ok {
		return fail.Invalid("expected ICV length", v)
	}
	if n < 8 || n > 16 {
		return fail.Invalid("ICV length must be in the range {8..16}", v)
	}
	m.ICVLen = rtnl.Some(uint8(n))
	return nil
}

func printMacsec(f *format.Fields, m *rtnl.Macsec, _ *View) {
	if sci, ok := m.SCI.Get(); ok {
		f.String("sci", "sci %s ", fmt.Sprintf("%016x", sci))
	}
	printOnOff(f, "protect", "protect", m.Protect)
	if id, ok := m.CipherSuite.Get(); ok {
		name := "(unknown)"
		for _, c := range macsecCiphers {
			if c.id == id {
				name = c.name
				break
			}
		}
		f.String("cipher_suite", "cipher %s ", name)
	}
	printUint(f, "icv_len", "icvlen", m.ICVLen)
	printUint(f, "encoding_sa", "encodingsa", m.EncodingSA)
	printNamed(f, "validation", "validate", m.Validation, macsecValidations)
	printNamed(f, "offload", "offload", m.Offload, macsecOffloads)
	printOnOff(f, "encrypt", "encrypt", m.Encrypt)
	printOnOff(f, "inc_sci", "send_sci", m.IncSCI)
	printOnOff(f, "es", "end_station", m.ES)
	printOnOff(f, "scb", "scb", m.SCB)
	printOnOff(f, "replay_protect", "replay", m.ReplayProtect)
	if w, ok := m.Window.Get(); ok {
		f.Int("window", "window %d ", int64(int32(w)))
	}
}

// printNamed prints a value by its name in names, "(unknown)" past them.
func printNamed(f *format.Fields, key, text string, o rtnl.Opt[uint8], names []string) {
	if v, ok := o.Get(); ok {
		name := "(unknown)"
		if int(v) < len(names) {
			name = names[v]
		}
		f.String(key, text+" %s ", name)
	}
}
