package action

import (
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const vlanUsage = "Usage: vlan pop [CONTROL]\n" +
	"       vlan push [ protocol VLANPROTO ] id VLANID [ priority VLANPRIO ] [CONTROL]\n" +
	"       vlan modify [ protocol VLANPROTO ] id VLANID [ priority VLANPRIO ] [CONTROL]\n" +
	"       vlan pop_eth [CONTROL]\n" +
	"       vlan push_eth dst_mac LLADDR src_mac LLADDR [CONTROL]\n" +
	"       VLANPROTO is one of 802.1Q or 802.1AD\n" +
	"            with default: 802.1Q\n" +
	"       CONTROL := reclassify | pipe | drop | continue | pass |\n" +
	"                  goto chain <CHAIN_INDEX>\n"

// vlanActions names what vlan does, by TCA_VLAN_ACT_*.
var vlanActions = []string{rtnl.VlanPop: "pop", rtnl.VlanPush: "push", rtnl.VlanModify: "modify",
	rtnl.VlanPopEth: "pop_eth", rtnl.VlanPushEth: "push_eth"}

// vlanKind is vlan: pop, push or modify a VLAN tag, or an Ethernet header.
func vlanKind() *Kind {
	k := &Kind{Name: "vlan", Usage: vlanUsage}
	k.New, k.Parse, k.Print = typed(parseVlan, printVlan)
	return k
}

func parseVlan(p *Parser, o *rtnl.ActVlan) error {
	if _, err := p.value(); err != nil {
		return err
	}
	usage := trimNL(vlanUsage)
	var action int32
	push := func() bool { return action == rtnl.VlanPush || action == rtnl.VlanModify }
loop:
	for p.More() {
		w := p.Peek()
		m := func(full string) bool { return grammar.Matches(w, full) }
		setAction := func(a int32) error {
			if action != 0 {
				return p.Fail(`unexpected "`+w+`" - action already specified`, usage)
			}
			action = a
			return nil
		}
		var err error
		switch {
		case m("pop"):
			err = setAction(rtnl.VlanPop)
		case m("push"):
			err = setAction(rtnl.VlanPush)
		case m("modify"):
			err = setAction(rtnl.VlanModify)
		case m("pop_eth"):
			err = setAction(rtnl.VlanPopEth)
		case m("push_eth"):
			err = setAction(rtnl.VlanPushEth)
		case m("id"), m("protocol"), m("priority"):
			if !push() {
				return fail.Invalid("only valid for push/modify", w)
			}
			v, err := p.value()
			if err != nil {
				return err
			}
			switch {
			case m("id"):
				n, ok := grammar.ParseCUint(v, 16)
				if !ok {
					return fail.Invalid("id is invalid", v)
				}
				o.ID = rtnl.Some(uint16(n))
			case m("protocol"):
				pr, ok := grammar.ParseEthProto(v)
				if !ok {
					return fail.Invalid("protocol is invalid", v)
				}
				o.Protocol = rtnl.Some(pr)
			default:
				n, ok := grammar.ParseCUint(v, 8)
				if !ok || n&^7 != 0 {
					return fail.Invalid("prio is invalid", v)
				}
				o.Priority = rtnl.Some(uint8(n))
			}
		case m("dst_mac"), m("src_mac"):
			if action != rtnl.VlanPushEth {
				return fail.Invalid("only valid for push_eth", w)
			}
			v, err := p.value()
			if err != nil {
				return err
			}
			b, _, bad := grammar.LLAddrA2N(v, 6)
			if bad != "" {
				return fail.Usagef("%s\n%s", bad, fail.Invalid(w[:3]+"_mac is invalid", grammar.LLAddrShown(v)).Error())
			}
			var mac [6]byte
			copy(mac[:], b)
			if m("dst_mac") {
				o.EthDst = rtnl.Some(mac)
			} else {
				o.EthSrc = rtnl.Some(mac)
			}
		case m("help"):
			return fail.Fatal(fail.ExitUsage, usage)
		default:
			break loop
		}
		if err != nil {
			return err
		}
		p.Next()
	}
	o.Parms.Action = p.ControlDefault(rtnl.ActPipe)
	if _, err := p.IndexTail(`vlan: Illegal "index"`, &o.Parms.Index); err != nil {
		return err
	}
	if push() && !o.ID.Set {
		return p.Fail("id needs to be set for "+vlanActions[action], usage)
	}
	if action == rtnl.VlanPushEth {
		if !o.EthDst.Set {
			return p.Fail("dst_mac needs to be set for "+vlanActions[action], usage)
		}
		if !o.EthSrc.Set {
			return p.Fail("src_mac needs to be set for "+vlanActions[action], usage)
		}
	}
	if pr, ok := o.Protocol.Get(); ok && pr != 0x8100 && pr != 0x88a8 {
		return p.Fail("protocol not supported", usage)
	}
	o.VAction = action
	return nil
}

func trimNL(s string) string {
	if len(s) > 0 && s[len(s)-1] == '\n' {
		return s[:len(s)-1]
	}
	return s
}

func printVlan(f *format.Fields, o *rtnl.ActVlan, v *View) {
	f.String("kind", "%s ", "vlan")
	name := ""
	if o.VAction >= 0 && int(o.VAction) < len(vlanActions) {
		name = vlanActions[o.VAction]
	}
	f.String("vlan_action", " %s", name)
	switch o.VAction {
	case rtnl.VlanPush, rtnl.VlanModify:
		if x, ok := o.ID.Get(); ok {
			f.Uint("id", " id %u", uint64(x))
		}
		if x, ok := o.Protocol.Get(); ok {
			f.String("protocol", " protocol %s", grammar.EthProtoText(x, false))
		}
		if x, ok := o.Priority.Get(); ok {
			f.Uint("priority", " priority %u", uint64(x))
		}
	case rtnl.VlanPushEth:
		if x, ok := o.EthDst.Get(); ok {
			f.String("dst_mac", " dst_mac %s", macText(x))
		}
		if x, ok := o.EthSrc.Get(); ok {
			f.String("src_mac", " src_mac %s", macText(x))
		}
	}
	PrintControl(f, " ", o.Parms.Action, "")
	printParmsTail(f, o.Parms, o.Times, v)
}
