package app

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// xfrmCapture is a file of xfrm notifications, some of which no test can
// make this kernel send (states with keys, acquires, reports, asynchronous
// events, mappings, a type ip does not know).
func xfrmCapture(t *testing.T) string {
	t.Helper()
	ne, be := binary.NativeEndian, binary.BigEndian
	v4 := func(s string) xfrm.Address { return xfrm.AddressOf(netip.MustParseAddr(s)) }
	ip4 := func(s string) []byte { a := v4(s); return a[:] }
	var file []byte
	add := func(typ uint16, data []byte) {
		file = nl.AppendMessage(file, nl.Message{Header: nl.Header{Type: typ}, Data: data})
	}
	typ, ifid := uint8(xfrm.TypeMain), uint32(9)
	pol := &xfrm.Policy{
		Info: xfrm.PolicyInfo{Sel: xfrm.Selector{Src: v4("10.0.0.1"), Dst: v4("10.0.0.2"), SrcLen: 32, DstLen: 32, Family: unix.AF_INET,
			Proto: unix.IPPROTO_TCP, DstPort: 22, DstPortMask: 0xffff}, Lifetime: xfrm.NoLimits(), Dir: xfrm.DirOut, Priority: 5},
		PolicyAttrs: xfrm.PolicyAttrs{Type: &typ, IfID: &ifid, Mark: &xfrm.Mark{Value: 7, Mask: 0xff}, Templates: []xfrm.Template{{
			ID: xfrm.ID{Dst: v4("10.0.0.2"), Proto: xfrm.ProtoESP}, Src: v4("10.0.0.1"), Family: unix.AF_INET, Mode: xfrm.ModeTunnel, ReqID: 4}}},
	}
	for _, typ := range []uint16{xfrm.MsgNewPolicy, xfrm.MsgUpdPolicy} {
		m, err := pol.Message(typ)
		if err != nil {
			t.Fatal(err)
		}
		add(typ, m.Data)
	}
	st := &xfrm.State{
		Info: xfrm.SAInfo{ID: xfrm.ID{Dst: v4("10.0.0.2"), SPI: 0x100, Proto: xfrm.ProtoESP}, Src: v4("10.0.0.1"), Lifetime: xfrm.NoLimits(),
			ReqID: 4, Family: unix.AF_INET, Mode: xfrm.ModeTunnel, ReplayWindow: 32},
		StateAttrs: xfrm.StateAttrs{
			Crypt:     &xfrm.Algo{Name: "cbc(aes)", KeyBits: 128, Key: bytes.Repeat([]byte{0x11}, 16)},
			AuthTrunc: &xfrm.AlgoExtra{Algo: xfrm.Algo{Name: "hmac(sha256)", KeyBits: 256, Key: bytes.Repeat([]byte{0x22}, 32)}, Extra: 128},
			Mark:      &xfrm.Mark{Value: 3, Mask: 0xff},
		},
	}
	for _, typ := range []uint16{xfrm.MsgNewSA, xfrm.MsgUpdSA} {
		m, err := st.Message(typ)
		if err != nil {
			t.Fatal(err)
		}
		add(typ, m.Data)
	}
	// An expiry: the state's info, the hard flag, then its attributes.
	m, _ := st.Message(xfrm.MsgNewSA)
	add(xfrm.MsgExpire, append(append(append([]byte{}, m.Data[:224]...), 1, 0, 0, 0, 0, 0, 0, 0), m.Data[224:]...))
	// An acquire: the template's id, the flow and the policy.
	acq := make([]byte, 280)
	copy(acq, ip4("10.0.0.9"))
	acq[20] = xfrm.ProtoESP
	copy(acq[24:], ip4("10.0.0.1"))
	sel := acq[40:]
	copy(sel, ip4("10.0.0.9"))
	copy(sel[16:], ip4("10.0.0.1"))
	be.PutUint16(sel[32:], 9)
	be.PutUint16(sel[34:], 0xffff)
	ne.PutUint16(sel[40:], unix.AF_INET)
	sel[42], sel[43], sel[44] = 32, 32, unix.IPPROTO_UDP
	pm, _ := pol.Message(xfrm.MsgNewPolicy)
	copy(acq[96:], pm.Data[:168])
	ne.PutUint32(acq[264:], 0xffffffff)
	ne.PutUint32(acq[276:], 77)
	add(xfrm.MsgAcquire, append(acq, pm.Data[168:]...))
	// A report: protocol, selector, care-of address.
	rep := make([]byte, 60)
	rep[0] = xfrm.ProtoRouting
	copy(rep[4:], netip.MustParseAddr("2001:db8::2").AsSlice())
	copy(rep[20:], netip.MustParseAddr("2001:db8::1").AsSlice())
	ne.PutUint16(rep[44:], unix.AF_INET6)
	rep[46], rep[47] = 128, 128
	e := nl.NewAttrEncoder(rep)
	e.Bytes(xfrm.AttrCoAddr, netip.MustParseAddr("2001:db8::3").AsSlice())
	data, _ := e.Encode()
	add(xfrm.MsgReport, data)
	// An asynchronous event and a mapping.
	said := make([]byte, 24)
	copy(said, ip4("10.0.0.2"))
	be.PutUint32(said[16:], 0x100)
	ne.PutUint16(said[20:], unix.AF_INET)
	said[22] = xfrm.ProtoESP
	ae := append(append([]byte{}, said...), ip4("10.0.0.1")...)
	ae = ne.AppendUint32(ae, xfrm.AEReplayUpdate|xfrm.AETimerExpired)
	add(xfrm.MsgNewAE, ne.AppendUint32(ae, 4))
	mp := ne.AppendUint32(append([]byte{}, said...), 4)
	mp = append(append(mp, ip4("192.0.2.1")...), ip4("192.0.2.9")...)
	mp = be.AppendUint16(be.AppendUint16(mp, 4500), 4501)
	add(xfrm.MsgMapping, mp)
	add(xfrm.MsgFlushSA, []byte{xfrm.ProtoESP, 0, 0, 0})
	fe := nl.NewAttrEncoder(nil)
	fe.Bytes(xfrm.AttrPolicyType, make([]byte, 6))
	data, _ = fe.Encode()
	add(xfrm.MsgFlushPolicy, data)
	add(0x31, []byte{1, 2, 3, 4})
	name := filepath.Join(t.TempDir(), "xfrm.cap")
	if err := os.WriteFile(name, file, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestXfrmMonitorFileMatchesIP prints a capture of every kind of xfrm
// notification with ip xfrm monitor file and gip's, under several
// options: the same text.
func TestXfrmMonitorFileMatchesIP(t *testing.T) {
	name := xfrmCapture(t)
	for _, opts := range [][]string{nil, {"-s"}, {"-o"}, {"-s", "-s"}, {"-4"}} {
		args := append(append(append([]string{}, opts...), "xfrm", "monitor", "file", name), "nokeys")
		want := tool(t, "ip", args...)
		got := gip(t, args...)
		if got.code != want.code || got.Stdout != want.Stdout || got.Stderr != want.Stderr {
			t.Errorf("%v: ip exit %d\n%s%s\ngip exit %d\n%s%s", args, want.code, want.Stdout, want.Stderr, got.code, got.Stdout, got.Stderr)
		}
		for _, s := range []string{"acquire proto esp", "report proto route2", "Async event", "Mapping change", "Unknown message", "Expired src"} {
			if !strings.Contains(want.Stdout, s) {
				t.Errorf("%v: ip printed no %q", args, s)
			}
		}
	}
	if r := gip(t, "-j", "xfrm", "monitor", "file", name); r.code != 0 || strings.Count(r.Stdout, `{"object":"xfrm-`) != 11 {
		t.Errorf("gip -j xfrm monitor file: exit %d\n%s%s", r.code, r.Stdout, r.Stderr)
	}
}
