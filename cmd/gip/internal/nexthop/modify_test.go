package nexthop

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

func TestModifyPlanRequests(t *testing.T) {
	for _, c := range []struct {
		verb, line string
		want       rtnl.NexthopObject
		op         rtnl.NexthopOp
		undoID     uint32 // 0: no undo
	}{
		{"add", "id 10 via 192.0.2.2 dev veth0", rtnl.NexthopObject{ID: 10, Family: unix.AF_INET,
			Gateway: netip.MustParseAddr("192.0.2.2"), OIF: 5}, rtnl.NexthopAdd, 10},
		// An id the kernel chooses cannot be given back: no undo.
		{"add", "blackhole", rtnl.NexthopObject{Family: unix.AF_INET, Blackhole: true}, rtnl.NexthopAdd, 0},
		{"add", "id 3 group 1,2/2 type resilient buckets 8 proto static", rtnl.NexthopObject{ID: 3,
			Group: []rtnl.GroupMember{{ID: 1, Weight: 2}, {ID: 2, Weight: 1}}, GroupType: rtnl.GroupResilient, HasGroupType: true,
			Resilient: &rtnl.ResilientGroup{Buckets: 8}, Protocol: unix.RTPROT_STATIC}, rtnl.NexthopAdd, 3},
		{"replace", "id 10 dev veth0", rtnl.NexthopObject{ID: 10, Family: unix.AF_INET, OIF: 5}, rtnl.NexthopReplace, 0},
		{"delete", "id 10", rtnl.NexthopObject{ID: 10}, rtnl.NexthopDelete, 0},
	} {
		e, k := fakeEnv(t)
		steps, err := Object().Verb(c.verb).Plan(e, strings.Fields(c.line))
		if err != nil {
			t.Fatalf("%s %s: %v", c.verb, c.line, err)
		}
		if err := plan.Run(e, steps); err != nil {
			t.Fatalf("%s %s: %v", c.verb, c.line, err)
		}
		want, err := c.want.MessageAsIs(c.op)
		if err != nil {
			t.Fatal(err)
		}
		got := k.Requests()[0]
		flags := nl.Create | nl.Excl | nl.Replace
		if got.Header.Type != want.Header.Type || got.Header.Flags&flags != want.Header.Flags&flags || !bytes.Equal(got.Data, want.Data) {
			t.Errorf("%s %s:\n got %v %v % x\nwant %v %v % x", c.verb, c.line,
				got.Header.Type, got.Header.Flags&flags, got.Data, want.Header.Type, want.Header.Flags&flags, want.Data)
		}
		if (steps[0].Undo != nil) != (c.undoID != 0) {
			t.Fatalf("%s %s: undo %v", c.verb, c.line, steps[0].Undo != nil)
		}
		if c.undoID == 0 {
			continue
		}
		added := c.want
		added.ID = c.undoID
		echo, _ := added.MessageAsIs(rtnl.NexthopAdd)
		echo.Header.Type = unix.RTM_NEWNEXTHOP
		undo, ok := steps[0].Undo(got, &echo)
		del, _ := (&rtnl.NexthopObject{ID: c.undoID}).MessageAsIs(rtnl.NexthopDelete)
		if !ok || undo.Header.Type != unix.RTM_DELNEXTHOP || !bytes.Equal(undo.Data, del.Data) {
			t.Errorf("%s %s: undo %v %v % x", c.verb, c.line, ok, undo.Header.Type, undo.Data)
		}
	}
}

// The device resolves when the step runs, with ip's message for one that
// does not exist.
func TestModifyResolvesDeviceWhenRun(t *testing.T) {
	e, k := fakeEnv(t)
	steps, err := Object().Verb("add").Plan(e, strings.Fields("id 1 dev nosuch"))
	if err != nil || len(k.Requests()) != 0 {
		t.Fatalf("planning: %v, %d requests", err, len(k.Requests()))
	}
	if err := plan.Run(e, steps); err == nil || !strings.Contains(err.Error(), "Device does not exist") {
		t.Fatalf("run: %v", err)
	}
}
