package tunnel

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/iptunnel"
	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// testEnv is an environment whose link names resolve to nothing: "dev"
// fails as for a device that does not exist, without asking a kernel.
func testEnv() *env.Env {
	e := &env.Env{Prog: "gip", G: &env.Global{}, Stdout: io.Discard, Stderr: io.Discard}
	e.UseLinks(env.NewLinks(func() (*nl.Conn, error) { return nil, errNoKernel }))
	return e
}

var errNoKernel = errors.New("no kernel in this test")

// noGet is the getter of a parse that must not read a tunnel.
func noGet(string, *iptunnel.Parm) error   { return errNoKernel }
func noGet6(string, *iptunnel.Parm6) error { return errNoKernel }

// FuzzParse4 reads arbitrary words of the IPv4 verbs: refused with an exit
// status or read, never a panic; a block read has a name that fits
// IFNAMSIZ and keeps GRE keys to modes that have them (or to the
// multicast remote ip turns into keys).
func FuzzParse4(f *testing.F) {
	for _, s := range []string{
		"gre1 mode gre remote 192.0.2.2 local 192.0.2.1 ttl 64 key 5 seq csum",
		"name t1 mode vti ikey 1.2.3.4 okey 9 tos inherit/0x10 nopmtudisc",
		"isatap0 local any ttl inherit dsfield 0x20", "mode sit remote 239.1.1.1 local 1.1.1.1",
		"mode ipip key 3", "mode gre mode ipip", "x y", "help", "d 12", "tos inherit/", "ttl 256",
		"sit1 dev eth0", "", "remote 10", "key 1.2.3.4.5",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, cmd := range []iptunnel.Request{iptunnel.AddTunnel, iptunnel.ChgTunnel, iptunnel.GetTunnel} {
			p, err := parse4(testEnv(), strings.Fields(line), cmd, noGet)
			if err != nil {
				if fail.ExitCode(err) == 0 {
					t.Fatalf("%q: error %v with exit status 0", line, err)
				}
				continue
			}
			if len(p.Name) >= iptunnel.IfNameSize {
				t.Fatalf("%q: name %q too long", line, p.Name)
			}
			if (p.IFlags|p.OFlags)&iptunnel.GREKey != 0 && p.Protocol != unix.IPPROTO_GRE && p.IFlags&iptunnel.VTIIsVTI == 0 && !p.Remote.IsMulticast() {
				t.Fatalf("%q: keys on protocol %d", line, p.Protocol)
			}
		}
	})
}

// FuzzParse6 reads arbitrary words of the IPv6 verbs.
func FuzzParse6(f *testing.F) {
	for _, s := range []string{
		"ip6t1 mode ip6ip6 remote 2001:db8::2 local 2001:db8::1 encaplimit none hoplimit 10 tclass 0x20 flowlabel 0x12345",
		"mode ipip6 dscp inherit allow-localremote tclass inherit flowlabel inherit",
		"name g mode ip6gre key 3 seq noallow-localremote", "mode vti6 encaplimit 300", "flowlabel 0x100000",
		"dscp 1", "mode x", "remote zz", "help", "", "ds 3", "a b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		p := newParm6(true)
		err := parse6(testEnv(), strings.Fields(line), iptunnel.ChgTunnel, &p, noGet6)
		if err != nil {
			if fail.ExitCode(err) == 0 {
				t.Fatalf("%q: error %v with exit status 0", line, err)
			}
			return
		}
		if p.FlowInfo&^(iptunnel.FlowInfoTclass|iptunnel.FlowInfoFlowlabel) != 0 {
			t.Fatalf("%q: flowinfo %#x outside tclass and flow label", line, p.FlowInfo)
		}
	})
}

func TestParse4(t *testing.T) {
	p, err := parse4(testEnv(), strings.Fields("gre1 remote 239.1.1.1 local 192.0.2.1 tos inherit/0x20 seq"), iptunnel.AddTunnel, noGet)
	if err != nil {
		t.Fatal(err)
	}
	// The name gives the mode; a multicast remote is the key of both
	// directions.
	if p.Protocol != unix.IPPROTO_GRE || p.IKey != 0xef010101 || p.OKey != 0xef010101 ||
		p.IFlags != iptunnel.GREKey|iptunnel.GRESeq || p.TOS != 0x21 || p.FragOff != iptunnel.DontFragment {
		t.Errorf("%+v", p)
	}
	p, err = parse4(testEnv(), strings.Fields("isatap7"), iptunnel.GetTunnel, noGet)
	if err != nil || p.Protocol != unix.IPPROTO_IPV6 || p.IFlags != iptunnel.SITIsatap || fallback4(&p) != "sit0" {
		t.Errorf("isatap: %+v %v", p, err)
	}
}

func TestParse4Errors(t *testing.T) {
	for line, want := range map[string]string{
		"mode ipip key 3":       "Keys are not allowed with ipip and sit tunnels",
		"mode gre mode sit":     "You managed to ask for more than one tunnel mode.",
		"gre1 remote 239.0.0.1": "A broadcast tunnel requires a source address",
		"x y":                   `Error: either "name" is duplicate, or "y" is a garbage.`,
		"ttl 256":               "Error: argument \"256\" is wrong: invalid TTL\n",
		"tos zz/3":              `Error: argument "zz" is wrong: bad TOS value`,
		"key -1":                `invalid value for "key": "-1"; it should be an unsigned integer`,
		"remote 1.2.3.4.5":      `Error: an IP address is expected rather than "1.2.3.4.5"`,
		"gre1 dev nosuch":       `Cannot find device "nosuch"`,
		"ttl":                   `Command line is not complete. Try option "help"`,
		"a123456789012345":      `Error: argument "a123456789012345" is wrong: "name" not a valid ifname`,
		"change-me":             "",
	} {
		cmd := iptunnel.AddTunnel
		if line == "change-me" {
			cmd = iptunnel.ChgTunnel
			want = errNoKernel.Error()
		}
		_, err := parse4(testEnv(), strings.Fields(line), cmd, noGet)
		if err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", line, err, want)
		}
	}
}

func TestParse6(t *testing.T) {
	p := newParm6(true)
	err := parse6(testEnv(), strings.Fields("t6 mode ipip6 tclass 0x2a flowlabel 0x12345 encaplimit none dscp inherit allow-localremote key 9"), iptunnel.AddTunnel, &p, noGet6)
	if err != nil {
		t.Fatal(err)
	}
	want := iptunnel.Parm6{
		Name: "t6", Proto: unix.IPPROTO_IPIP, HopLimit: 64, EncapLimit: 4, FlowInfo: 0x02a12345,
		Flags:  iptunnel.IP6IgnEncapLimit | iptunnel.IP6RcvDSCPCopy | iptunnel.IP6AllowLocalRemote,
		IFlags: iptunnel.GREKey, OFlags: iptunnel.GREKey, IKey: 9, OKey: 9,
	}
	if p != want {
		t.Errorf("got  %+v\nwant %+v", p, want)
	}
	if fallback6(&p) != "ip6tnl0" {
		t.Errorf("fallback %s", fallback6(&p))
	}
}
