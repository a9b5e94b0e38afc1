package rule

import (
	"bytes"
	"io"
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func TestModifyPlanRequests(t *testing.T) {
	u32 := func(v uint32) *uint32 { return &v }
	for _, c := range []struct {
		verb, line string
		want       rtnl.Rule
		op         rtnl.RuleOp
		echo       bool
	}{
		{"add", "from 10.0.0.0/8 lookup 100", rtnl.Rule{Family: unix.AF_INET, Src: netip.MustParsePrefix("10.0.0.0/8"),
			Table: 100, Action: unix.FR_ACT_TO_TBL}, rtnl.RuleAdd, true},
		{"add", "pref 7 not to 2001:db8::/32 fwmark 0x10/0xff iif veth0 proto static table main", rtnl.Rule{Family: unix.AF_INET6,
			Dst: netip.MustParsePrefix("2001:db8::/32"), Priority: u32(7), Flags: rtnl.RuleInvert, Mark: u32(0x10), Mask: u32(0xff),
			IIFName: "veth0", Protocol: unix.RTPROT_STATIC, HasProtocol: true, Table: unix.RT_TABLE_MAIN, Action: unix.FR_ACT_TO_TBL},
			rtnl.RuleAdd, false},
		{"delete", "pref 7", rtnl.Rule{Family: unix.AF_INET, Priority: u32(7)}, rtnl.RuleDelete, false},
	} {
		conn, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
			return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
		})
		e := &env.Env{G: &env.Global{}, Stdout: io.Discard}
		e.UseConn(conn)
		steps, err := Object().Verb(c.verb).Plan(e, strings.Fields(c.line))
		if err != nil {
			t.Fatalf("%s %s: %v", c.verb, c.line, err)
		}
		if err := plan.Run(e, steps); err != nil {
			t.Fatalf("%s %s: %v", c.verb, c.line, err)
		}
		want, err := message(&c.want, c.op)
		if err != nil {
			t.Fatal(err)
		}
		got := k.Requests()[0]
		if got.Header.Type != want.Header.Type || !bytes.Equal(got.Data, want.Data) {
			t.Errorf("%s %s:\n got %v % x\nwant %v % x", c.verb, c.line, got.Header.Type, got.Data, want.Header.Type, want.Data)
		}
		if got.Header.Flags&nl.Echo != 0 != c.echo || steps[0].Echo != c.echo {
			t.Errorf("%s %s: echo %v, want %v", c.verb, c.line, steps[0].Echo, c.echo)
		}
		if c.op != rtnl.RuleAdd {
			if steps[0].Undo != nil {
				t.Errorf("%s %s: an undo", c.verb, c.line)
			}
			continue
		}
		// The undo deletes the same rule, at the priority the kernel chose
		// when the line gave none.
		added := c.want
		if added.Priority == nil {
			added.Priority = u32(32765)
		}
		echo, _ := added.MessageAsIs(rtnl.RuleAdd)
		undo, ok := steps[0].Undo(got, &echo)
		if !ok || undo.Header.Type != unix.RTM_DELRULE {
			t.Fatalf("%s %s: undo %v %v", c.verb, c.line, ok, undo.Header.Type)
		}
		del, err := rtnl.DecodeRule(undo)
		if err != nil || del.Priority == nil || *del.Priority != *added.Priority || del.Src != c.want.Src || del.Table != c.want.Table {
			t.Errorf("%s %s: undo deletes %+v (%v)", c.verb, c.line, del, err)
		}
		if _, ok := steps[0].Undo(got, nil); ok != (c.want.Priority != nil) {
			t.Errorf("%s %s: undo without an echo: %v", c.verb, c.line, ok)
		}
	}
}

func TestModifyNeedsArguments(t *testing.T) {
	e := &env.Env{G: &env.Global{}}
	for _, verb := range []string{"add", "delete"} {
		if _, err := Object().Verb(verb).Plan(e, nil); err == nil || !strings.Contains(err.Error(), "requires arguments") {
			t.Errorf("%s without arguments: %v", verb, err)
		}
	}
}
