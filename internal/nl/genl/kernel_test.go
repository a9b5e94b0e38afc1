package genl_test

// These tests ask the running kernel's controller about families every
// kernel with generic netlink has (nlctrl) or that this suite's kernels have
// (ethtool). Reading the family table needs no privileges.

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

func dialGeneric(t *testing.T) *nl.Conn {
	t.Helper()
	c, err := nl.Dial(nl.Generic, nil)
	if err != nil {
		t.Fatalf("dial generic netlink: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestKernelNlctrl(t *testing.T) {
	c := dialGeneric(t)
	f, err := genl.GetFamily(c, "nlctrl")
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != genl.ControllerID || f.Name != "nlctrl" || f.Version == 0 {
		t.Fatalf("nlctrl = %+v", f)
	}
	if !f.HasOp(unix.CTRL_CMD_GETFAMILY) {
		t.Errorf("nlctrl lacks CTRL_CMD_GETFAMILY in %v", f.Ops)
	}
	if _, ok := f.Group("notify"); !ok {
		t.Errorf("nlctrl has no notify group: %v", f.Groups)
	}
}

func TestKernelEthtool(t *testing.T) {
	c := dialGeneric(t)
	f, err := genl.GetFamily(c, "ethtool")
	if errors.Is(err, genl.ErrFamilyNotFound) {
		t.Skipf("skipped: the kernel has no ethtool netlink family (%v)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if f.ID < 16 || f.Version == 0 || len(f.Ops) == 0 {
		t.Fatalf("ethtool = %+v", f)
	}
	if _, ok := f.Group("monitor"); !ok {
		t.Errorf("ethtool has no monitor group: %v", f.Groups)
	}
}

func TestKernelNotFound(t *testing.T) {
	c := dialGeneric(t)
	_, err := genl.GetFamily(c, "gip-nosuch")
	if !errors.Is(err, genl.ErrFamilyNotFound) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want ErrFamilyNotFound", err)
	}
	if _, err := genl.Dial("gip-nosuch", nil); !errors.Is(err, genl.ErrFamilyNotFound) {
		t.Fatalf("Dial: err = %v", err)
	}
}

// TestKernelListFamilies compares the dump with single lookups.
func TestKernelListFamilies(t *testing.T) {
	c := dialGeneric(t)
	fams, err := genl.ListFamilies(c)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]genl.Family{}
	for _, f := range fams {
		byName[f.Name] = f
	}
	ctrl, ok := byName["nlctrl"]
	if !ok || ctrl.ID != genl.ControllerID {
		t.Fatalf("nlctrl missing from the dump of %d families", len(fams))
	}
	for _, f := range fams {
		one, err := genl.GetFamily(c, f.Name)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if one.ID != f.ID || one.Version != f.Version || len(one.Groups) != len(f.Groups) {
			t.Errorf("%s: dump says %+v, lookup says %+v", f.Name, f, one)
		}
	}
}

// TestKernelConn drives the controller through a family-bound Conn: a
// lookup with Execute, a dump, and a multicast socket joined by group name.
func TestKernelConn(t *testing.T) {
	g, err := genl.Dial("nlctrl", nil, "notify")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	e := nl.NewAttrEncoder(nil)
	e.String(unix.CTRL_ATTR_FAMILY_NAME, "nlctrl")
	attrs, _ := e.Encode()
	msgs, err := g.Execute(unix.CTRL_CMD_GETFAMILY, 0, attrs)
	if err != nil || len(msgs) != 1 || msgs[0].Header.Command != unix.CTRL_CMD_NEWFAMILY {
		t.Fatalf("Execute = %+v, %v", msgs, err)
	}
	n := 0
	for m, err := range g.Dump(unix.CTRL_CMD_GETFAMILY, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if _, err := genl.ParseFamily(m.Attrs); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n < 2 {
		t.Fatalf("dump through Conn saw %d families", n)
	}
	// Nothing is registering families now: the read must time out.
	if err := g.SetReadDeadline(time.Now().Add(50 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if msgs, err := g.Receive(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("Receive = %v, %v; want a timeout", msgs, err)
	}
	if _, err := genl.Dial("nlctrl", nil, "no-such-group"); err == nil {
		t.Fatal("Dial joined a group that does not exist")
	}
}

func TestKernelNetNS(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("skipped: needs root to open a socket in another namespace")
	}
	// A family lookup works the same from another namespace.
	name := "gip-genl-" + time.Now().Format("150405.000000")
	if err := nl.CreateNamedNetNS(name); err != nil {
		t.Fatal(err)
	}
	defer nl.DeleteNamedNetNS(name)
	g, err := genl.Dial("nlctrl", &nl.Config{NetNS: name})
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if g.Family().ID != genl.ControllerID {
		t.Fatalf("family %+v", g.Family())
	}
}
