package app

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/testenv"
)

// classifierCase is one filter kind's comparison with tc: the lines that
// build filters (run by tc in one namespace, by gip tc in another) and
// the listings compared on both. The host kernel lacks these kinds; the
// vm tier has them.
type classifierCase struct {
	feature testenv.Feature
	setup   []string
	shows   []string
}

var classifierCases = map[string]classifierCase{
	"fw": {testenv.FilterFW, []string{
		"qdisc add dev v0 root handle 1: htb",
		"filter add dev v0 parent 1: protocol ip prio 1 handle 5 fw classid 1:1",
		"filter add dev v0 parent 1: protocol ip prio 2 handle 6/0xff fw classid 1:2 indev v1",
		"filter add dev v0 parent 1: protocol ip prio 3 handle 7 fw action drop",
		"filter add dev v0 parent 1: protocol ip prio 5 handle 0x10/0xf0 fw flowid 1:4",
		"filter add dev v0 parent 1: protocol ip prio 6 handle 8 fw classid 1:3 action mirred egress redirect dev v1",
		"filter add dev v0 parent 1: protocol ip prio 7 handle 9 fw",
		"filter add dev v0 parent 1: protocol ip prio 8 handle 0x20/0xf0 fw classid 1:5",
		"filter replace dev v0 parent 1: protocol ip prio 1 handle 5 fw classid 1:6",
		"filter add dev v0 parent 1: protocol ip prio 1 handle 0x11 fw classid 1:7 indev v3",
	}, []string{
		"filter show dev v0", "-s filter show dev v0", "filter show dev v0 prio 2", "-j filter show dev v0",
		"filter get dev v0 parent 1: protocol ip prio 1 handle 5 fw",
		"-j filter get dev v0 parent 1: protocol ip prio 8 handle 0x20 fw",
	}},
	"route": {testenv.FilterRoute, []string{
		"qdisc add dev v0 root handle 1: htb",
		"filter add dev v0 parent 1: protocol ip prio 10 route to 5 classid 1:1",
		"filter add dev v0 parent 1: protocol ip prio 10 route from 3 to cosmos classid 1:2",
		"filter add dev v0 parent 1: protocol ip prio 11 route fromif v1 to 2 flowid 1:3",
		"filter add dev v0 parent 1: protocol ip prio 12 route to 7 order 3 classid 1:4",
		"filter add dev v0 parent 1: protocol ip prio 13 route from 4 action drop",
		"filter add dev v0 parent 1: protocol ip prio 14 route",
		"filter add dev v0 parent 1: protocol ip prio 15 handle 0x10005 route to 5 from 1 classid 1:6",
		"filter add dev v0 parent 1: protocol ip prio 16 route fromif v1 classid 1:7",
	}, []string{
		"filter show dev v0", "-s filter show dev v0", "filter show dev v0 prio 10", "-j filter show dev v0",
		"filter get dev v0 parent 1: protocol ip prio 15 handle 0x10005 route",
	}},
	"basic": {testenv.FilterBasic, []string{
		"qdisc add dev v0 root handle 1: htb",
		"filter add dev v0 parent 1: protocol ip prio 20 basic match 'cmp(u8 at 0 layer 1 eq 1)' classid 1:1",
		"filter add dev v0 parent 1: protocol ip prio 21 basic match 'cmp(u16 at 2 layer network mask 0xff00 gt 20) and not meta(nf_mark gt 24)' classid 1:2",
		"filter add dev v0 parent 1: protocol ip prio 22 basic match 'u32(u16 0x1122 0xffff at nexthdr+4) or (cmp(u32 at 4 layer 2 trans lt 5) and meta(dev shift 1 eq \"ppp\"))' flowid 1:3",
		"filter add dev v0 parent 1: protocol ip prio 23 basic match 'meta(priority mask 0xf0 eq 0x10) and meta(tc_index eq 3)' action drop",
		"filter add dev v0 parent 1: protocol ip prio 24 basic match 'not (cmp(u8 at 0 eq 1) or (u32(u8 1 0xff at 3) and not meta(vlan eq 2)))' classid 1:4",
		"filter add dev v0 parent 1: protocol ip prio 25 handle 9 basic classid 1:4",
		"filter add dev v0 parent 1: protocol ip prio 26 basic",
		"filter add dev v0 parent 1: protocol ip prio 27 basic match cmp ( u8 at 0 eq 1 ) classid 1:5",
		"filter add dev v0 parent 1: protocol ip prio 28 basic match 'meta(sk_bind_if eq \"\\x01b\") or meta(fwmark eq 5) and meta(rt_iif eq 3)' classid 1:6",
		"filter add dev v0 parent 1: protocol ip prio 29 basic match 'meta(dev eq \"lo\")'",
		"filter add dev v0 parent 1: protocol ip prio 30 basic match '(cmp(u8 at 0 eq 1) and (cmp(u8 at 1 eq 2) or cmp(u8 at 2 eq 3))) or (meta(random lt 100))' classid 1:7",
		"filter add dev v0 parent 1: protocol ip prio 31 basic match 'meta(pkt_len gt 100)' action mirred egress redirect dev v1",
		"filter add dev v0 parent 1: protocol ip prio 32 basic match 'meta(loadavg_1 lt 5) AND NOT u32(u32 0x0a000001 0xffffffff at 16)' classid 1:8",
		"filter add dev v0 parent 1: protocol ip prio 33 basic match 'meta(7 eq protocol) or meta(\"eth0\" eq dev)' classid 1:9",
		"filter add dev v0 parent 1: protocol ip prio 34 basic match 'cmp(u32 at 8 mask 0xffffffff eq -2)' classid 1:a",
	}, []string{
		"filter show dev v0", "-s filter show dev v0", "filter show dev v0 prio 21", "-j filter show dev v0",
		"filter get dev v0 parent 1: protocol ip prio 25 handle 9 basic",
	}},
	"flow": {testenv.FilterFlow, []string{
		"qdisc add dev v0 root handle 1: htb",
		"filter add dev v0 parent 1: protocol ip prio 51 handle 3 flow map key mark addend 10 divisor 16 baseclass 1:10",
		"filter add dev v0 parent 1: protocol ip prio 50 flow hash keys src,dst divisor 1024",
		"filter add dev v0 parent 1: protocol ip prio 52 handle 4 flow hash keys src,dst,proto,proto-src,proto-dst,iif,priority,mark,rt-classid,sk-uid,sk-gid,vlan-tag,rxhash perturb 10 divisor 256 match 'cmp(u8 at 0 eq 1)' baseclass 1:1",
		"filter add dev v0 parent 1: protocol ip prio 53 handle 5 flow map key dst and 0xff xor 3 rshift 2 addend -10.0.0.1 divisor 64 action drop",
		"filter add dev v0 parent 1: protocol ip prio 54 handle 6 flow map key src or 0x10 divisor 8",
		"filter add dev v0 parent 1: protocol ip prio 55 handle 7 flow hash keys nfct-src,nfct-dst divisor 8",
		"filter add dev v0 parent 1: protocol ip prio 56 handle 8 flow map key proto-src addend 192.168.0.1 divisor 8 baseclass 1:2",
	}, []string{
		"filter show dev v0", "-s filter show dev v0", "filter show dev v0 prio 52", "-j filter show dev v0",
		"filter get dev v0 parent 1: protocol ip prio 51 handle 3 flow",
	}},
}

// stripTimes masks the indexes and ages of actions (maskTimes),
// which a slow machine may see tick between two listings.
func stripTimes(s string) string { return maskTimes(stripIndex(s)) }

// splitQuoted cuts a command line at blanks, keeping what single quotes
// enclose as one word.
func splitQuoted(line string) []string {
	var words []string
	var w strings.Builder
	quoted, inWord := false, false
	for _, c := range line {
		switch {
		case c == '\'':
			quoted, inWord = !quoted, true
		case c == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
			}
			inWord = false
		default:
			w.WriteRune(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// TestTCClassifierMatchesTC builds filters of the fw, route and basic
// kinds with tc in one namespace and gip tc in another, then compares
// the listings of both tools on both. JSON compares by value where tc's
// is JSON; where tc 6.1 prints text inside it (these kinds' options),
// gip's must parse.
func TestTCClassifierMatchesTC(t *testing.T) {
	for name, c := range classifierCases {
		t.Run(name, func(t *testing.T) {
			byTC, byGip := tcNS(t), tcNS(t)
			for i, line := range c.setup {
				w := splitQuoted(line)
				ref := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
				if i == 1 && strings.Contains(ref.Stderr, "classifier not found") {
					testenv.Missing(t, c.feature, "%s", ref.Stderr)
				}
				if strings.Contains(line, "basic match") && strings.Contains(ref.Stderr, "ematch") && strings.Contains(ref.Stderr, "not found") {
					testenv.Missing(t, testenv.Ematch, "%s", ref.Stderr)
				}
				got := gip(t, append([]string{"tc", "-n", byGip}, w...)...)
				if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
					t.Errorf("tc %s:\n gip exit %d %q %q\n  tc exit %d %q %q", line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
				}
			}
			for _, line := range c.shows {
				w := splitQuoted(line)
				for _, ns := range []string{byTC, byGip} {
					ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
					got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
					if got.code != ref.code || got.Stderr != ref.Stderr {
						t.Errorf("tc %s: gip exit %d %q, tc exit %d %q", line, got.code, got.Stderr, ref.code, ref.Stderr)
					}
					if strings.HasPrefix(line, "-j") {
						var a, b any
						if err := json.Unmarshal([]byte(maskTimes(got.Stdout)), &b); err != nil {
							t.Errorf("gip tc %s: not JSON: %v\n%s", line, err, got.Stdout)
							continue
						}
						if json.Unmarshal([]byte(maskTimes(ref.Stdout)), &a) == nil && !reflect.DeepEqual(a, b) {
							t.Errorf("tc %s: JSON differs\n tc:  %s\n gip: %s", line, ref.Stdout, got.Stdout)
						}
						continue
					}
					compareLines(t, "tc "+line, stripTimes(ref.Stdout), stripTimes(got.Stdout))
				}
				if strings.Contains(line, "-s") {
					continue // action times differ between the namespaces
				}
				a := tool(t, "tc", append([]string{"-n", byTC}, w...)...)
				b := tool(t, "tc", append([]string{"-n", byGip}, w...)...)
				compareLines(t, "tc "+line+" (built by tc, by gip)", stripIndex(a.Stdout), stripIndex(b.Stdout))
			}
		})
	}
}

// TestTCClassifierJSON checks the JSON gip prints where tc 6.1 prints
// text: the keys later tc uses for fw and route, basic's tree on one
// line.
func TestTCClassifierJSON(t *testing.T) {
	ns := tcNS(t)
	mustGip(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "1:", "htb")
	r := gip(t, "tc", "-n", ns, "filter", "add", "dev", "v0", "parent", "1:", "protocol", "ip", "prio", "1", "handle", "6/0xff", "fw", "classid", "1:2", "indev", "v1")
	if strings.Contains(r.Stderr, "classifier not found") {
		testenv.Missing(t, testenv.FilterFW, "%s", r.Stderr)
	}
	for _, line := range []string{
		"filter add dev v0 parent 1: protocol ip prio 2 route from 3 to 5 classid 1:3",
		"filter add dev v0 parent 1: protocol ip prio 3 basic match 'cmp(u8 at 0 eq 1) and not (meta(nf_mark gt 24) or u32(u8 1 0xff at 3))' classid 1:4",
	} {
		r := gip(t, append([]string{"tc", "-n", ns}, splitQuoted(line)...)...)
		if strings.Contains(r.Stderr, "classifier not found") {
			testenv.Missing(t, testenv.FilterBasic, "%s", r.Stderr)
		}
		if r.code != 0 {
			t.Fatalf("gip tc %s: exit %d %s", line, r.code, r.Stderr)
		}
	}
	r = gip(t, "tc", "-n", ns, "-j", "filter", "show", "dev", "v0")
	var filters []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &filters); err != nil {
		t.Fatalf("gip tc -j filter show: %v\n%s", err, r.Stdout)
	}
	want := map[string]string{
		"fw":    `{"classid":"1:2","fw":{"mark":"0x6","mask":"0xff"},"indev":"v1"}`,
		"route": `{"fh":"0x30005","flowid":"1:3","from":"3","to":"5"}`,
		"basic": `{"ematch":"cmp(u8 at 0 layer 1 eq 1) AND NOT (meta(nf_mark gt 24) OR u32(00000001/000000ff at 0))","flowid":"1:4","handle":"1"}`,
	}
	for _, f := range filters {
		o, ok := f["options"]
		if !ok {
			continue
		}
		b, _ := json.Marshal(o)
		if w := want[f["kind"].(string)]; string(b) != w {
			t.Errorf("%s options: %s, want %s", f["kind"], b, w)
		}
	}
}

// classifierErrors are lines tc refuses before it asks the kernel: they
// compare on any kernel.
var classifierErrors = []string{
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at 0 eq)'",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u9 at 0 eq 1)'",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(foo eq 1)'",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(foo eq 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(dev eq 1)'",
	"filter add dev v0 parent 1: prio 5 basic match 'foo(a)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at 0 eq 1'",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at 0 eq 1) and'",
	"filter add dev v0 parent 1: prio 5 basic match 'u32(u8 0x100 0xff at 0)'",
	"filter add dev v0 parent 1: prio 5 basic match 'u32(u8 1 0xff at 0 x)'",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at 0 layer 9 eq 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match cmp ( u8 at 0 layer 9 eq 1 ) classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match cmp ( u8 at 0 layer 9 eq 1 )",
	"filter add dev v0 parent 1: prio 5 basic match cmp ( u8 at 0 eq 1 ) and 'meta(list)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(nf_mark eq 1 x)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(nf_mark shift x eq 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(nf_mark)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(nf_mark eq)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(nf_mark foo 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(sk_bind_if eq \"a\\400\")' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'meta(sk_bind_if eq \"a\\9\")' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'u32(u16 1 2 3)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'u32(u16 1 2 at 3)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'u32(u16 x 2 at 3)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'u32(u16 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at 0 foo)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at x eq 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match '(cmp(u8 at 1 eq 1) or not cmp(u8 at 2 eq 3 x))' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp(u8 at 1 eq 1))' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'not not cmp(u8 at 1 eq 1)' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match 'cmp()' classid 1:1",
	"filter add dev v0 parent 1: prio 5 basic match", "filter add dev v0 parent 1: prio 5 basic foo",
	"filter add dev v0 parent 1: prio 5 basic help", "filter add dev v0 parent 1: prio 5 handle 99999999999999999999 basic",
	"filter add dev v0 parent 1: prio 5 basic classid zz", "filter add dev v0 parent 1: prio 5 basic action",
	"filter add dev v0 parent 1: prio 5 basic action foo",
	"filter add dev v0 parent 1: prio 5 fw foo", "filter add dev v0 parent 1: prio 5 handle x fw",
	"filter add dev v0 parent 1: prio 5 handle 1/x fw", "filter add dev v0 parent 1: prio 5 fw classid zz",
	"filter add dev v0 parent 1: prio 5 fw indev", "filter add dev v0 parent 1: prio 5 fw action foo",
	"filter add dev v0 parent 1: prio 5 fw help",
	"filter add dev v0 parent 1: prio 5 route to x", "filter add dev v0 parent 1: prio 5 route from 256",
	"filter add dev v0 parent 1: prio 5 route fromif nosuch", "filter add dev v0 parent 1: prio 5 route order x",
	"filter add dev v0 parent 1: prio 5 route foo", "filter add dev v0 parent 1: prio 5 route help",
	"filter add dev v0 parent 1: prio 5 route to", "filter add dev v0 parent 1: prio 5 handle x route",
	"filter add dev v0 parent 1: prio 5 route action foo",
	"filter add dev v0 parent 1: prio 5 handle 1 flow keys foo", "filter add dev v0 parent 1: prio 5 handle 1 flow hash keys src,,dst",
	"filter add dev v0 parent 1: prio 5 handle 1 flow keys src,dst", "filter add dev v0 parent 1: prio 5 handle 1 flow addend x",
	"filter add dev v0 parent 1: prio 5 handle 1 flow keys mark addend 10.0.0.1", "filter add dev v0 parent 1: prio 5 handle 1 flow baseclass 1:0",
	"filter add dev v0 parent 1: prio 5 handle 1 flow help", "filter add dev v0 parent 1: prio 5 handle 1 flow foo",
	"filter add dev v0 parent 1: prio 5 handle 1 flow divisor x", "filter add dev v0 parent 1: prio 5 handle 1 flow and x",
	"filter add dev v0 parent 1: prio 5 handle x flow", "filter add dev v0 parent 1: prio 5 handle 1 flow hash keys src match 'cmp(u8 at 0)' divisor 2",
}

func TestTCClassifierErrorsMatchTC(t *testing.T) {
	ns := tcNS(t)
	must(t, "tc", "-n", ns, "qdisc", "add", "dev", "v0", "root", "handle", "1:", "htb")
	for _, line := range classifierErrors {
		w := splitQuoted(line)
		ref := tool(t, "tc", append([]string{"-n", ns}, w...)...)
		got := gip(t, append([]string{"tc", "-n", ns}, w...)...)
		if got.code != ref.code || got.Stderr != ref.Stderr || got.Stdout != ref.Stdout {
			t.Errorf("tc %s:\n gip exit %d stderr %q stdout %q\n  tc exit %d stderr %q stdout %q",
				line, got.code, got.Stderr, got.Stdout, ref.code, ref.Stderr, ref.Stdout)
		}
	}
}
