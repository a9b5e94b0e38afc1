package mptcp

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/mptcp"
)

func testEnv() *env.Env { return &env.Env{G: &env.Global{}} }

func TestParseEndpoint(t *testing.T) {
	for _, c := range []struct {
		cmd  mptcp.Cmd
		args string
		want mptcp.Endpoint
		code int
	}{
		{mptcp.CmdAddAddr, "10.0.0.1 id 0x10 signal port 80", mptcp.Endpoint{ID: 16, HasID: true, Addr: netip.MustParseAddr("10.0.0.1"), Port: 80, Flags: mptcp.FlagSignal}, 0},
		{mptcp.CmdAddAddr, "2001:db8::1 subflow backup fullmesh nobackup", mptcp.Endpoint{Addr: netip.MustParseAddr("2001:db8::1"), Flags: mptcp.FlagSubflow | mptcp.FlagBackup | mptcp.FlagFullmesh}, 0},
		{mptcp.CmdAddAddr, "10.0.0.1 10.0.0.2", mptcp.Endpoint{Addr: netip.MustParseAddr("10.0.0.2")}, 0},
		{mptcp.CmdDelAddr, "id 0 10.0.0.1", mptcp.Endpoint{HasID: true, Addr: netip.MustParseAddr("10.0.0.1")}, 0},
		{mptcp.CmdSetFlags, "10.0.0.1 port 5 nofullmesh", mptcp.Endpoint{Addr: netip.MustParseAddr("10.0.0.1"), Port: 5}, 0},
		{mptcp.CmdAddAddr, "id 3", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdAddAddr, "10.0.0.1 signal fullmesh", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdAddAddr, "10.0.0.1 port 1", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdAddAddr, "10.0.0.1 id 256", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdAddAddr, "frob", mptcp.Endpoint{}, fail.ExitLocal},
		{mptcp.CmdDelAddr, "id 1 10.0.0.1", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdDelAddr, "id 0", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdDelAddr, "", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdSetFlags, "id 1 subflow", mptcp.Endpoint{}, fail.ExitUsage},
		{mptcp.CmdSetFlags, "id 1 port 2 backup", mptcp.Endpoint{}, fail.ExitUsage},
	} {
		p, err := parseEndpoint(testEnv(), c.cmd, strings.Fields(c.args))
		if fail.ExitCode(err) != c.code || err == nil && p.ep != c.want {
			t.Errorf("%d %q: %+v, %v (exit %d)", c.cmd, c.args, p, err, fail.ExitCode(err))
		}
	}
}

func TestParseLimits(t *testing.T) {
	l, err := parseLimits(strings.Fields("sub 3 add_addr_accepted 0x4 subflows 5"))
	if err != nil || l != (mptcp.Limits{Subflows: 5, HasSubflows: true, AddAddrAccepted: 4, HasAddAddrAccepted: true}) {
		t.Errorf("%+v %v", l, err)
	}
	for _, bad := range []string{"subflows", "subflows -1", "frob 1", "add_addr_accepted 4294967296"} {
		if _, err := parseLimits(strings.Fields(bad)); fail.ExitCode(err) != fail.ExitUsage {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestViews(t *testing.T) {
	ep := mptcp.Endpoint{ID: 3, HasID: true, Addr: netip.MustParseAddr("10.0.0.1"), Port: 80, Flags: mptcp.FlagSignal | mptcp.FlagBackup | mptcp.FlagImplicit}
	txt := format.NewText(format.Normal, false)
	(&endpointView{ep: ep}).Fields(format.NewTextFields(txt))
	if got := string(*txt.Bytes()); got != "10.0.0.1 port 80 id 3 signal backup rawflags 10 \n" {
		t.Errorf("text %q", got)
	}
	j := format.NewJSONWriter(false)
	j.StartObject()
	(&endpointView{ep: ep}).Fields(format.NewJSONFields(j, format.Normal))
	j.EndObject()
	if got := string(j.Bytes()); got != `{"address":"10.0.0.1","port":80,"id":3,"signal":true,"backup":true,"rawflags":"10"}` {
		t.Errorf("JSON %s", got)
	}
}

// FuzzGrammar: any words give an endpoint, limits or an error, never a
// panic (device words are left out: they ask the kernel).
func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"10.0.0.1 id 5 signal port 80", "id 0 2001:db8::1", "subflows 3 add_addr_accepted 4", "id", "fullmesh signal"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		for _, w := range words {
			if strings.HasPrefix("dev", w) {
				return
			}
		}
		for _, cmd := range []mptcp.Cmd{mptcp.CmdAddAddr, mptcp.CmdDelAddr, mptcp.CmdSetFlags, mptcp.CmdGetAddr} {
			if p, err := parseEndpoint(testEnv(), cmd, words); err == nil {
				if _, err := p.ep.Attrs(nil); err != nil {
					t.Fatal(err)
				}
			}
		}
		parseLimits(words)
	})
}
