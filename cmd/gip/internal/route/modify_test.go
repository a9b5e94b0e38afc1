package route

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

// fakeEnv is an Env on a fake kernel that knows the link veth0 (index 5),
// answers a lookup of any other link with ENODEV and acknowledges the rest.
func fakeEnv(t *testing.T) (*env.Env, *nltest.Kernel) {
	conn, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		if req.Header.Type == unix.RTM_GETLINK {
			return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.ENODEV, "", 0))}
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	e := &env.Env{G: &env.Global{}, Stdout: io.Discard, Stderr: io.Discard}
	e.UseConn(conn)
	e.Links().Add(&rtnl.Link{Index: 5, Name: "veth0"})
	return e, k
}

// changeFlags are the header flags that say what a request does.
const changeFlags = nl.Create | nl.Excl | nl.Replace | nl.Append | nl.Echo

func TestModifyPlanRequests(t *testing.T) {
	metric := uint32(100)
	for _, c := range []struct {
		verb, line string
		want       rtnl.Route
		op         rtnl.RouteOp
		flags      nl.Flags
		undo       bool
	}{
		{"add", "10.1.0.0/16 via 192.0.2.2 dev veth0 metric 100", rtnl.Route{Family: unix.AF_INET,
			Dst: netip.MustParsePrefix("10.1.0.0/16"), Gateway: netip.MustParseAddr("192.0.2.2"), OIF: 5, Priority: &metric,
			Table: unix.RT_TABLE_MAIN, Protocol: unix.RTPROT_BOOT, Scope: unix.RT_SCOPE_UNIVERSE, Type: unix.RTN_UNICAST},
			rtnl.RouteAdd, nl.Create | nl.Excl, true},
		{"test", "10.2.0.0/16 dev veth0", rtnl.Route{Family: unix.AF_INET, Dst: netip.MustParsePrefix("10.2.0.0/16"), OIF: 5,
			Table: unix.RT_TABLE_MAIN, Protocol: unix.RTPROT_BOOT, Scope: unix.RT_SCOPE_LINK, Type: unix.RTN_UNICAST},
			rtnl.RouteAdd, nl.Excl, false},
		{"replace", "blackhole 2001:db8::/32 table 100", rtnl.Route{Family: unix.AF_INET6, Dst: netip.MustParsePrefix("2001:db8::/32"),
			Table: 100, Protocol: unix.RTPROT_BOOT, Scope: unix.RT_SCOPE_UNIVERSE, Type: unix.RTN_BLACKHOLE},
			rtnl.RouteReplace, nl.Create | nl.Replace, false},
		{"delete", "10.1.0.0/16", rtnl.Route{Family: unix.AF_INET, Dst: netip.MustParsePrefix("10.1.0.0/16"),
			Table: unix.RT_TABLE_MAIN, Scope: unix.RT_SCOPE_NOWHERE},
			rtnl.RouteDelete, 0, false},
	} {
		e, k := fakeEnv(t)
		v := Object().Verb(c.verb)
		steps, err := v.Plan(e, strings.Fields(c.line))
		if err != nil {
			t.Fatalf("%s %s: %v", c.verb, c.line, err)
		}
		if err := plan.Run(e, steps); err != nil {
			t.Fatalf("%s %s: %v", c.verb, c.line, err)
		}
		reqs := k.Requests()
		if len(reqs) != 1 {
			t.Fatalf("%s %s: %d requests", c.verb, c.line, len(reqs))
		}
		data, err := c.want.AppendRequestAsIs(nil, c.op)
		if err != nil {
			t.Fatal(err)
		}
		got := reqs[0]
		if got.Header.Type != c.op.Header().Type || got.Header.Flags&changeFlags != c.flags || !bytes.Equal(got.Data, data) {
			t.Errorf("%s %s:\n got %v %v % x\nwant %v %v % x", c.verb, c.line, got.Header.Type, got.Header.Flags&changeFlags, got.Data,
				c.op.Header().Type, c.flags, data)
		}
		if (steps[0].Undo != nil) != c.undo {
			t.Fatalf("%s %s: undo %v, want %v", c.verb, c.line, steps[0].Undo != nil, c.undo)
		}
		if c.undo {
			u, ok := steps[0].Undo(got, nil)
			if !ok || u.Header.Type != unix.RTM_DELROUTE || !bytes.Equal(u.Data, got.Data) {
				t.Errorf("%s %s: undo %v %v % x", c.verb, c.line, ok, u.Header.Type, u.Data)
			}
		}
	}
}

// Devices resolve when the step runs, not while the line is parsed: a
// batch line may use a device an earlier line creates.
func TestModifyResolvesDevicesWhenRun(t *testing.T) {
	e, k := fakeEnv(t)
	steps, err := Object().Verb("add").Plan(e, strings.Fields("10.0.0.0/8 dev nosuch"))
	if err != nil {
		t.Fatalf("planning asked the kernel: %v", err)
	}
	if n := len(k.Requests()); n != 0 {
		t.Fatalf("planning sent %d requests", n)
	}
	err = plan.Run(e, steps)
	if err == nil || !strings.Contains(err.Error(), `Cannot find device "nosuch"`) {
		t.Fatalf("run: %v", err)
	}
	steps, _ = Object().Verb("add").Plan(e, strings.Fields("10.0.0.0/8 nexthop dev nosuch"))
	if err := plan.Run(e, steps); err == nil || !strings.Contains(err.Error(), "cannot parse nexthop") {
		t.Fatalf("nexthop device: %v", err)
	}
}

// TestUndoAddNamesIPv6Metric: an IPv6 deletion without a metric would
// take the route of lowest metric, so the undo of an add names the
// metric the kernel gave it.
func TestUndoAddNamesIPv6Metric(t *testing.T) {
	for _, c := range []struct {
		line   string
		metric uint32
	}{
		{"2001:db8:5::/64 dev lo", ip6DefaultMetric},
		{"2001:db8:5::/64 dev lo metric 7", 7},
		{"10.5.0.0/16 dev lo", 0},
	} {
		s, err := ParseSpec(strings.Fields(c.line), rtnl.RouteAdd, 0, env.NewNames(false))
		if err != nil {
			t.Fatal(err)
		}
		s.Route.OIF = 1
		req, err := s.Message(false, nil)
		if err != nil {
			t.Fatal(err)
		}
		undo, ok := undoAdd(req, nil)
		if !ok || undo.Header.Type != unix.RTM_DELROUTE {
			t.Fatalf("%s: undo %v", c.line, ok)
		}
		d := nl.NewAttrDecoder(undo.Data[unix.SizeofRtMsg:])
		var metric uint32
		for d.Next() {
			if d.Type() == unix.RTA_PRIORITY {
				metric = d.Uint32()
			}
		}
		if metric != c.metric {
			t.Errorf("%s: undo names metric %d, want %d", c.line, metric, c.metric)
		}
	}
}
