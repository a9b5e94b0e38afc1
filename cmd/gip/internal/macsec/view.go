package macsec

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/macsec"
)

// secyView prints a device as ip's macsec show does (its process()).
type secyView struct {
	y     *macsec.SecY
	name  string
	stats bool // -s
}

func (v *secyView) Fields(f *format.Fields) {
	y := v.y
	f.Uint("ifindex", "%u: ", uint64(y.IfIndex))
	f.StringColor(format.ColorIfname, "ifname", "%s: ", v.name)
	flag(f, "protect", y.Protect)
	if y.Validate.Set {
		f.String("validate", "validate %s ", nameOf(validations, y.Validate.V))
	}
	// ip prints "sc" and "sa" from the SecY's attribute with the number
	// of an SC's and an SA's active flag: the encoding SA's.
	flag(f, "sc", y.EncodingSA)
	flag(f, "sa", y.EncodingSA)
	flag(f, "encrypt", y.Encrypt)
	flag(f, "send_sci", y.IncludeSCI)
	flag(f, "end_station", y.EndStation)
	flag(f, "scb", y.SCB)
	flag(f, "replay", y.Replay)
	if y.Window.Set {
		f.Uint("window", "window %u ", y.Window.V)
	}
	f.Line()
	f.String("cipher_suite", "    cipher suite: %s,", cipherName(y.CipherSuite))
	f.Uint("icv_length", " using ICV length %u", y.ICVLen.V)
	f.Literal("\n")

	xpn := macsec.IsXPN(y.CipherSuite)
	f.Literal("    ")
	hexField(f, "sci", "TXSC: %016x", y.SCI)
	f.Uint("encoding_sa", " on SA %u", y.EncodingSA.V)
	f.Literal("\n")
	if v.stats {
		printStats(f, "    ", secyStats, &y.SecYStats)
		printStats(f, "    ", txSCStats, &y.TxSCStats)
	}
	v.sas(f, y.TxSAs, xpn, txSAStats)
	f.OpenArray("rx_sc")
	for i := range y.RxSCs {
		sc := &y.RxSCs[i]
		f.OpenElement()
		f.Literal("    ")
		hexField(f, "sci", "RXSC: %016x,", sc.SCI)
		f.Bool("active", "", sc.Active)
		f.Literal(" state " + onOff(sc.Active) + "\n")
		if v.stats {
			printStats(f, "    ", rxSCStats, &sc.Stats)
		}
		v.sas(f, sc.SAs, xpn, rxSAStats)
		f.Close()
	}
	f.CloseArray()
	if y.Offload.Set {
		f.String("offload", "    offload: %s ", nameOf(offloads, y.Offload.V))
		f.Line()
	}
}

// sas prints a list of SAs, with counters named by names under -s.
func (v *secyView) sas(f *format.Fields, sas []macsec.SA, xpn bool, names []string) {
	f.OpenArray("sa_list")
	for i := range sas {
		sa := &sas[i]
		f.OpenElement()
		f.Literal("        ")
		f.Uint("an", "%u:", uint64(sa.AN))
		// ip prints the packet number in 32 bits, an extended one too.
		f.Uint("pn", " PN %u,", uint64(uint32(sa.PN)))
		if xpn {
			hexField(f, "ssci", "SSCI %08x", uint64(sa.SSCI))
		}
		f.Bool("active", "", sa.Active)
		f.Literal(" state " + onOff(sa.Active) + ",")
		f.String("key", " key %s", hex.EncodeToString(sa.KeyID))
		f.Literal("\n")
		if v.stats {
			printStats(f, "    ", names, &sa.Stats)
		}
		f.Close()
	}
	f.CloseArray()
}

// flag prints one of the SecY's flags when the kernel sent it: "NAME
// on " or "NAME off " in text, a boolean in JSON.
func flag(f *format.Fields, name string, s macsec.Setting) {
	if !s.Set {
		return
	}
	f.Bool(name, "", s.On())
	f.Literal(name + " " + onOff(s.On()) + " ")
}

func onOff(on bool) string {
	if on {
		return "on"
	}
	return "off"
}

// hexField prints a number in hex: through textFmt in text, as a string
// in C's %#llx in JSON (ip's print_0xhex).
func hexField(f *format.Fields, key, textFmt string, v uint64) {
	if f.JSON() {
		s := "0"
		if v != 0 {
			s = "0x" + strconv.FormatUint(v, 16)
		}
		f.String(key, "", s)
		return
	}
	f.Literal(fmt.Sprintf(textFmt, v))
}

// validations are the names of MACSEC_VALIDATE_* (offloads, ip's
// words, are MACSEC_OFFLOAD_*'s).
var validations = []string{"disabled", "check", "strict"}

// nameOf is the name of value v in names, or ip's "(unknown)".
func nameOf(names []string, v uint64) string {
	if v < uint64(len(names)) {
		return names[v]
	}
	return "(unknown)"
}

func cipherName(id uint64) string {
	switch id {
	case macsec.CipherDefault, macsec.CipherGCMAES128:
		return "GCM-AES-128"
	case macsec.CipherGCMAES256:
		return "GCM-AES-256"
	case macsec.CipherGCMAESXPN128:
		return "GCM-AES-XPN-128"
	case macsec.CipherGCMAESXPN256:
		return "GCM-AES-XPN-256"
	}
	return "(unknown)"
}

// The counters' names, by attribute number (MACSEC_*_STATS_ATTR_*).
var (
	secyStats = []string{1: "OutPktsUntagged", "InPktsUntagged", "OutPktsTooLong", "InPktsNoTag", "InPktsBadTag",
		"InPktsUnknownSCI", "InPktsNoSCI", "InPktsOverrun"}
	txSCStats = []string{1: "OutPktsProtected", "OutPktsEncrypted", "OutOctetsProtected", "OutOctetsEncrypted"}
	rxSCStats = []string{1: "InOctetsValidated", "InOctetsDecrypted", "InPktsUnchecked", "InPktsDelayed", "InPktsOK",
		"InPktsInvalid", "InPktsLate", "InPktsNotValid", "InPktsNotUsingSA", "InPktsUnusedSA"}
	rxSAStats = []string{1: "InPktsOK", "InPktsInvalid", "InPktsNotValid", "InPktsNotUsingSA", "InPktsUnusedSA"}
	txSAStats = []string{6: "OutPktsProtected", "OutPktsEncrypted"}
)

// printStats prints counters as ip does under -s: in text a line of
// names and a line of values right-aligned under them ("-" for one the
// kernel did not send), in JSON each counter sent under its name.
func printStats(f *format.Fields, prefix string, names []string, s *macsec.Stats) {
	if f.JSON() {
		for i, n := range names {
			if n != "" && s.Has(i) {
				f.Uint(n, "", s.Value[i])
			}
		}
		return
	}
	var b strings.Builder
	b.WriteString(prefix + "stats:")
	for _, n := range names {
		if n != "" {
			b.WriteString(" " + n)
		}
	}
	b.WriteString("\n" + prefix + "      ")
	for i, n := range names {
		if n == "" {
			continue
		}
		if s.Has(i) {
			fmt.Fprintf(&b, "%*d", len(n)+1, s.Value[i])
		} else {
			fmt.Fprintf(&b, "%*c", len(n)+1, '-')
		}
	}
	b.WriteString("\n")
	f.Literal(b.String())
}
