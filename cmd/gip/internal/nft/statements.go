package nft

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/nftables"
	"golang.org/x/sys/unix"
)

var timeUnits = map[uint64]string{1: "second", 60: "minute", 3600: "hour", 86400: "day", 604800: "week"}

// byteUnit scales a number of bytes to the largest of nft's units that
// divides it.
func byteUnit(n uint64) (uint64, string) {
	units := []string{"bytes", "kbytes", "mbytes"}
	i := 0
	for ; i < len(units)-1 && n != 0; i++ {
		if n%1024 != 0 {
			break
		}
		n /= 1024
	}
	return n, units[i]
}

func limitStmt(x *nftables.Limit) stmt {
	inv := x.Flags&nftables.LimitInvert != 0
	over := ""
	if inv {
		over = "over "
	}
	per := timeUnits[x.Unit]
	o := new(format.Obj)
	var text string
	if x.Type == nftables.LimitBytes {
		rate, ru := byteUnit(x.Rate)
		burst, bu := byteUnit(uint64(x.Burst))
		text = fmt.Sprintf("limit rate %s%d %s/%s", over, rate, ru, per)
		if x.Burst != 0 {
			text += fmt.Sprintf(" burst %d %s", burst, bu)
		}
		o.Set("rate", rate).Set("burst", burst).Set("per", per)
		if inv {
			o.Set("inv", true)
		}
		o.Set("rate_unit", ru).Set("burst_unit", bu)
	} else {
		text = fmt.Sprintf("limit rate %s%d/%s", over, x.Rate, per)
		if x.Burst != 0 && x.Burst != 5 {
			text += fmt.Sprintf(" burst %d packets", x.Burst)
		}
		o.Set("rate", x.Rate).Set("burst", x.Burst).Set("per", per)
		if inv {
			o.Set("inv", true)
		}
	}
	return stmt{text: text, json: obj("limit", o)}
}

var logLevels = []string{"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug", "audit"}

// Log flags (NF_LOG_*).
const (
	logTCPSeq = 0x01
	logTCPOpt = 0x02
	logIPOpt  = 0x04
	logUID    = 0x08
	logMAC    = 0x20
	logAll    = 0x2f
)

func logStmt(x *nftables.Log) stmt {
	var b strings.Builder
	b.WriteString("log")
	o := new(format.Obj)
	if x.Prefix != nil {
		fmt.Fprintf(&b, " prefix %q", *x.Prefix)
		o.Set("prefix", *x.Prefix)
	}
	if x.Group != nil {
		fmt.Fprintf(&b, " group %d", *x.Group)
		o.Set("group", *x.Group)
	}
	if x.Snaplen != nil {
		fmt.Fprintf(&b, " snaplen %d", *x.Snaplen)
		o.Set("snaplen", *x.Snaplen)
	}
	if x.QThreshold != nil {
		fmt.Fprintf(&b, " queue-threshold %d", *x.QThreshold)
		o.Set("queue-threshold", *x.QThreshold)
	}
	if x.Level != nil && *x.Level != 4 && int(*x.Level) < len(logLevels) {
		fmt.Fprintf(&b, " level %s", logLevels[*x.Level])
		o.Set("level", logLevels[*x.Level])
	}
	if x.Flags != nil && *x.Flags != 0 {
		f := *x.Flags
		var words, js []string
		if f&logAll == logAll {
			words, js = []string{"all"}, []string{"all"}
		} else {
			switch f & (logTCPSeq | logTCPOpt) {
			case logTCPSeq | logTCPOpt:
				words = append(words, "tcp sequence,options")
				js = append(js, "tcp sequence", "tcp options")
			case logTCPSeq:
				words, js = append(words, "tcp sequence"), append(js, "tcp sequence")
			case logTCPOpt:
				words, js = append(words, "tcp options"), append(js, "tcp options")
			}
			if f&logIPOpt != 0 {
				words, js = append(words, "ip options"), append(js, "ip options")
			}
			if f&logUID != 0 {
				words, js = append(words, "skuid"), append(js, "skuid")
			}
			if f&logMAC != 0 {
				words, js = append(words, "ether"), append(js, "ether")
			}
		}
		for _, w := range words {
			b.WriteString(" flags " + w)
		}
		if len(js) == 1 {
			o.Set("flags", js[0])
		} else {
			o.Set("flags", js)
		}
	}
	if o.Len() == 0 {
		return stmt{text: b.String(), json: obj("log", nil)}
	}
	return stmt{text: b.String(), json: obj("log", o)}
}

func quotaStmt(x *nftables.Quota) stmt {
	o := new(format.Obj)
	if x.Flags&nftables.QuotaInvert != 0 {
		o.Set("inv", true)
	}
	val, unit := byteUnit(x.Bytes)
	o.Set("val", val).Set("val_unit", unit)
	if x.Consumed != 0 {
		used, uu := byteUnit(x.Consumed)
		o.Set("used", used).Set("used_unit", uu)
	}
	return stmt{text: "quota " + quotaText(x), json: obj("quota", o)}
}

// quotaText is a quota as nft says it: [over] N UNIT [used N UNIT].
func quotaText(x *nftables.Quota) string {
	over := ""
	if x.Flags&nftables.QuotaInvert != 0 {
		over = "over "
	}
	val, unit := byteUnit(x.Bytes)
	text := fmt.Sprintf("%s%d %s", over, val, unit)
	if x.Consumed != 0 {
		used, uu := byteUnit(x.Consumed)
		text += fmt.Sprintf(" used %d %s", used, uu)
	}
	return text
}

// reject reads a reject statement. Its text leaves out the default
// (port unreachable) of the ip and ip6 families, its JSON never does. A
// reject implies the protocol it answers in, so the match that said it is
// left out (tcp reset keeps it in the inet family).
func (d *decoder) reject(x *nftables.Reject) {
	var kind string
	var code expr
	brief := false
	multi := d.family == nftables.FamilyINet || d.family == nftables.FamilyBridge || d.family == nftables.FamilyNetdev
	switch x.Type {
	case nftables.RejectTCPReset:
		kind = "tcp reset"
		if !multi {
			d.killDependency(depTransport, "tcp")
		}
	case nftables.RejectICMPXUnreach:
		kind, code = "icmpx", valueExpr(tICMPXCode, []byte{x.Code})
		brief = x.Code == 1
	case nftables.RejectICMPUnreach:
		proto := d.netProto
		if multi {
			d.killDependency(depNetwork, proto)
		}
		switch proto {
		case "ip":
			kind, code = "icmp", valueExpr(tICMPCode, []byte{x.Code})
			brief = x.Code == 3 && !multi
		case "ip6":
			kind, code = "icmpv6", valueExpr(tICMPv6Code, []byte{x.Code})
			brief = x.Code == 4 && !multi
		}
	}
	if kind == "" {
		d.add(simple("reject"))
		return
	}
	o := new(format.Obj).Set("type", kind)
	text := "reject with " + kind
	if code.text != "" {
		text += " " + code.text
		o.Set("expr", code.json)
	}
	if brief {
		text = "reject"
	}
	d.add(stmt{text: text, json: obj("reject", o)})
}

// NAT range flags (NF_NAT_RANGE_*).
const (
	natMapIPs      = 0x01
	natProtoSpec   = 0x02
	natRandom      = 0x04
	natPersistent  = 0x08
	natFullyRandom = 0x10
)

func natFlags(f uint32) (string, any) {
	var names []string
	if f&natRandom != 0 {
		names = append(names, "random")
	}
	if f&natFullyRandom != 0 {
		names = append(names, "fully-random")
	}
	if f&natPersistent != 0 {
		names = append(names, "persistent")
	}
	switch len(names) {
	case 0:
		return "", nil
	case 1:
		return " " + names[0], names[0]
	}
	return " " + strings.Join(names, ","), names
}

// regRange reads the value or range held by two registers.
func (d *decoder) regRange(t *dtype, lo, hi uint32) (expr, bool) {
	a := d.get(lo)
	if a == nil || a.data == nil {
		return expr{}, false
	}
	first := valueExpr(t, a.data)
	if hi == 0 || hi == lo {
		return first, true
	}
	b := d.get(hi)
	if b == nil || b.data == nil {
		return expr{}, false
	}
	if string(a.data) == string(b.data) {
		return first, true
	}
	return rangeExpr(first, valueExpr(t, b.data)), true
}

func (d *decoder) nat(x *nftables.NAT) {
	name := "snat"
	if x.Type == nftables.NATDnat {
		name = "dnat"
	}
	t := tIPv4
	fam := "ip"
	if x.Family == unix.NFPROTO_IPV6 {
		t, fam = tIPv6, "ip6"
	}
	o := new(format.Obj)
	text := name
	var addr, port expr
	hasAddr, hasPort := false, false
	if x.RegAddrMin != 0 {
		if addr, hasAddr = d.regRange(t, x.RegAddrMin, x.RegAddrMax); !hasAddr {
			d.unknown("nat")
			return
		}
	}
	if x.RegProtoMin != 0 {
		if port, hasPort = d.regRange(tService, x.RegProtoMin, x.RegProtoMax); !hasPort {
			d.unknown("nat")
			return
		}
	}
	if d.family == nftables.FamilyINet {
		o.Set("family", fam)
	}
	if hasAddr || hasPort {
		if d.family == nftables.FamilyINet {
			text += " " + fam
		}
		text += " to"
	}
	if hasAddr {
		text += " "
		if hasPort && t == tIPv6 {
			text += bracketAddrs(addr.text)
		} else {
			text += addr.text
		}
		o.Set("addr", addr.json)
	}
	if hasPort {
		if !hasAddr {
			text += " "
		}
		text += ":" + port.text
		o.Set("port", port.json)
	}
	ft, fj := natFlags(x.Flags)
	text += ft
	if fj != nil {
		o.Set("flags", fj)
	}
	if o.Len() == 0 {
		d.add(stmt{text: text, json: obj(name, nil)})
		return
	}
	d.add(stmt{text: text, json: obj(name, o)})
}

// bracketAddrs puts IPv6 addresses in brackets before a port.
func bracketAddrs(s string) string {
	lo, hi, isRange := strings.Cut(s, "-")
	if _, err := netip.ParseAddr(lo); err != nil {
		return s
	}
	if isRange {
		return "[" + lo + "]-[" + hi + "]"
	}
	return "[" + lo + "]"
}

// portNAT is masquerade or redirect, optionally to ports.
func (d *decoder) portNAT(name string, flags, lo, hi uint32) stmt {
	text := name
	o := new(format.Obj)
	if lo != 0 {
		port, ok := d.regRange(tService, lo, hi)
		if ok {
			text += " to :" + port.text
			o.Set("port", port.json)
		}
	}
	ft, fj := natFlags(flags)
	text += ft
	if fj != nil {
		o.Set("flags", fj)
	}
	if o.Len() == 0 {
		return stmt{text: text, json: obj(name, nil)}
	}
	return stmt{text: text, json: obj(name, o)}
}

func itoa(n int) string { return fmt.Sprint(n) }
