package bridge

import (
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func TestParseFdbGet(t *testing.T) {
	for _, c := range []struct{ line, err string }{
		{line: "to 00:11:22:33:44:55 br br0 vl 5 vni 0x10 self m dyn"},
		{line: "00:11:22:33:44:55 dev v1"},
		{line: "00:11:22:33:44:55", err: "Device or master and address are required arguments."},
		{line: "00:11:22:33:44 br br0", err: "Invalid mac address 00:11:22:33:44"},
		{line: "00:11:22:33:44:55 br br0 vlan 1 vlan 2", err: `Error: either "vlan" is duplicate, or "vlan" is a garbage.`},
		{line: "00:11:22:33:44:55 a br br0", err: `Error: either "to" is duplicate, or "a" is a garbage.`},
		{line: "00:11:22:33:44:55 br br0 vni 0x1000000", err: "Error: argument \"0x1000000\" is wrong: invalid VNI\n"},
		{line: "00:11:22:33:44:55 br br0 vlan", err: `Command line is not complete. Try option "help"`},
	} {
		g, err := parseFdbGet(strings.Fields(c.line))
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: %v, want %q", c.line, err, c.err)
			}
			continue
		}
		if err != nil || len(g.spec.LLAddr) != 6 {
			t.Errorf("%q: %+v %v", c.line, g, err)
		}
	}
	g, _ := parseFdbGet(strings.Fields("to 00:11:22:33:44:55 br br0 vl 5 vni 0x10 self m dyn"))
	if *g.spec.VLAN != 5 || *g.spec.VNI != 16 || g.spec.Flags != unix.NTF_SELF|unix.NTF_MASTER || !g.dynamic || g.br != "br0" {
		t.Errorf("parsed %+v", g)
	}
}

func TestPlanFdbFlush(t *testing.T) {
	for _, c := range []struct {
		line             string
		state, stateMask uint16
		flags, flagsMask uint8
		vlan             int
		err              string
	}{
		{line: "dev br0", flags: unix.NTF_SELF, vlan: -1},
		{line: "dev br0 master static", flags: unix.NTF_MASTER, state: unix.NUD_NOARP, stateMask: unix.NUD_NOARP | unix.NUD_PERMANENT, vlan: -1},
		{line: "dev br0 permanent dynamic", state: unix.NUD_PERMANENT, stateMask: unix.NUD_NOARP | unix.NUD_PERMANENT, flags: unix.NTF_SELF, vlan: -1},
		{line: "dev br0 nosticky extern_learn vlan 7", flags: unix.NTF_SELF | unix.NTF_EXT_LEARNED, flagsMask: ntfSticky | unix.NTF_EXT_LEARNED, vlan: 7},
		{line: "dev br0 help", err: `Command line is not complete. Try option "help"`},
		{line: "vlan 5", err: "Device is a required argument."},
		{line: "dev br0 brport v1 brport v1", err: `Error: either "brport" is duplicate, or "brport" is a garbage.`},
	} {
		steps, err := planFdbFlush(nil, strings.Fields(c.line))
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: %v, want %q", c.line, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		m, err := steps[0].Build(testEnv())
		if err != nil {
			t.Fatal(err)
		}
		n, err := rtnl.ParseNeigh(nl.Message{Header: nl.Header{Type: unix.RTM_NEWNEIGH}, Data: m.Data})
		if err != nil {
			t.Fatal(err)
		}
		stateMask, flagsMask := masksOf(m.Data[unix.SizeofNdMsg:])
		vlan := -1
		if n.HasVLAN {
			vlan = int(n.VLAN)
		}
		if m.Header.Type != unix.RTM_DELNEIGH || m.Header.Flags&nl.Bulk == 0 || n.State != c.state || n.Flags != c.flags ||
			stateMask != c.stateMask || flagsMask != c.flagsMask || vlan != c.vlan {
			t.Errorf("%q: state %#x/%#x flags %#x/%#x vlan %d, header %+v", c.line, n.State, stateMask, n.Flags, flagsMask, vlan, m.Header)
		}
	}
}

// masksOf reads NDA_NDM_STATE_MASK and NDA_NDM_FLAGS_MASK.
func masksOf(attrs []byte) (state uint16, flags uint8) {
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		switch d.Type() {
		case 16:
			state = d.Uint16()
		case 17:
			flags = d.Uint8()
		}
	}
	return state, flags
}

// FuzzPlanFdbFlush parses arbitrary fdb flush lines.
func FuzzPlanFdbFlush(f *testing.F) {
	for _, s := range []string{"dev br0 master static vlan 5", "dev br0 brport v1 nopermanent nodynamic sticky", "dev br0 vlan 99999", "help"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		steps, err := planFdbFlush(nil, args)
		if err != nil || !known(args, "dev", "brport") {
			return
		}
		if _, err := steps[0].Build(testEnv()); err != nil {
			return
		}
	})
}

// FuzzParseFdbGet parses arbitrary fdb get lines.
func FuzzParseFdbGet(f *testing.F) {
	for _, s := range []string{"to 00:11:22:33:44:55 br br0 vlan 5 vni 7 self", "0x1:2:3:4:5:6zz dev v1 dynamic", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		g, err := parseFdbGet(strings.Fields(line))
		if err == nil && len(g.spec.LLAddr) != 6 {
			t.Fatalf("%q: address %x", line, g.spec.LLAddr)
		}
	})
}
