package action

import (
	"fmt"
	"math/bits"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/bpfprog"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// The words of each kind, after its name (see ListWords).

func gactWords(o *rtnl.Gact, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	c, err := controlWords(o.Parms.Action, false)
	if err != nil {
		return nil, err
	}
	w := qdisc.Words{c}
	if pr, ok := o.Prob.Get(); ok && pr.Type != 0 {
		t := randomText(pr.Type)
		if t == "unknown" {
			return nil, fmt.Errorf("random type %d cannot be written as words", pr.Type)
		}
		rc, err := controlWords(pr.Action, false)
		if err != nil {
			return nil, err
		}
		w = append(w, append(append([]string{"random", t}, rc...), uintWord(pr.Val)))
	}
	return append(w, indexWords(o.Parms.Index)...), nil
}

func mirredWords(o *rtnl.Mirred, names DeviceName, _ sched.Clock) (qdisc.Words, error) {
	var w qdisc.Words
	mirror := false
	switch o.EAction {
	case rtnl.MirredEgressRedir:
		w = qdisc.Words{{"egress", "redirect"}}
	case rtnl.MirredEgressMirror:
		w, mirror = qdisc.Words{{"egress", "mirror"}}, true
	case rtnl.MirredIngressRedir:
		w = qdisc.Words{{"ingress", "redirect"}}
	case rtnl.MirredIngressMirror:
		w, mirror = qdisc.Words{{"ingress", "mirror"}}, true
	default:
		return nil, fmt.Errorf("mirred action %d cannot be written as words", o.EAction)
	}
	name, ok := "", false
	if names != nil {
		name, ok = names(int32(o.Ifindex))
	}
	if !ok {
		return nil, fmt.Errorf("mirred's device %d has no name", o.Ifindex)
	}
	w = append(w, []string{"dev", name})
	switch {
	case mirror:
		c, err := controlWords(o.Parms.Action, false)
		if err != nil {
			return nil, err
		}
		w = append(w, c)
	case o.Parms.Action != rtnl.ActStolen:
		// tc gives a redirect no other verdict.
		return nil, fmt.Errorf("a mirred redirect with the verdict %s cannot be written as words", ControlText(o.Parms.Action))
	}
	return append(w, indexWords(o.Parms.Index)...), nil
}

// policeWords are police's words: what it limits, its verdicts, its
// index. Sizes are spelt so that they give back the kernel's ticks.
func policeWords(o *rtnl.Police, _ DeviceName, c sched.Clock) (qdisc.Words, error) {
	q, ok := o.Parms.Get()
	if !ok {
		return nil, fmt.Errorf("a policer without parameters cannot be written as words")
	}
	var w qdisc.Words
	rate := uint64(q.Rate.Rate)
	if r, ok := o.Rate64.Get(); ok {
		rate = r
	}
	mtu := q.MTU
	if rate != 0 {
		w = append(w, []string{"rate", qdisc.RateWord(rate)}, []string{"burst", qdisc.BurstWord(c, rate, q.Burst)})
		if mtu == 0 {
			// What the kernel makes of a rate without an mtu.
			mtu = 255 << q.Rate.CellLog
		}
	}
	if mtu != 0 && mtu != ^uint32(0) {
		w = append(w, []string{"mtu", qdisc.SizeWord(uint64(mtu))})
	}
	peak := uint64(q.Peak.Rate)
	if r, ok := o.Peak64.Get(); ok {
		peak = r
	}
	if peak != 0 {
		w = append(w, []string{"peakrate", qdisc.RateWord(peak)})
	}
	if r, ok := o.Avrate.Get(); ok && r != 0 {
		w = append(w, []string{"avrate", qdisc.RateWord(uint64(r))})
	}
	if pps, ok := o.PktRate64.Get(); ok && pps != 0 {
		ticks, _ := o.PktBurst64.Get()
		n, ok := packetBurst(c, pps, uint32(ticks))
		if !ok {
			return nil, fmt.Errorf("a packet burst of %d ticks at %d packets/s cannot be written as words", ticks, pps)
		}
		w = append(w, []string{"pkts_rate", uintWord(pps)}, []string{"pkts_burst", uintWord(n)})
	}
	if q.Rate.MPU != 0 {
		w = append(w, []string{"mpu", qdisc.SizeWord(uint64(q.Rate.MPU))})
	}
	if q.Rate.Overhead != 0 {
		w = append(w, []string{"overhead", uintWord(q.Rate.Overhead)})
	}
	if ll := q.Rate.Linklayer & sched.LinklayerMask; ll > sched.LinklayerEthernet {
		w = append(w, []string{"linklayer", sched.LinklayerText(ll)})
	}
	exceed, err := controlWords(q.Action, true)
	if err != nil {
		return nil, err
	}
	g := append([]string{"conform-exceed"}, exceed...)
	if r, ok := o.Result.Get(); ok && r != 0 {
		conform, err := controlWords(r, true)
		if err != nil {
			return nil, err
		}
		g = append(append(g, "/"), conform...)
	}
	w = append(w, g)
	return append(w, indexWords(q.Index)...), nil
}

// packetBurst is the number of packets whose time at pps packets/s is
// ticks, if there is one.
func packetBurst(c sched.Clock, pps uint64, ticks uint32) (uint64, bool) {
	n := c.XmitSize(pps, ticks)
	for _, d := range []uint64{0, 1, 2, 3} {
		if c.XmitTime(pps, n+d) == ticks {
			return n + d, true
		}
		if n >= d && c.XmitTime(pps, n-d) == ticks {
			return n - d, true
		}
	}
	return 0, false
}

func vlanWords(o *rtnl.ActVlan, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	if o.VAction <= 0 || int(o.VAction) >= len(vlanActions) {
		return nil, fmt.Errorf("vlan action %d cannot be written as words", o.VAction)
	}
	w := qdisc.Words{{vlanActions[o.VAction]}}
	switch o.VAction {
	case rtnl.VlanPush, rtnl.VlanModify:
		id, _ := o.ID.Get()
		w = append(w, []string{"id", uintWord(id)})
		// The kernel reports the protocol it pushes, 802.1Q unless told.
		proto := uint16(0x8100)
		if p, ok := o.Protocol.Get(); ok {
			proto = p
		}
		w = append(w, []string{"protocol", grammar.EthProtoWord(proto)})
		if p, ok := o.Priority.Get(); ok {
			w = append(w, []string{"priority", uintWord(p)})
		}
	case rtnl.VlanPushEth:
		dst, _ := o.EthDst.Get()
		src, _ := o.EthSrc.Get()
		w = append(w, []string{"dst_mac", macText(dst)}, []string{"src_mac", macText(src)})
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

func skbeditWords(o *rtnl.Skbedit, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	var w qdisc.Words
	if _, ok := o.QueueMappingHi.Get(); ok {
		return nil, fmt.Errorf("a queue mapping range cannot be written as words")
	}
	if v, ok := o.QueueMapping.Get(); ok {
		w = append(w, []string{"queue_mapping", uintWord(v)})
	}
	if v, ok := o.Priority.Get(); ok {
		t := sched.ClassIDText(v)
		if back, ok := sched.ParseClassID(t); !ok || back != v {
			return nil, fmt.Errorf("the priority %#x cannot be written as words", v)
		}
		w = append(w, []string{"priority", t})
	}
	if v, ok := o.Mark.Get(); ok {
		m := hexWord(v)
		if mask, ok := o.Mask.Get(); ok {
			m += "/" + hexWord(mask)
		}
		w = append(w, []string{"mark", m})
	}
	if v, ok := o.Ptype.Get(); ok {
		names := []string{packetHost: "host", packetBroadcast: "broadcast", packetMulticast: "multicast", packetOtherhost: "otherhost"}
		if int(v) >= len(names) {
			return nil, fmt.Errorf("the packet type %d cannot be written as words", v)
		}
		w = append(w, []string{"ptype", names[v]})
	}
	if f, ok := o.Flags.Get(); ok && f != 0 {
		if f != rtnl.SkbeditInheritDS {
			return nil, fmt.Errorf("skbedit flags %#x cannot be written as words", f)
		}
		w = append(w, []string{"inheritdsfield"})
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

func csumWords(o *rtnl.Csum, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	g := []string{}
	left := o.UpdateFlags
	for _, n := range csumNames {
		if left&n.flag != 0 {
			g = append(g, n.name)
			left &^= n.flag
		}
	}
	if left != 0 || len(g) == 0 {
		return nil, fmt.Errorf("csum flags %#x cannot be written as words", o.UpdateFlags)
	}
	v, err := verdictWords(o.Parms)
	return append(qdisc.Words{g}, v...), err
}

func natWords(o *rtnl.Nat, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	m := uint32(o.Mask[0])<<24 | uint32(o.Mask[1])<<16 | uint32(o.Mask[2])<<8 | uint32(o.Mask[3])
	n := bits.LeadingZeros32(^m)
	if m == 0 || m<<n != 0 {
		return nil, fmt.Errorf("the nat mask %s cannot be written as words", netip.AddrFrom4(o.Mask))
	}
	dir := "ingress"
	if o.Flags&rtnl.NatEgress != 0 {
		dir = "egress"
	}
	if o.Flags&^rtnl.NatEgress != 0 {
		return nil, fmt.Errorf("nat flags %#x cannot be written as words", o.Flags)
	}
	w := qdisc.Words{{dir, netip.AddrFrom4(o.OldAddr).String() + "/" + strconv.Itoa(n), netip.AddrFrom4(o.NewAddr).String()}}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

func connmarkWords(o *rtnl.Connmark, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	var w qdisc.Words
	if o.Zone != 0 {
		w = append(w, []string{"zone", uintWord(o.Zone)})
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

func sampleWords(o *rtnl.Sample, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	var w qdisc.Words
	for _, x := range []struct {
		word string
		v    rtnl.Opt[uint32]
	}{{"rate", o.Rate}, {"group", o.Group}, {"trunc", o.Trunc}} {
		if v, ok := x.v.Get(); ok {
			w = append(w, []string{x.word, uintWord(v)})
		}
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

// peditWords are pedit's keys, each as a munge the grammar reads back to
// the same key: a raw "offset" munge for keys on the network header, one
// of a named header's fields for the others (extended mode), each found
// by reading the candidate words back.
func peditWords(o *rtnl.Pedit, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	if o.Flags != 0 {
		return nil, fmt.Errorf("pedit flags %#x cannot be written as words", o.Flags)
	}
	var w qdisc.Words
	if o.Extended {
		w = append(w, []string{"ex"})
	}
	for i, k := range o.Keys {
		var x rtnl.PeditKeyEx
		if o.Extended {
			if i >= len(o.KeysEx) {
				return nil, fmt.Errorf("pedit key %d has no header", i+1)
			}
			x = o.KeysEx[i]
		}
		g, ok := peditKeyWords(k, x, o.Extended)
		if !ok {
			return nil, fmt.Errorf("pedit key %d (value %s mask %s at offset %d) cannot be written as words",
				i+1, hexWord(k.Val), hexWord(k.Mask), int32(k.Off))
		}
		w = append(w, g)
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

// peditKeyWords is the first candidate munge that reads back as k.
func peditKeyWords(k rtnl.PeditKey, x rtnl.PeditKeyEx, ext bool) ([]string, bool) {
	for _, c := range peditCandidates(k, x) {
		if peditReadsAs(c, ext, k, x) {
			return c, true
		}
	}
	return nil, false
}

// peditCandidates are munges that may give k: set (or add) the key's
// value keeping the bits its mask keeps, or invert the word.
func peditCandidates(k rtnl.PeditKey, x rtnl.PeditKeyEx) [][]string {
	cmd := "set"
	if x.Cmd == rtnl.PeditCmdAdd {
		cmd = "add"
	}
	var out [][]string
	if x.HType == rtnl.PeditHdrNetwork {
		g := []string{"munge", "offset", strconv.FormatInt(int64(int32(k.Off)), 10), "u32"}
		if k.At != 0 || k.Offmask != 0 || k.Shift != 0 {
			g = append(g, "at", uintWord(k.At), "offmask", strconv.FormatUint(uint64(k.Offmask), 16), "shift", uintWord(k.Shift))
		}
		out = append(out,
			append(slices.Clone(g), cmd, hexWord(k.Val), "retain", hexWord(^k.Mask)),
			append(slices.Clone(g), "invert", "retain", hexWord(k.Val)))
		return out
	}
	// Each header type is one header's, so the order does not matter.
	for _, h := range peditHeaders {
		if h.refuse || h.htype != x.HType {
			continue
		}
		for _, fd := range h.fields {
			if fd.legacy || fd.tclass || fd.size > 4 || fd.off&^3 != k.Off {
				continue
			}
			stride := 8 * (4 - fd.size - int(fd.off&3))
			if stride < 0 {
				continue
			}
			all := uint32(1)<<(8*fd.size) - 1
			if fd.size == 4 {
				all = ^uint32(0)
			}
			v, retain := k.Val>>stride&all, ^k.Mask>>stride&all
			value := hexWord(v)
			if fd.typ == peditIPv4 {
				value = netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
			}
			out = append(out, []string{"munge", h.name, fd.name, cmd, value, "retain", hexWord(retain)})
		}
	}
	return out
}

// peditReadsAs reports whether munge reads as the one key k with
// header and command x.
func peditReadsAs(munge []string, ext bool, k rtnl.PeditKey, x rtnl.PeditKeyEx) bool {
	words := []string{"pedit"}
	if ext {
		words = append(words, "ex")
	}
	o := &rtnl.Pedit{}
	p := &Parser{Args: grammar.NewArgs(append(words, munge...)), Usage: peditUsage}
	if parsePedit(p, o) != nil || p.More() || len(o.Keys) != 1 || o.Keys[0] != k {
		return false
	}
	return !ext || len(o.KeysEx) == 1 && o.KeysEx[0] == x
}

// tunnelKeyWords are tunnel_key's words: unset, or set with the tunnel's
// addresses, key, port, checksum, options, tos and ttl as the kernel
// reports them (a port, tos or ttl of 0 is none).
func tunnelKeyWords(o *rtnl.TunnelKey, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	var w qdisc.Words
	switch o.TAction {
	case rtnl.TunnelKeyRelease:
		w = qdisc.Words{{"unset"}}
	case rtnl.TunnelKeySet:
		w = qdisc.Words{{"set"}}
		for _, a := range []struct {
			word   string
			v4, v6 []byte
		}{{"src_ip", o.IPv4Src, o.IPv6Src}, {"dst_ip", o.IPv4Dst, o.IPv6Dst}} {
			b := a.v4
			if b == nil {
				b = a.v6
			}
			addr, ok := netip.AddrFromSlice(b)
			if !ok {
				return nil, fmt.Errorf("tunnel_key set without %s cannot be written as words", a.word)
			}
			w = append(w, []string{a.word, addr.String()})
		}
		if v, ok := o.KeyID.Get(); ok {
			w = append(w, []string{"id", uintWord(v)})
		}
		if v, ok := o.DstPort.Get(); ok && v != 0 {
			w = append(w, []string{"dst_port", uintWord(v)})
		}
		if v, _ := o.NoCsum.Get(); v != 0 {
			w = append(w, []string{"nocsum"})
		}
		if o.HasOpts {
			g, err := tunnelOptWords(o.Opts)
			if err != nil {
				return nil, err
			}
			w = append(w, g)
		}
		if v, ok := o.TOS.Get(); ok && v != 0 {
			w = append(w, []string{"tos", uintWord(v)})
		}
		if v, ok := o.TTL.Get(); ok && v != 0 {
			w = append(w, []string{"ttl", uintWord(v)})
		}
	default:
		return nil, fmt.Errorf("tunnel_key action %d cannot be written as words", o.TAction)
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

// tunnelOptWords are tunnel options: vxlan's group policy, or geneve's
// options.
func tunnelOptWords(opts rtnl.TunnelOpts) ([]string, error) {
	if len(opts) == 1 && opts[0].Type == rtnl.TunnelOptVxlan {
		return []string{"vxlan_opts", uintWord(opts[0].VxlanGBP.V)}, nil
	}
	var geneve []string
	for _, t := range opts {
		if t.Type != rtnl.TunnelOptGeneve {
			return nil, fmt.Errorf("these tunnel options cannot be written as words yet")
		}
		for _, g := range t.Geneve {
			if len(g.Data) == 0 {
				return nil, fmt.Errorf("a geneve option without data cannot be written as words")
			}
			geneve = append(geneve, fmt.Sprintf("%04x:%02x:%x", g.Class.V, g.Type.V, g.Data))
		}
	}
	if len(geneve) == 0 {
		return nil, fmt.Errorf("empty tunnel options cannot be written as words")
	}
	return []string{"geneve_opts", strings.Join(geneve, ",")}, nil
}

// ctWords are ct's words: commit, force and clear, the zone (0 is the
// kernel's default, no word), mark and labels with their masks (none
// when the mask is zero), nat with its addresses and ports, the index
// (ct reads it among its options) and the verdict.
func ctWords(o *rtnl.Ct, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	act, _ := o.Action.Get()
	var w qdisc.Words
	for _, f := range []struct {
		bit  uint16
		word string
	}{{rtnl.CtClear, "clear"}, {rtnl.CtCommit, "commit"}, {rtnl.CtForce, "force"}} {
		if act&f.bit != 0 {
			w = append(w, []string{f.word})
			act &^= f.bit
		}
	}
	if z, _ := o.Zone.Get(); z != 0 {
		w = append(w, []string{"zone", uintWord(z)})
	}
	if m, _ := o.MarkMask.Get(); m != 0 {
		w = append(w, []string{"mark", fmt.Sprintf("%d/%s", o.Mark.V, hexWord(m))})
	}
	if !allZero(o.LabelsMask) {
		var k, m [16]byte
		copy(k[:], o.Labels)
		copy(m[:], o.LabelsMask)
		w = append(w, []string{"label", fmt.Sprintf("%x/%x", k, m)})
	}
	if act&rtnl.CtNat != 0 {
		g := []string{"nat"}
		switch {
		case act&rtnl.CtNatSrc != 0:
			g = append(g, "src")
		case act&rtnl.CtNatDst != 0:
			g = append(g, "dst")
		}
		act &^= rtnl.CtNat | rtnl.CtNatSrc | rtnl.CtNatDst
		if len(g) > 1 {
			lo, hi := o.NatIPv4Min, o.NatIPv4Max
			if lo == nil {
				lo, hi = o.NatIPv6Min, o.NatIPv6Max
			}
			a, ok1 := netip.AddrFromSlice(lo)
			b, ok2 := netip.AddrFromSlice(hi)
			if !ok1 {
				return nil, fmt.Errorf("ct nat without an address cannot be written as words")
			}
			r := a.String()
			if ok2 && b != a {
				r += "-" + b.String()
			}
			g = append(g, "addr", r)
			if p, ok := o.NatPortMin.Get(); ok {
				r := uintWord(p)
				if q, _ := o.NatPortMax.Get(); q != p {
					r += "-" + uintWord(q)
				}
				g = append(g, "port", r)
			}
		}
		w = append(w, g)
	}
	if act != 0 {
		return nil, fmt.Errorf("ct flags %#x cannot be written as words", act)
	}
	w = append(w, indexWords(o.Parms.Index)...)
	c, err := controlWords(o.Parms.Action, false)
	return append(w, c), err
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// mplsOptionWords are mpls's words: what it does, the protocol it pushes
// or pops to, and the fields of the label it pushes or changes, with the
// kernel's defaults (a push is MPLS unicast, its ttl 255) written out.
func mplsOptionWords(o *rtnl.ActMpls, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	a := o.MAction
	if a <= 0 || int(a) >= len(mplsActions) {
		return nil, fmt.Errorf("mpls action %d cannot be written as words", a)
	}
	w := qdisc.Words{{mplsActions[a]}}
	push := a == rtnl.MplsPush || a == rtnl.MplsMacPush
	// An unset protocol or ttl is no word, as is 0.
	proto, ttl := o.Proto.Or(0), o.TTL.Or(0)
	if push {
		proto, ttl = o.Proto.Or(ethPMplsUC), o.TTL.Or(255)
	}
	if proto != 0 && (push || a == rtnl.MplsPop) {
		w = append(w, []string{"protocol", grammar.EthProtoWord(proto)})
	}
	if push || a == rtnl.MplsModify {
		if v, ok := o.Label.Get(); ok {
			w = append(w, []string{"label", uintWord(v)})
		}
		if v, ok := o.TC.Get(); ok {
			w = append(w, []string{"tc", uintWord(v)})
		}
		if ttl != 0 {
			w = append(w, []string{"ttl", uintWord(ttl)})
		}
		if v, ok := o.BOS.Get(); ok {
			w = append(w, []string{"bos", uintWord(v)})
		}
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

// skbmodWords are skbmod's words for what the kernel keeps of a request:
// the addresses and ethertype it was given, unless swap mac or ecn
// replaces them all.
func skbmodWords(o *rtnl.ActSkbmod, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	var w qdisc.Words
	switch {
	case o.Flags&rtnl.SkbmodECN != 0:
		w = qdisc.Words{{"ecn"}}
	case o.Flags&rtnl.SkbmodSwapMAC != 0:
		w = qdisc.Words{{"swap", "mac"}}
	default:
		if v, ok := o.DMAC.Get(); ok {
			w = append(w, []string{"set", "dmac", macText(v)})
		}
		if v, ok := o.SMAC.Get(); ok {
			w = append(w, []string{"set", "smac", macText(v)})
		}
		if v, ok := o.Etype.Get(); ok {
			w = append(w, []string{"set", "etype", "0x" + strconv.FormatUint(uint64(v), 16)})
		}
	}
	if len(w) == 0 && o.Parms.Index == 0 {
		return nil, fmt.Errorf("a skbmod action that changes nothing cannot be written as words")
	}
	v, err := verdictWords(o.Parms)
	return append(w, v...), err
}

// bpfWords are a bpf action's classic bytecode; an eBPF program has no
// words (it is loaded from an object file).
func bpfWords(o *bpfOptions, _ DeviceName, _ sched.Clock) (qdisc.Words, error) {
	if len(o.Ops) == 0 {
		return nil, fmt.Errorf("an eBPF program cannot be written as words (only classic bytecode)")
	}
	v, err := verdictWords(o.Parms)
	return append(qdisc.Words{{"bytecode", bpfprog.BytecodeWord(o.Ops)}}, v...), err
}
