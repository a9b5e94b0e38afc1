package link

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// ipCannotSend are the kinds whose fixture command ip refuses before it
// sends anything, with the reason.
var ipCannotSend = map[string]string{
	"netkit": "the installed ip (iproute2 6.1) has no netkit: iproute2 6.7 added it",
}

// TestKindRequestsMatchIP compares the request of every kind's fixture
// (what gip sends, checked by TestKindFixtures) with the RTM_NEWLINK ip
// sends for the same command, read off its sendmsg by strace. ip sends
// it whether or not the kernel has the kind, so the kinds no kernel of
// ours has (bareudp, amt, hsr, netkit, ...) are compared too. Two
// spellings differ without meaning anything and are evened out: ip sets
// no NLA_F_NESTED on nested attributes, and writes the kind's name
// without its terminating NUL.
func TestKindRequestsMatchIP(t *testing.T) {
	testenv.NeedTools(t, "ip", "strace")
	files, err := filepath.Glob(filepath.Join("testdata", "kinds", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	sort.Strings(files)
	for _, path := range files {
		kind := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(kind, func(t *testing.T) {
			fx, err := testenv.ReadFixture(path)
			if err != nil {
				t.Fatal(err)
			}
			gipReq, err := hex.DecodeString(strings.TrimSpace(fx.Section("request")))
			if err != nil {
				t.Fatalf("request section: %v", err)
			}
			ipReq, out := ipLinkRequest(t, fx)
			if reason, ok := ipCannotSend[kind]; ok {
				if ipReq != nil {
					t.Fatalf("ip now sends %s's request (%s no longer holds): compare it", kind, reason)
				}
				t.Logf("not compared: %s", reason)
				return
			}
			if ipReq == nil {
				t.Fatalf("ip sent no RTM_NEWLINK for %q: %s", fx.Section("cmd"), out)
			}
			if d := requestDiff(ipReq, gipReq, ipDefaults[kind]); d != "" {
				t.Errorf("%s: gip's request differs from ip's: %s\n ip:  %x\n gip: %x", strings.TrimSpace(fx.Section("cmd")), d, ipReq, gipReq)
			}
		})
	}
}

// ipLinkRequest runs the fixture's command with ip under strace in a
// fresh namespace whose eth7 has ifindex 7 (as the fixtures' fake
// kernel's) and returns the payload of the last RTM_NEWLINK ip sent, nil
// if none, with ip's output.
func ipLinkRequest(t *testing.T, fx *testenv.Fixture) ([]byte, string) {
	t.Helper()
	r := ipLinkRun(t, strings.Split(fx.Section("setup"), "\n"), nil, strings.Fields(fx.Section("cmd")))
	return r.request, r.stdout + r.stderr
}

// ipRun is what ip did with a link command: the payload of the last
// RTM_NEWLINK it sent (nil if none), its output and its exit status.
type ipRun struct {
	request        []byte
	stdout, stderr string
	code           int
}

// ipLinkRun runs ip [OPTIONS] link ARGS under strace in a fresh namespace
// whose eth7 has ifindex 7, after the ip commands of setup.
func ipLinkRun(t *testing.T, setup, options, args []string) ipRun {
	t.Helper()
	ns := nltest.NetNS(t)
	ip := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("ip", append([]string{"-n", ns}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("setup ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	ip("link", "add", "eth7", "index", "7", "type", "veth", "peer", "name", "eth7p")
	for _, line := range setup {
		if f := strings.Fields(line); len(f) > 0 {
			ip(f...)
		}
	}
	trace := filepath.Join(t.TempDir(), "trace")
	argv := append([]string{"-qq", "-e", "trace=sendmsg,sendto", "-e", "write=all", "-o", trace, "ip", "-n", ns}, options...)
	cmd := exec.Command("strace", append(append(argv, "link"), args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var r ipRun
	if err := cmd.Run(); err != nil { // the kernel may refuse the kind
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("strace: %v", err)
		}
		r.code = ee.ExitCode()
	}
	r.stdout, r.stderr = stdout.String(), stderr.String()
	b, err := os.ReadFile(trace)
	if err != nil {
		t.Fatalf("strace: %v: %s", err, r.stderr)
	}
	for _, buf := range writtenBuffers(string(b)) {
		msgs, _ := nl.ParseMessages(buf)
		for _, m := range msgs {
			// An RTM_NEWLINK without attributes is ip's probe of
			// the kernel's support, not the command.
			if m.Header.Type == unix.RTM_NEWLINK && len(m.Data) > rtnl.IfInfoLen {
				r.request = m.Data
			}
		}
	}
	return r
}

// writtenBuffers are the data of each system call in strace's hex dumps
// (-e write=all): lines " | OFFSET  HEX...  ASCII |", one block a call.
func writtenBuffers(trace string) [][]byte {
	var bufs [][]byte
	var cur []byte
	flush := func() {
		if cur != nil {
			bufs = append(bufs, cur)
			cur = nil
		}
	}
	for _, l := range strings.Split(trace, "\n") {
		switch {
		case strings.HasPrefix(l, " | ") && len(l) > 10:
			h := l[10:min(len(l), 58)]
			b, err := hex.DecodeString(strings.ReplaceAll(h, " ", ""))
			if err != nil {
				continue
			}
			if cur == nil {
				cur = []byte{}
			}
			cur = append(cur, b...)
		default: // a new call, or (" * ") a new buffer of the same one
			flush()
		}
	}
	flush()
	return bufs
}

// requestDiff says where ip's RTM_NEWLINK payload and gip's differ
// beyond the two spellings TestKindRequestsMatchIP evens out; "" when
// they agree.
func requestDiff(ipReq, gipReq []byte, defaults map[string]string) string {
	if len(ipReq) < rtnl.IfInfoLen || len(gipReq) < rtnl.IfInfoLen {
		return "short request"
	}
	if !bytes.Equal(ipReq[:rtnl.IfInfoLen], gipReq[:rtnl.IfInfoLen]) {
		return fmt.Sprintf("ifinfomsg ip %x gip %x", ipReq[:rtnl.IfInfoLen], gipReq[:rtnl.IfInfoLen])
	}
	return attrsDiff("", ipReq[rtnl.IfInfoLen:], gipReq[rtnl.IfInfoLen:], defaults)
}

// attrsDiff compares two attribute lists as sets (ip and gip write them
// in different orders), gip's telling which attributes nest (it sets
// NLA_F_NESTED). An attribute ip sends and gip leaves out is a
// difference unless defaults holds it with ip's value: the kernel's own
// default, which ip spells out.
func attrsDiff(path string, ipB, gipB []byte, defaults map[string]string) string {
	byType := func(b []byte) map[uint16][]rawAttr {
		m := map[uint16][]rawAttr{}
		for _, a := range attrList(b) {
			t := a.typ &^ (unix.NLA_F_NESTED | unix.NLA_F_NET_BYTEORDER)
			m[t] = append(m[t], a)
		}
		return m
	}
	ia, ga := byType(ipB), byType(gipB)
	if path == fmt.Sprintf("/%d", unix.IFLA_LINKINFO) {
		slaveKind(ia, ga)
	}
	types := make([]int, 0, len(ia)+len(ga))
	for t := range ia {
		types = append(types, int(t))
	}
	for t := range ga {
		if _, ok := ia[t]; !ok {
			types = append(types, int(t))
		}
	}
	sort.Ints(types)
	var diffs []string
	for _, ti := range types {
		t := uint16(ti)
		at := fmt.Sprintf("%s/%d", path, t)
		is, gs := ia[t], ga[t]
		switch {
		case len(gs) == 0 && len(is) == 1 && defaults[at] == hex.EncodeToString(is[0].data):
			continue
		case len(gs) == 0:
			diffs = append(diffs, fmt.Sprintf("%s only ip sends (%x)", at, is[0].data))
			continue
		case len(is) == 0:
			diffs = append(diffs, fmt.Sprintf("%s only gip sends (%x)", at, gs[0].data))
			continue
		case len(is) != len(gs):
			diffs = append(diffs, fmt.Sprintf("%s: ip sends it %d times, gip %d", at, len(is), len(gs)))
			continue
		}
		for i := range is {
			switch {
			case gs[i].typ&unix.NLA_F_NESTED != 0:
				if d := attrsDiff(at, is[i].data, gs[i].data, defaults); d != "" {
					diffs = append(diffs, d)
				}
			case path == fmt.Sprintf("/%d", unix.IFLA_LINKINFO) && (t == unix.IFLA_INFO_KIND || t == unix.IFLA_INFO_SLAVE_KIND):
				if string(is[i].data) != strings.TrimRight(string(gs[i].data), "\x00") {
					diffs = append(diffs, fmt.Sprintf("%s: kind %q for ip, %q for gip", at, is[i].data, gs[i].data))
				}
			case !bytes.Equal(is[i].data, gs[i].data):
				diffs = append(diffs, fmt.Sprintf("%s: ip %x, gip %x", at, is[i].data, gs[i].data))
			}
		}
	}
	return strings.Join(diffs, "; ")
}

// slaveKind evens out the one way ip and gip name a port's kind
// differently: `link set DEV type bond_slave` is IFLA_INFO_KIND
// "bond_slave" from ip and IFLA_INFO_SLAVE_KIND "bond" from gip. The
// kernel reads neither: it takes the port's options (IFLA_INFO_SLAVE_DATA)
// to its master's kind.
func slaveKind(ia, ga map[uint16][]rawAttr) {
	ik, gk := ia[unix.IFLA_INFO_KIND], ga[unix.IFLA_INFO_SLAVE_KIND]
	if len(ik) == 1 && len(gk) == 1 && len(ga[unix.IFLA_INFO_KIND]) == 0 &&
		string(ik[0].data) == strings.TrimRight(string(gk[0].data), "\x00")+"_slave" {
		delete(ia, unix.IFLA_INFO_KIND)
		delete(ga, unix.IFLA_INFO_SLAVE_KIND)
	}
}

// ipDefaults are, per kind, the attributes ip sends with the kernel's
// default value where gip sends nothing: path (IFLA_LINKINFO 18 /
// IFLA_INFO_DATA 2 / type) and ip's value in hex. ip's GRE and IP-tunnel
// code sends every field of its parameter block; the kernel takes a
// missing one as the same value: TOS 0 (inherit none), TTL 0 (inherit),
// keys and flags 0, path MTU discovery on (1), no UDP encapsulation
// (type, flags, ports 0; IPv6 tunnels send TUNNEL_ENCAP_FLAG_CSUM6, 0200,
// which no encapsulation reads), firewall mark 0, IPv6 flow label and
// flags 0, ERSPAN version 1.
var ipDefaults = map[string]map[string]string{
	"gre": greDefaults(), "gretap": greDefaults(), "erspan": greDefaults(),
	"ip6gre": gre6Defaults(), "ip6gretap": gre6Defaults(), "ip6erspan": gre6Defaults(),
	"ipip": iptunDefaults(), "sit": iptunDefaults(), "ip6tnl": ip6tnlDefaults(),
}

// greDefaults: IFLA_GRE_IFLAGS 2, OFLAGS 3, IKEY 4, OKEY 5, TTL 8, TOS 9,
// PMTUDISC 10, ENCAP_TYPE 14, ENCAP_FLAGS 15, ENCAP_SPORT 16,
// ENCAP_DPORT 17, FWMARK 20.
func greDefaults() map[string]string {
	return map[string]string{"/18/2/2": "0000", "/18/2/3": "0000", "/18/2/4": "00000000", "/18/2/5": "00000000",
		"/18/2/8": "00", "/18/2/9": "00", "/18/2/10": "01", "/18/2/14": "0000", "/18/2/15": "0000",
		"/18/2/16": "0000", "/18/2/17": "0000", "/18/2/20": "00000000"}
}

// gre6Defaults: greDefaults with IPv6's encapsulation flags, FLOWINFO 12,
// FLAGS 13 and ERSPAN_VER 22.
func gre6Defaults() map[string]string {
	m := greDefaults()
	m["/18/2/15"] = "0200"
	m["/18/2/12"], m["/18/2/13"], m["/18/2/22"] = "00000000", "00000000", "01"
	return m
}

// iptunDefaults: IFLA_IPTUN_LINK 1, TOS 5, FLOWINFO 7, FLAGS 8 (u16 for
// sit, u32 for ip6tnl), PMTUDISC 10, ENCAP_TYPE 15, ENCAP_FLAGS 16 (0200
// from ip6tnl), ENCAP_SPORT 17, ENCAP_DPORT 18, FWMARK 20. Not TTL 4 nor
// PROTO 9: the kernel's defaults differ from ip's 0 (a protocol of the
// kind's, and for sit a time to live of 64), so gip sends them as ip does.
func iptunDefaults() map[string]string {
	return map[string]string{"/18/2/1": "00000000", "/18/2/5": "00", "/18/2/7": "00000000",
		"/18/2/8": "0000", "/18/2/10": "01", "/18/2/15": "0000", "/18/2/16": "0000",
		"/18/2/17": "0000", "/18/2/18": "0000", "/18/2/20": "00000000"}
}

// ip6tnlDefaults: iptunDefaults with ip6tnl's u32 FLAGS and its
// encapsulation flags.
func ip6tnlDefaults() map[string]string {
	m := iptunDefaults()
	m["/18/2/8"], m["/18/2/16"] = "00000000", "0200"
	return m
}

type rawAttr struct {
	typ  uint16
	data []byte
}

func attrList(b []byte) []rawAttr {
	var out []rawAttr
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		out = append(out, rawAttr{d.RawType(), d.Bytes()})
	}
	return out
}
