package fou

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/fou"
	"golang.org/x/sys/unix"
)

func testEnv() *env.Env { return &env.Env{G: &env.Global{}} }

func TestParse(t *testing.T) {
	for _, c := range []struct {
		add       bool
		args      string
		want      fou.Mapping
		complaint string
		code      int
	}{
		{true, "port 5555 ipproto 4", fou.Mapping{Port: 5555, HasPort: true, IPProto: 4, HasIPProto: true, Encap: fou.EncapDirect, HasEncap: true, Family: unix.AF_INET, HasFamily: true}, "", 0},
		{true, "p 0x10 ipproto gre -6", fou.Mapping{Port: 16, HasPort: true, IPProto: 47, HasIPProto: true, Encap: fou.EncapDirect, HasEncap: true, Family: unix.AF_INET6, HasFamily: true}, "", 0},
		{true, "port 1 gue local 127.0.0.1 peer 127.0.0.2 peer_port 9", fou.Mapping{Port: 1, HasPort: true, Encap: fou.EncapGUE, HasEncap: true, Family: unix.AF_INET, HasFamily: true,
			Local: netip.MustParseAddr("127.0.0.1"), Peer: netip.MustParseAddr("127.0.0.2"), PeerPort: 9}, "", 0},
		{false, "port 7", fou.Mapping{Port: 7, HasPort: true, Encap: fou.EncapDirect, HasEncap: true, Family: unix.AF_INET, HasFamily: true}, "", 0},
		{true, "port 7", fou.Mapping{}, "fou: must set ipproto or gue", 0},
		{true, "gue", fou.Mapping{}, "fou: missing port", 0},
		{false, "", fou.Mapping{}, "fou: missing port", 0},
		{true, "port 7 gue ipproto 4", fou.Mapping{}, "fou: cannot set ipproto and gue", 0},
		{true, "port 7 gue peer 1.2.3.4", fou.Mapping{}, "fou: both peer and peer port must be set", 0},
		{true, "port 7 gue peer_port 4", fou.Mapping{}, "fou: both peer and peer port must be set", 0},
		{true, "port 0 gue", fou.Mapping{}, "", fail.ExitUsage},
		{true, "port 65536 gue", fou.Mapping{}, "", fail.ExitUsage},
		{true, "port 1 ipproto 0", fou.Mapping{}, "", fail.ExitUsage},
		{true, "port 1 ipproto nosuch", fou.Mapping{}, "", fail.ExitUsage},
		{true, "port 1 gue frob", fou.Mapping{}, "", fail.ExitUsage},
		{true, "port", fou.Mapping{}, "", fail.ExitUsage},
		{true, "port 1 gue local x", fou.Mapping{}, "", fail.ExitLocal},
		{true, "port 1 gue local 2001:db8::1", fou.Mapping{}, "", fail.ExitLocal},
		{true, "port 1 gue dev a/b", fou.Mapping{}, "", fail.ExitLocal},
	} {
		ch, err := parse(testEnv(), c.add, strings.Fields(c.args))
		if fail.ExitCode(err) != c.code || err == nil && (ch.m != c.want || ch.complaint != c.complaint) {
			t.Errorf("%v %q: %+v, %v (exit %d)", c.add, c.args, ch, err, fail.ExitCode(err))
		}
	}
}

func TestView(t *testing.T) {
	m := fou.Mapping{Port: 5559, HasPort: true, Encap: fou.EncapGUE, HasEncap: true, Family: unix.AF_INET6, HasFamily: true,
		IPProto: 0, HasIPProto: true, Local: netip.MustParseAddr("2001:db8::1"), Peer: netip.IPv6Unspecified(), PeerPort: 0}
	txt := format.NewText(format.Normal, false)
	(&view{m: m}).Fields(format.NewTextFields(txt))
	if got := string(*txt.Bytes()); got != "port 5559 gue -6 local 2001:db8::1\n" {
		t.Errorf("text %q", got)
	}
	j := format.NewJSONWriter(false)
	j.StartObject()
	(&view{m: m}).Fields(format.NewJSONFields(j, format.Normal))
	j.EndObject()
	if got := string(j.Bytes()); got != `{"port":5559,"gue":null,"family":"inet6","local":"2001:db8::1"}` {
		t.Errorf("JSON %s", got)
	}
}

// FuzzGrammar: any words give a port, a complaint or an error, never a
// panic (device words are left out: they ask the kernel).
func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"port 5555 ipproto 4", "port 1 gue local 127.0.0.1 peer 127.0.0.2 peer_port 9 -6", "gue", "port 0x10 ipproto gre", "peer_port"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		for _, w := range words {
			if strings.HasPrefix("dev", w) {
				return
			}
		}
		for _, add := range []bool{true, false} {
			if c, err := parse(testEnv(), add, words); err == nil {
				if _, err := c.m.Attrs(nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
