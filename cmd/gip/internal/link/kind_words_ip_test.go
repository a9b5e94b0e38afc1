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
// both tools by TestKindWordsMatchIP. Each kind's file of cases
// (kind_KIND_words_test.go) adds its own in an init.
var kindWordCases = map[string][]wordCase{}

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
			if d := requestDiff(ip.request, gipReq, ipDefaults[kind]); d != "" {
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
