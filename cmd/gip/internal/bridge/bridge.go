package bridge

import (
	"errors"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/link"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// bridgeObject is iproute2's separate `bridge` tool as a gip object:
// `gip bridge link|fdb|vlan ...` takes what `bridge link|fdb|vlan ...`
// takes. Like bridge, it exits 255 on every failure.
func Object() *command.Object {
	return &command.Object{
		Name:  "bridge",
		Short: "bridge ports, forwarding database and vlans (iproute2's bridge tool)",
		Match: [][2]string{{"link", "link"}, {"fdb", "fdb"}, {"vlan", "vlan"}},
		Usage: bridgeUsage,
		Unknown: func(w string) error {
			return fail.Usagef("Object %q is unknown, try \"%s bridge help\".", w, command.Prog)
		},
		Verbs: []command.Verb{
			{Use: "link { show | set } ...", Short: "bridge ports", Run: func(e *env.Env, a []string) error {
				return bridgeExit(runBridgeSub(e, "link", a, [][2]string{
					{"set", "set"}, {"change", "set"}, {"show", "show"}, {"list", "show"}, {"lst", "show"},
				}, map[string]func(*env.Env, *bridgeOptions) error{"set": runBridgeLinkSet, "show": runBridgeLinkShow}))
			}},
			{Use: "fdb { add | append | del | replace | show } ...", Short: "forwarding database", Run: func(e *env.Env, a []string) error {
				return bridgeExit(runBridgeSub(e, "fdb", a, [][2]string{
					{"add", "add"}, {"append", "append"}, {"replace", "replace"}, {"delete", "delete"},
					{"show", "show"}, {"list", "show"}, {"lst", "show"},
				}, map[string]func(*env.Env, *bridgeOptions) error{
					"add":     fdbModify(unix.RTM_NEWNEIGH, rtnl.FlagsAdd),
					"append":  fdbModify(unix.RTM_NEWNEIGH, rtnl.FlagsAppend),
					"replace": fdbModify(unix.RTM_NEWNEIGH, rtnl.FlagsReplace),
					"delete":  fdbModify(unix.RTM_DELNEIGH, 0),
					"show":    runFdbShow,
				}))
			}},
			{Use: "vlan { add | del | show } ...", Short: "bridge vlans", Run: func(e *env.Env, a []string) error {
				return bridgeExit(runBridgeSub(e, "vlan", a, [][2]string{
					{"add", "add"}, {"delete", "delete"}, {"show", "show"}, {"list", "show"}, {"lst", "show"},
				}, map[string]func(*env.Env, *bridgeOptions) error{
					"add":    vlanModify(unix.RTM_SETLINK),
					"delete": vlanModify(unix.RTM_DELLINK),
					"show":   runVlanShow,
				}))
			}}},
	}
}

const bridgeUsage = `Usage: gip bridge OBJECT { COMMAND | help }
where  OBJECT := { link | fdb | vlan }
       gip bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                                   [ { guard | hairpin | fastleave | root_block | learning |
                                       flood | mcast_flood | bcast_flood | mcast_to_unicast |
                                       neigh_suppress | vlan_tunnel | isolated | locked } { on | off } ]
                                   [ mcast_router MULTICAST_ROUTER ] [ hwmode { vepa | veb } ] [ self ]
       gip bridge link show [ dev DEV ]
       gip bridge fdb { add | append | del | replace } LLADDR dev DEV [ dst IPADDR ] [ vlan VID ]
                    [ self ] [ master ] [ router ] [ use ] [ extern_learn ] [ sticky ]
                    [ local | static | dynamic ] [ port PORT ] [ vni VNI ] [ via DEV ]
       gip bridge fdb show [ br BRDEV ] [ brport DEV ] [ vlan VID ] [ state STATE ]
       gip bridge vlan { add | del } vid VLAN_ID[-VLAN_END] dev DEV [ pvid ] [ untagged ]
                                     [ self ] [ master ]
       gip bridge vlan show [ dev DEV ] [ vid VLAN_ID ]`

// bridgeExit gives every failure bridge's exit status, 255.
func bridgeExit(err error) error {
	if err == nil {
		return nil
	}
	var ce *fail.Error
	if errors.As(err, &ce) {
		return &fail.Error{Msg: ce.Msg, Code: fail.ExitUsage, Err: ce.Err}
	}
	var ke *fail.KernelError
	if errors.As(err, &ke) {
		return &fail.Error{Msg: ke.Error(), Code: fail.ExitUsage, Err: err}
	}
	return err
}

// bridgeOptions is a bridge verb's command line after the verb, and for
// the verbs that share a runner, the request it makes.
type bridgeOptions struct {
	Args  []string
	typ   uint16
	Flags nl.Flags
}

func fdbModify(typ uint16, flags nl.Flags) func(*env.Env, *bridgeOptions) error {
	return func(e *env.Env, o *bridgeOptions) error {
		o.typ, o.Flags = typ, flags
		return runFdbModify(e, o)
	}
}

func vlanModify(typ uint16) func(*env.Env, *bridgeOptions) error {
	return func(e *env.Env, o *bridgeOptions) error {
		o.typ = typ
		return runVlanModify(e, o)
	}
}

func runBridgeSub(e *env.Env, obj string, args []string, verbs [][2]string, run map[string]func(*env.Env, *bridgeOptions) error) error {
	verb := "show"
	if len(args) > 0 {
		if grammar.Matches(args[0], "help") {
			return fail.Usagef("%s", bridgeUsage)
		}
		v, ok := command.MatchWord(args[0], verbs)
		if !ok {
			return fail.Usagef("Command %q is unknown, try \"%s bridge %s help\".", args[0], command.Prog, obj)
		}
		verb, args = v, args[1:]
	}
	return run[verb](e, &bridgeOptions{Args: args})
}

// ----- bridge link -----

var bridgeLinkDetails = []link.KindField{
	{Attr: unix.IFLA_BRPORT_MODE, Text: "hairpin", Json: "hairpin", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_GUARD, Text: "guard", Json: "guard", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_PROTECT, Text: "root_block", Json: "root_block", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_FAST_LEAVE, Text: "fastleave", Json: "fastleave", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_LEARNING, Text: "learning", Json: "learning", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_UNICAST_FLOOD, Text: "flood", Json: "flood", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_MCAST_FLOOD, Text: "mcast_flood", Json: "mcast_flood", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_BCAST_FLOOD, Text: "bcast_flood", Json: "bcast_flood", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_MULTICAST_ROUTER, Text: "mcast_router", Json: "mcast_router", Kind: link.FU8},
	{Attr: unix.IFLA_BRPORT_MCAST_TO_UCAST, Text: "mcast_to_unicast", Json: "mcast_to_unicast", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_NEIGH_SUPPRESS, Text: "neigh_suppress", Json: "neigh_suppress", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_VLAN_TUNNEL, Text: "vlan_tunnel", Json: "vlan_tunnel", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_ISOLATED, Text: "isolated", Json: "isolated", Kind: link.FOnOff},
	{Attr: unix.IFLA_BRPORT_LOCKED, Text: "locked", Json: "locked", Kind: link.FOnOff},
}

type bridgePortView struct {
	lv *link.View
}

func (v *bridgePortView) Text(t *format.Text) {
	l := v.lv.L
	t.S(strconv.Itoa(int(l.Index)), ": ")
	t.C(format.ColorIfname, v.lv.DisplayName()+": ")
	t.S("<")
	for i, f := range v.lv.Flags() {
		if i > 0 {
			t.S(",")
		}
		t.S(f)
	}
	t.S("> ")
	if l.Has(unix.IFLA_MTU) {
		t.S("mtu ", link.U32s(l.MTU), " ")
	}
	if l.Has(unix.IFLA_MASTER) {
		t.S("master ", v.lv.Cache.Name(l.Master), " ")
	}
	tab, _ := rtnl.ParseAttrTable(l.ProtInfo)
	for _, f := range link.BridgePortFields[:3] {
		if txt, _, ok := link.FieldValue(tab, f); ok {
			t.S(f.Text, " ", txt, " ")
		}
	}
	if v.lv.G.Details > 0 && len(l.ProtInfo) > 0 {
		t.Break().S("    ")
		link.FieldsText(t, bridgeLinkDetails, l.ProtInfo)
	}
	t.End()
}

func (v *bridgePortView) JSON(bool) *format.Obj {
	l := v.lv.L
	o := &format.Obj{}
	o.Set("ifindex", l.Index)
	v.lv.LinkRefJSON(o)
	o.Set("ifname", l.Name)
	o.Set("flags", v.lv.Flags())
	if l.Has(unix.IFLA_MTU) {
		o.Set("mtu", l.MTU)
	}
	if l.Has(unix.IFLA_MASTER) {
		o.Set("master", v.lv.Cache.Name(l.Master))
	}
	tab, _ := rtnl.ParseAttrTable(l.ProtInfo)
	for _, f := range link.BridgePortFields[:3] {
		if _, jv, ok := link.FieldValue(tab, f); ok {
			o.Set(f.Json, jv)
		}
	}
	if v.lv.G.Details > 0 && len(l.ProtInfo) > 0 {
		d := link.FieldsJSON(bridgeLinkDetails, l.ProtInfo)
		for i, k := range d.Keys() {
			o.Set(k, d.Values()[i])
		}
	}
	return o
}

func runBridgeLinkShow(e *env.Env, o *bridgeOptions) error {
	args := o.Args
	var dev string
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if w == "dev" {
			v, err := a.Value()
			if err != nil {
				return err
			}
			w = v
		}
		if dev != "" {
			return fail.Garbage("dev", w)
		}
		dev = w
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	var want int32
	if dev != "" {
		l, err := env.LookupLink(e, dev)
		if err != nil {
			return err
		}
		want = l.Index
	}
	var ports []*rtnl.Link
	for l, err := range rtnl.Links(conn, unix.AF_BRIDGE, 0) {
		if err != nil {
			return env.Kernel(err)
		}
		if want != 0 && l.Index != want {
			continue
		}
		ports = append(ports, l)
	}
	cache := e.Links()
	p := e.Printer()
	for _, l := range ports {
		if err := p.Print(&bridgePortView{lv: &link.View{L: l, Cache: cache, G: e.G, Names: e.Names()}}); err != nil {
			return err
		}
	}
	return p.Close()
}

func runBridgeLinkSet(e *env.Env, o *bridgeOptions) error {
	args := o.Args
	a := grammar.NewArgs(args)
	s := &rtnl.BridgePortSpec{}
	var dev string
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
			continue
		case "self":
			s.Self = true
			continue
		case "master":
			continue
		case "hwmode":
			v, err := a.Value()
			if err != nil {
				return err
			}
			m, ok := map[string]uint16{"veb": 0, "vepa": 1}[v]
			if !ok {
				return fail.Usagef("Mode argument must be \"vepa\" or \"veb\".")
			}
			s.HWMode = &m
			continue
		}
		at, ok, err := link.ParseBridgePortArg(w, a)
		if err != nil {
			return err
		}
		if !ok {
			return fail.Usagef("Garbage instead of arguments %q. Try \"%s bridge link help\".", w, command.Prog)
		}
		s.Attrs = append(s.Attrs, at)
	}
	if dev == "" {
		return fail.Usagef("Device is a required argument.")
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return fail.Usagef("Cannot find bridge device %q", dev)
	}
	s.Index = l.Index
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	m, err := s.Message()
	if err != nil {
		return err
	}
	return env.Kernel(rtnl.Execute(conn, m))
}

// ----- bridge fdb -----

type fdbView struct {
	n      *rtnl.Neigh
	dev    string
	master string
	hasDev bool
	G      *env.Global
}

func fdbState(s uint16) string {
	switch {
	case s&unix.NUD_PERMANENT != 0:
		return "permanent"
	case s&unix.NUD_NOARP != 0:
		return "static"
	case s&unix.NUD_STALE != 0:
		return "stale"
	case s&unix.NUD_REACHABLE != 0:
		return ""
	}
	return "0x" + strconv.FormatUint(uint64(s), 16)
}

func fdbFlags(n *rtnl.Neigh) []string {
	out := []string{}
	for _, f := range []struct {
		b    uint8
		Name string
	}{
		{unix.NTF_SELF, "self"}, {unix.NTF_ROUTER, "router"}, {unix.NTF_EXT_LEARNED, "extern_learn"},
		{unix.NTF_OFFLOADED, "offload"}, {unix.NTF_MASTER, "master"}, {0x40, "sticky"},
	} {
		if n.Flags&f.b != 0 {
			out = append(out, f.Name)
		}
	}
	if n.FlagsExt&1 != 0 {
		out = append(out, "locked")
	}
	return out
}

func (v *fdbView) Text(t *format.Text) {
	n := v.n
	if n.HasLL {
		t.C(format.ColorMAC, link.Hw(n.LLAddr)+" ")
	}
	if n.Dst.IsValid() {
		t.S("dst ").C(link.AddrColor(n.Family), n.Dst.String()+" ")
	}
	if v.hasDev {
		t.S("dev ").C(format.ColorIfname, v.dev+" ")
	}
	if n.HasVLAN {
		t.S("vlan ", strconv.Itoa(int(n.VLAN)), " ")
	}
	if n.Port != 0 {
		t.S("port ", strconv.Itoa(int(n.Port)), " ")
	}
	if n.HasVNI {
		t.S("vni ", link.U32s(n.VNI), " ")
	}
	if v.G.Stats > 0 && n.HasCacheInfo {
		t.S("used ", link.U32s(n.Used/100), "/", link.U32s(n.Updated/100), " ")
	}
	for _, f := range fdbFlags(n) {
		t.S(f, " ")
	}
	if v.master != "" {
		t.S("master ", v.master, " ")
	}
	t.S(fdbState(n.State))
	t.End()
}

func (v *fdbView) JSON(bool) *format.Obj {
	n := v.n
	o := &format.Obj{}
	if n.HasLL {
		o.Set("mac", link.Hw(n.LLAddr))
	}
	if n.Dst.IsValid() {
		o.Set("dst", n.Dst.String())
	}
	if v.hasDev {
		o.Set("ifname", v.dev)
	}
	if n.HasVLAN {
		o.Set("vlan", n.VLAN)
	}
	if n.Port != 0 {
		o.Set("port", n.Port)
	}
	if n.HasVNI {
		o.Set("vni", n.VNI)
	}
	if v.G.Stats > 0 && n.HasCacheInfo {
		o.Set("used", n.Used/100).Set("updated", n.Updated/100)
	}
	o.Set("flags", fdbFlags(n))
	if v.master != "" {
		o.Set("master", v.master)
	}
	o.Set("state", fdbState(n.State))
	return o
}

func runFdbShow(e *env.Env, o *bridgeOptions) error {
	args := o.Args
	a := grammar.NewArgs(args)
	var q rtnl.NeighDump
	q.Family = unix.AF_BRIDGE
	var vlan = -1
	var state uint16
	for a.More() {
		w := a.Next()
		v, err := a.Value()
		if err != nil {
			return err
		}
		switch w {
		case "br", "brport", "dev":
			l, err := env.LookupLink(e, v)
			if err != nil {
				return err
			}
			if w == "br" {
				q.Master = l.Index
			} else {
				q.Index = l.Index
			}
		case "vlan":
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("invalid VLAN ID", v)
			}
			vlan = int(n)
		case "state":
			switch v {
			case "permanent", "local":
				state = unix.NUD_PERMANENT
			case "static", "temp":
				state = unix.NUD_NOARP
			case "dynamic":
				state = unix.NUD_REACHABLE
			default:
				n, err := strconv.ParseUint(v, 0, 16)
				if err != nil {
					return fail.Invalid("invalid state", v)
				}
				state = uint16(n)
			}
		default:
			return fail.Usagef("Garbage instead of arguments %q. Try \"%s bridge fdb help\".", w, command.Prog)
		}
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	var entries []*rtnl.Neigh
	for n, err := range rtnl.Neighs(conn, q) {
		if err != nil {
			return env.Kernel(err)
		}
		if n.Family != unix.AF_BRIDGE {
			continue
		}
		if q.Index != 0 && n.Index != q.Index {
			continue
		}
		if vlan >= 0 && (!n.HasVLAN || int(n.VLAN) != vlan) {
			continue
		}
		if state != 0 && n.State&state == 0 {
			continue
		}
		entries = append(entries, n)
	}
	cache := e.Links()
	p := e.Printer()
	for _, n := range entries {
		v := &fdbView{n: n, dev: cache.Name(n.Index), hasDev: q.Index == 0, G: e.G}
		if n.Master != 0 {
			v.master = cache.Name(n.Master)
		}
		if err := p.Print(v); err != nil {
			return err
		}
	}
	return p.Close()
}

func runFdbModify(e *env.Env, o *bridgeOptions) error {
	args, typ, flags := o.Args, o.typ, o.Flags
	a := grammar.NewArgs(args)
	s := &rtnl.NeighSpec{Family: unix.AF_BRIDGE, State: unix.NUD_NOARP}
	var dev, mac string
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
		case "dst":
			v, err := a.Value()
			if err != nil {
				return err
			}
			ip, err := link.ParseAddr(v, "destination address")
			if err != nil {
				return err
			}
			s.Dst = ip
		case "vlan":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("invalid VLAN ID", v)
			}
			x := uint16(n)
			s.VLAN = &x
		case "port", "dst_port":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("invalid port", v)
			}
			x := uint16(n)
			s.Port = &x
		case "vni":
			v, err := a.Value()
			if err != nil {
				return err
			}
			n, err := strconv.ParseUint(v, 0, 32)
			if err != nil {
				return fail.Invalid("invalid VNI", v)
			}
			x := uint32(n)
			s.VNI = &x
		case "via":
			v, err := a.Value()
			if err != nil {
				return err
			}
			l, err := env.LookupLink(e, v)
			if err != nil {
				return err
			}
			x := l.Index
			s.Via = &x
		case "self":
			s.Flags |= unix.NTF_SELF
		case "master":
			s.Flags |= unix.NTF_MASTER
		case "router":
			s.Flags |= unix.NTF_ROUTER
		case "use":
			s.Flags |= unix.NTF_USE
		case "extern_learn":
			s.Flags |= unix.NTF_EXT_LEARNED
		case "sticky":
			s.Flags |= 0x40 // NTF_STICKY
		case "local", "permanent":
			s.State |= unix.NUD_PERMANENT
		case "temp", "static":
			s.State |= unix.NUD_REACHABLE
		case "dynamic":
			s.State |= unix.NUD_REACHABLE
			s.State &^= unix.NUD_NOARP
		default:
			if grammar.Matches(w, "help") {
				return fail.Usagef("%s", bridgeUsage)
			}
			if mac != "" {
				return fail.Garbage("addr", w)
			}
			mac = w
		}
	}
	if mac == "" || dev == "" {
		return fail.Usagef("Device and address are required arguments.")
	}
	b, err := link.ParseLLAddr(mac)
	if err != nil || len(b) != 6 {
		return fail.Usagef("Invalid mac address %s", mac)
	}
	s.LLAddr = b
	if s.Flags&(unix.NTF_SELF|unix.NTF_MASTER) == 0 {
		s.Flags |= unix.NTF_SELF
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return err
	}
	s.Index = l.Index
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	return env.Kernel(s.Do(conn, typ, flags))
}

// ----- bridge vlan -----

type vlanPortView struct {
	Name  string
	vlans []rtnl.VlanInfo
}

func vlanFlagWords(f uint16) []string {
	var out []string
	if f&rtnl.VlanInfoPVID != 0 {
		out = append(out, "PVID")
	}
	if f&rtnl.VlanInfoUntagged != 0 {
		out = append(out, "Egress Untagged")
	}
	return out
}

// vlanRanges folds begin/end entries into ranges.
func vlanRanges(vs []rtnl.VlanInfo) [][3]uint16 {
	var out [][3]uint16
	for i := 0; i < len(vs); i++ {
		v := vs[i]
		if v.Flags&rtnl.VlanInfoRangeBegin != 0 && i+1 < len(vs) {
			out = append(out, [3]uint16{v.VID, vs[i+1].VID, v.Flags &^ rtnl.VlanInfoRangeBegin})
			i++
			continue
		}
		out = append(out, [3]uint16{v.VID, v.VID, v.Flags})
	}
	return out
}

func (v *vlanPortView) Text(t *format.Text) {
	for i, r := range vlanRanges(v.vlans) {
		name := ""
		if i == 0 {
			name = v.Name
		}
		t.Pad(format.ColorIfname, name, 16).S("  ")
		if r[0] == r[1] {
			t.S(strconv.Itoa(int(r[0])))
		} else {
			t.S(strconv.Itoa(int(r[0])), "-", strconv.Itoa(int(r[1])))
		}
		for _, w := range vlanFlagWords(r[2]) {
			t.S(" ", w)
		}
		t.End()
	}
}

func (v *vlanPortView) JSON(bool) *format.Obj {
	o := (&format.Obj{}).Set("ifname", v.Name)
	var vl []*format.Obj
	for _, r := range vlanRanges(v.vlans) {
		e := (&format.Obj{}).Set("vlan", r[0])
		if r[1] != r[0] {
			e.Set("vlanEnd", r[1])
		}
		if fl := vlanFlagWords(r[2]); len(fl) > 0 {
			e.Set("flags", fl)
		}
		vl = append(vl, e)
	}
	o.Set("vlans", vl)
	return o
}

func runVlanShow(e *env.Env, o *bridgeOptions) error {
	args := o.Args
	a := grammar.NewArgs(args)
	var want int32
	vid := -1
	for a.More() {
		w := a.Next()
		v, err := a.Value()
		if err != nil {
			return err
		}
		switch w {
		case "dev":
			l, err := env.LookupLink(e, v)
			if err != nil {
				return err
			}
			want = l.Index
		case "vid":
			n, err := strconv.ParseUint(v, 0, 16)
			if err != nil {
				return fail.Invalid("invalid VLAN ID", v)
			}
			vid = int(n)
		default:
			return fail.Usagef("Garbage instead of arguments %q. Try \"%s bridge vlan help\".", w, command.Prog)
		}
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	p := e.Printer()
	p.Raw("port              vlan-id  \n")
	for l, err := range rtnl.Links(conn, unix.AF_BRIDGE, rtnl.ExtFilterBRVLAN) {
		if err != nil {
			return env.Kernel(err)
		}
		if want != 0 && l.Index != want {
			continue
		}
		vs, err := rtnl.Vlans(l.AFSpec)
		if err != nil || len(vs) == 0 {
			continue
		}
		if vid >= 0 {
			var keep []rtnl.VlanInfo
			for _, r := range vlanRanges(vs) {
				if int(r[0]) <= vid && vid <= int(r[1]) {
					keep = append(keep, rtnl.VlanInfo{Flags: r[2], VID: uint16(vid)})
				}
			}
			if len(keep) == 0 {
				continue
			}
			vs = keep
		}
		if err := p.Print(&vlanPortView{Name: l.Name, vlans: vs}); err != nil {
			return err
		}
	}
	return p.Close()
}

func runVlanModify(e *env.Env, o *bridgeOptions) error {
	args, typ := o.Args, o.typ
	a := grammar.NewArgs(args)
	s := &rtnl.BridgeVlanSpec{}
	var dev string
	haveVID := false
	for a.More() {
		w := a.Next()
		switch w {
		case "dev":
			v, err := a.Value()
			if err != nil {
				return err
			}
			dev = v
		case "vid":
			v, err := a.Value()
			if err != nil {
				return err
			}
			lo, hi, isRange := cutDash(v)
			n, err := strconv.ParseUint(lo, 0, 16)
			if err != nil || n == 0 || n >= 4095 {
				return fail.Invalid("invalid VLAN ID", v)
			}
			s.VID, haveVID = uint16(n), true
			if isRange {
				m, err := strconv.ParseUint(hi, 0, 16)
				if err != nil || m <= n || m >= 4095 {
					return fail.Invalid("invalid VLAN ID", v)
				}
				s.VIDEnd = uint16(m)
			}
		case "pvid":
			s.Flags |= rtnl.VlanInfoPVID
		case "untagged":
			s.Flags |= rtnl.VlanInfoUntagged
		case "self":
			s.Self = true
		case "master":
			s.Master = true
		default:
			if grammar.Matches(w, "help") {
				return fail.Usagef("%s", bridgeUsage)
			}
			return fail.Usagef("Garbage instead of arguments %q. Try \"%s bridge vlan help\".", w, command.Prog)
		}
	}
	if dev == "" || !haveVID {
		return fail.Usagef("Device and VLAN ID are required arguments.")
	}
	l, err := env.LookupLink(e, dev)
	if err != nil {
		return err
	}
	s.Index = l.Index
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	m, err := s.Message(typ)
	if err != nil {
		return err
	}
	return env.Kernel(rtnl.Execute(conn, m))
}

func cutDash(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '-' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
