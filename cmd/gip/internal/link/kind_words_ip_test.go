package link

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// wordCase is a kind's words after "type KIND", with ip's options.
type wordCase struct {
	options []string
	words   string
}

// kindWordCases are, per kind, words ip takes or refuses, each run by
// both tools: abbreviations resolved in ip's order, duplicates, the
// checks of the whole (vni, external, vnifilter, remote, group and dev),
// address families, what an add sends unasked (vxlan's learning,
// geneve's ttl, tos and label), ip's warning without a vxlan dstport,
// gpe's port, -4 and -6.
var kindWordCases = map[string][]wordCase{"vxlan": vxlanWordCases, "geneve": geneveWordCases}

var vxlanWordCases = []wordCase{
	{words: "id 5 dstport 4789"}, {words: "id 5"}, {words: "dstport 4789"},
	{words: "external dstport 4789"}, {words: "external vnifilter dstport 4789"}, {words: "vnifilter dstport 4789"},
	{words: "id 5 dstport 4789 external"}, {words: "external learning dstport 4789"}, {words: "learning external dstport 4789"},
	{words: "id 5 dstport 4789 novnifilter"}, {words: "id 5 dstport 4789 noexternal"}, {words: "external noexternal id 5 dstport 0"},
	{words: "id 5 dstport 4789 group 239.1.1.1"}, {words: "id 5 dstport 4789 group 239.1.1.1 dev eth7"},
	{words: "id 5 dstport 4789 remote 10.0.0.1 group 239.1.1.1"}, {words: "id 5 dstport 4789 group 239.1.1.1 remote 10.0.0.1"},
	{words: "id 5 dstport 4789 remote 10.0.0.1 remote 10.0.0.2"}, {words: "id 5 dstport 4789 local 10.0.0.1 local 10.0.0.2"},
	{words: "id 5 dstport 4789 local 224.0.0.1"}, {words: "id 5 dstport 4789 local any"}, {words: "id 5 dstport 4789 remote 239.1.1.1"},
	{words: "id 5 dstport 4789 group 10.0.0.1"}, {words: "id 5 dstport 4789 remote 2001:db8::1 local 10.0.0.1"},
	{words: "id 5 dstport 4789 local 2001:db8::2 remote 2001:db8::1"},
	{words: "id 5 dstport 4789 id 6"}, {words: "vni 5 dstport 4789 i 6"}, {words: "id 5 dstport 4789 learning learning"},
	{words: "id 5 dstport 4789 nolearning learning"}, {words: "id 5 dstport 4789 no"}, {words: "id 5 dstport 4789 gbp gbp"},
	{words: "id 5 dstport 4789 udpcsum noudpcsum"}, {words: "id 5 dstport 4789 proxy rsc l2miss l3miss remcsumtx remcsumrx"},
	{words: "id 5 dstport 4789 noproxy norsc nol2miss nol3miss noremcsumtx noremcsumrx noudp6zerocsumtx udp6zerocsumrx"},
	{words: "id 5 dstport 4789 ttl 300"}, {words: "id 5 dstport 4789 ttl 64"}, {words: "id 5 dstport 4789 hoplimit auto"},
	{words: "id 5 dstport 4789 ttl inherit"}, {words: "id 5 dstport 4789 ttl x"}, {words: "id 5 dstport 4789 tos 0x20 tos 0x10"},
	{words: "id 5 dstport 4789 tos inherit"}, {words: "id 5 dstport 4789 dsfield 10"}, {words: "id 5 dstport 4789 df set df unset"},
	{words: "id 5 dstport 4789 df maybe"}, {words: "id 5 dstport 4789 flowlabel 0x12345"}, {words: "id 5 dstport 4789 label 0x123456"},
	{words: "id 5 dstport 4789 ageing none"}, {words: "id 5 dstport 4789 ageing x"}, {words: "id 5 dstport 4789 maxaddress unlimited"},
	{words: "id 5 dstport 4789 maxaddr 5"}, {words: "id 5 dstport 4789 maxaddress x"}, {words: "id 5 dstport 4789 srcport 10 20"},
	{words: "id 5 dstport 4789 srcport 0 0"}, {words: "id 5 dstport 4789 srcport x 1"}, {words: "id 5 dstport 4789 srcport 1 x"},
	{words: "id 5 port 4789"}, {words: "id 5 port 10 20 dstport 0"}, {words: "id 5 dstport 70000"}, {words: "id 5 dstport 0"},
	{words: "id 5 gpe"}, {words: "id 5 dstport 4789 gpe"}, {words: "id 16777216 dstport 4789"}, {words: "id 5 dstport 4789 bogus"},
	{words: "id 5 dstport 4789 help"}, {words: "id 5 dstport 4789 dev nosuch"}, {words: "id 5 dstport 4789 dev eth7 dev eth7"},
	{words: "id"}, {words: "id 5 dstport"},
	{options: []string{"-6"}, words: "id 5 dstport 4789"}, {options: []string{"-4"}, words: "id 5 dstport 4789"},
	{options: []string{"-6"}, words: "id 5 dstport 4789 local 10.0.0.1"},
}

var geneveWordCases = []wordCase{
	{words: "id 5 remote 10.0.0.1"}, {words: "id 5"}, {words: "remote 10.0.0.1"}, {words: "external"},
	{words: "id 5 external"}, {words: "external noexternal"}, {words: "noexternal id 5 remote 10.0.0.1"},
	{words: "id 5 remote 10.0.0.1 id 6"}, {words: "vni 5 r 10.0.0.1 i 6"}, {words: "id 16777216 remote 10.0.0.1"},
	{words: "id 5 remote 239.0.0.1"}, {words: "id 5 remote any"}, {words: "id 5 remote x"}, {words: "id 5 remote 2001:db8::1"},
	{words: "id 5 remote 10.0.0.1 remote 10.0.0.2"}, {words: "id 5 remote 10.0.0.1 ttl 300"}, {words: "id 5 remote 10.0.0.1 ttl inherit"},
	{words: "id 5 remote 10.0.0.1 hoplimit 9"}, {words: "id 5 remote 10.0.0.1 ttl auto"}, {words: "id 5 remote 10.0.0.1 tos 0x10 tos 0x20"},
	{words: "id 5 remote 10.0.0.1 tos inherit"}, {words: "id 5 remote 10.0.0.1 dsfield zz"}, {words: "id 5 remote 10.0.0.1 df set"},
	{words: "id 5 remote 10.0.0.1 df x"}, {words: "id 5 remote 2001:db8::1 flowlabel 0x10"}, {words: "id 5 remote 10.0.0.1 label 0x100000"},
	{words: "id 5 remote 10.0.0.1 dstport 1000 dstport 2000"}, {words: "id 5 remote 10.0.0.1 dstport 0"}, {words: "id 5 remote 10.0.0.1 dstport x"},
	{words: "id 5 remote 10.0.0.1 udpcsum noudpcsum"}, {words: "id 5 remote 10.0.0.1 noudpcsum udp6zerocsumtx noudp6zerocsumrx"},
	{words: "id 5 remote 10.0.0.1 innerprotoinherit"}, {words: "id 5 remote 10.0.0.1 innerprotoinherit innerprotoinherit"},
	{words: "id 5 remote 10.0.0.1 inner"}, {words: "id 5 remote 10.0.0.1 bogus"}, {words: "id 5 remote 10.0.0.1 help"},
	{words: "id 5 remote 10.0.0.1 no"}, {words: "id"}, {options: []string{"-6"}, words: "id 5 remote 2001:db8::1"},
}

// TestKindWordsMatchIP runs each case with ip (under strace) and with
// gip on a fake kernel: what ip sends, gip sends (attribute by
// attribute); what ip refuses before sending, gip refuses with the same
// message and exit status; ip's warnings are gip's.
func TestKindWordsMatchIP(t *testing.T) {
	testenv.NeedTools(t, "ip", "strace")
	for kind, cases := range kindWordCases {
		t.Run(kind, func(t *testing.T) {
			for _, c := range cases {
				kindWordsMatchIP(t, kind, c)
			}
		})
	}
}

func kindWordsMatchIP(t *testing.T, kind string, c wordCase) {
	t.Helper()
	{
		name := strings.Join(append(append([]string{}, c.options...), c.words), " ")
		args := append([]string{"add", "kx0", "type", kind}, strings.Fields(c.words)...)
		ip := ipLinkRun(t, nil, c.options, args)
		ev, k, _ := fakeKernel(t, [][]byte{eth7()})
		var stderr bytes.Buffer
		ev.Stderr = &stderr
		for _, o := range c.options {
			ev.G.Family = map[string]uint8{"-4": unix.AF_INET, "-6": unix.AF_INET6}[o]
		}
		err := Object().Verb("add").Run(ev, args[1:])
		fail.Report(&stderr, "ip", err)
		gipReq := request(k)
		switch {
		case ip.request != nil && gipReq == nil:
			t.Errorf("%s: ip sends %x, gip refuses: %s", name, ip.request, stderr.String())
		case ip.request != nil:
			if d := requestDiff(ip.request, gipReq, nil); d != "" {
				t.Errorf("%s: gip's request differs from ip's: %s\n ip:  %x\n gip: %x", name, d, ip.request, gipReq)
			}
			// ip's own words before it sent (its warning); a kernel
			// refusal of the request (the fake kernel takes it) is not gip's
			if ip.code == 0 && stderr.String() != ip.stderr {
				t.Errorf("%s: gip says %q, ip %q", name, stderr.String(), ip.stderr)
			}
		case gipReq != nil:
			t.Errorf("%s: ip refuses (exit %d, %q), gip sends %x", name, ip.code, ip.stderr, gipReq)
		case stderr.String() != ip.stderr || fail.ExitCode(err) != ip.code:
			t.Errorf("%s:\n gip exit %d %q\n ip  exit %d %q", name, fail.ExitCode(err), stderr.String(), ip.code, ip.stderr)
		}
	}
}

// TestKindChangeWords: ip link set ... type vxlan requires no vni, warns
// of no port and sends learning only when given; a geneve change sends
// ttl, tos and label only when given.
func TestKindChangeWords(t *testing.T) {
	for _, c := range []struct {
		words    string
		learning rtnl.Opt[uint8]
	}{
		{words: "ttl 5"}, {words: "nolearning", learning: rtnl.Some(uint8(0))}, {words: "external"},
	} {
		var stderr bytes.Buffer
		e := &env.Env{G: &env.Global{}, Stderr: &stderr}
		k, err := parseKind(e, "vxlan", strings.Fields(c.words), nil, true)
		if err != nil {
			t.Errorf("%s: %v", c.words, err)
			continue
		}
		x := k.spec.Data.(*rtnl.Vxlan)
		if x.Learning != c.learning || x.Port.Set || stderr.Len() > 0 {
			t.Errorf("%s: learning %v, port %v, warning %q", c.words, x.Learning, x.Port, stderr.String())
		}
	}
	k, err := parseKind(&env.Env{G: &env.Global{}}, "geneve", []string{"id", "5", "ttl", "9"}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if g := k.spec.Data.(*rtnl.Geneve); g.TTL != rtnl.Some(uint8(9)) || g.TOS.Set || g.Label.Set || g.Remote.Set {
		t.Errorf("geneve change: %+v", g)
	}
}
