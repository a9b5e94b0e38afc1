package genl_test

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

// familyAttrs encodes a CTRL_CMD_NEWFAMILY payload as the controller sends
// it (ctrl_fill_info), with two ops and two groups.
func familyAttrs(t testing.TB) []byte {
	t.Helper()
	e := nl.NewAttrEncoder(nil)
	e.String(unix.CTRL_ATTR_FAMILY_NAME, "nl80211")
	e.Uint16(unix.CTRL_ATTR_FAMILY_ID, 0x1f)
	e.Uint32(unix.CTRL_ATTR_VERSION, 1)
	e.Uint32(unix.CTRL_ATTR_HDRSIZE, 0)
	e.Uint32(unix.CTRL_ATTR_MAXATTR, 330)
	e.NestPlain(unix.CTRL_ATTR_OPS)
	for i, op := range []genl.Op{{ID: 5, Flags: 0xe}, {ID: 33, Flags: 0xb}} {
		e.NestPlain(uint16(i + 1))
		e.Uint32(unix.CTRL_ATTR_OP_ID, op.ID)
		e.Uint32(unix.CTRL_ATTR_OP_FLAGS, op.Flags)
		e.Unnest()
	}
	e.Unnest()
	e.NestPlain(unix.CTRL_ATTR_MCAST_GROUPS)
	for i, g := range []genl.Group{{ID: 4, Name: "config"}, {ID: 5, Name: "scan"}} {
		e.NestPlain(uint16(i + 1))
		e.String(unix.CTRL_ATTR_MCAST_GRP_NAME, g.Name)
		e.Uint32(unix.CTRL_ATTR_MCAST_GRP_ID, g.ID)
		e.Unnest()
	}
	e.Unnest()
	b, err := e.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseFamily(t *testing.T) {
	f, err := genl.ParseFamily(familyAttrs(t))
	if err != nil {
		t.Fatal(err)
	}
	want := genl.Family{
		ID: 0x1f, Name: "nl80211", Version: 1, MaxAttr: 330,
		Ops:    []genl.Op{{ID: 5, Flags: 0xe}, {ID: 33, Flags: 0xb}},
		Groups: []genl.Group{{ID: 4, Name: "config"}, {ID: 5, Name: "scan"}},
	}
	if f.ID != want.ID || f.Name != want.Name || f.Version != want.Version || f.MaxAttr != want.MaxAttr ||
		!slices.Equal(f.Ops, want.Ops) || !slices.Equal(f.Groups, want.Groups) {
		t.Fatalf("got %+v\nwant %+v", f, want)
	}
	if id, ok := f.Group("scan"); !ok || id != 5 {
		t.Errorf("Group(scan) = %d, %v", id, ok)
	}
	if _, ok := f.Group("mlme"); ok {
		t.Errorf("Group(mlme) found in %v", f.Groups)
	}
	if !f.HasOp(33) || f.HasOp(34) {
		t.Errorf("HasOp wrong for ops %v", f.Ops)
	}
}

func TestParseFamilyErrors(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":        nil,
		"no name":      {8, 0, unix.CTRL_ATTR_FAMILY_ID, 0, 0x1f, 0, 0, 0},
		"truncated":    {8, 0, 2, 0, 'a'},
		"short id":     {5, 0, unix.CTRL_ATTR_FAMILY_ID, 0, 1, 0, 0, 0},
		"bad ops nest": {8, 0, unix.CTRL_ATTR_OPS, 0, 9, 0, 1, 0},
	} {
		if f, err := genl.ParseFamily(b); err == nil {
			t.Errorf("%s: decoded %+v without error", name, f)
		}
	}
}

func TestParseHeader(t *testing.T) {
	m, err := genl.Parse([]byte{3, 2, 0, 0, 0xaa})
	if err != nil || m.Header != (genl.Header{Command: 3, Version: 2}) || !bytes.Equal(m.Attrs, []byte{0xaa}) {
		t.Fatalf("Parse = %+v, %v", m, err)
	}
	if _, err := genl.Parse([]byte{3, 2, 0}); !errors.Is(err, genl.ErrShortHeader) {
		t.Fatalf("short: %v", err)
	}
	if got := (genl.Header{Command: 7, Version: 1}).Append([]byte{9}); !bytes.Equal(got, []byte{9, 7, 1, 0, 0}) {
		t.Fatalf("Append = % x", got)
	}
}

// TestGetFamilyRequest checks the bytes of CTRL_CMD_GETFAMILY and the
// decoding of the controller's answer, against a fake kernel.
func TestGetFamilyRequest(t *testing.T) {
	reply := familyAttrs(t)
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		data := append(genl.Header{Command: unix.CTRL_CMD_NEWFAMILY, Version: 2}.Append(nil), reply...)
		return []nltest.Datagram{nltest.FromKernel(
			nltest.Msg(req, genl.ControllerID, 0, data),
			nltest.Ack(req, 0, "", 0))}
	})
	f, err := genl.GetFamily(c, "nl80211")
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != 0x1f || len(f.Groups) != 2 {
		t.Fatalf("got %+v", f)
	}
	reqs := k.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Header.Type != unix.GENL_ID_CTRL || r.Header.Flags != nl.Request|nl.Acknowledge {
		t.Errorf("header %v", r.Header)
	}
	// genlmsghdr{cmd=GETFAMILY, version=2}, then CTRL_ATTR_FAMILY_NAME "nl80211\0".
	want := []byte{3, 2, 0, 0, 12, 0, 2, 0, 'n', 'l', '8', '0', '2', '1', '1', 0}
	if !bytes.Equal(r.Data, want) {
		t.Errorf("request payload\n got % x\nwant % x", r.Data, want)
	}
}

func TestGetFamilyNotFoundFake(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.ENOENT, "", 0))}
	})
	_, err := genl.GetFamily(c, "nosuch")
	if !errors.Is(err, genl.ErrFamilyNotFound) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v", err)
	}
}

func TestGetFamilyRefusedFake(t *testing.T) {
	c, _ := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, unix.EPERM, "not allowed here", 0))}
	})
	_, err := genl.GetFamily(c, "nl80211")
	var op *nl.OpError
	if !errors.As(err, &op) || op.Message != "not allowed here" || errors.Is(err, genl.ErrFamilyNotFound) {
		t.Fatalf("err = %v", err)
	}
}

// TestConnRequests checks that a family-bound Conn stamps the family's id
// and version, and strips the genl header from replies and dumps.
func TestConnRequests(t *testing.T) {
	fam := genl.Family{ID: 0x22, Name: "test", Version: 3}
	c, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		payload := append(genl.Header{Command: 9, Version: 3}.Append(nil), 4, 0, 7, 0)
		if req.Header.Flags&nl.Dump == nl.Dump {
			return []nltest.Datagram{
				nltest.FromKernel(nltest.Msg(req, 0x22, nl.Multi, payload), nltest.Msg(req, 0x22, nl.Multi, payload)),
				nltest.FromKernel(nltest.Done(req, 0, "")),
			}
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Msg(req, 0x22, 0, payload), nltest.Ack(req, 0, "", 0))}
	})
	g := genl.NewConn(c, fam)
	msgs, err := g.Execute(8, 0, []byte{4, 0, 1, 0})
	if err != nil || len(msgs) != 1 || msgs[0].Header.Command != 9 || !bytes.Equal(msgs[0].Attrs, []byte{4, 0, 7, 0}) {
		t.Fatalf("Execute = %+v, %v", msgs, err)
	}
	n := 0
	for m, err := range g.Dump(8, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if m.Header.Command != 9 {
			t.Fatalf("dump message %+v", m)
		}
		n++
	}
	if n != 2 {
		t.Fatalf("dump yielded %d messages, want 2", n)
	}
	reqs := k.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	if r := reqs[0]; r.Header.Type != 0x22 || !bytes.Equal(r.Data, []byte{8, 3, 0, 0, 4, 0, 1, 0}) {
		t.Errorf("execute request %v % x", r.Header, r.Data)
	}
	if r := reqs[1]; r.Header.Flags&nl.Dump != nl.Dump || !bytes.Equal(r.Data, []byte{8, 3, 0, 0}) {
		t.Errorf("dump request %v % x", r.Header, r.Data)
	}
}
