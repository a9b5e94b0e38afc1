package tc

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// Every registered qdisc kind has a golden fixture,
// testdata/kinds/<kind>.txtar:
//
//	-- cmd --            the words after `qdisc add dev eth7`
//	-- request --        the RTM_NEWQDISC payload they send, in hex
//	-- reply --          the kernel's RTM_NEWQDISC payloads of eth7, one per line
//	-- show --, -- details --, -- stats --, -- json --
//	                     `qdisc show dev eth7` with nothing, -d, -s, -j -s
//
// and a classful kind the same for a class, in sections named class-cmd,
// class-request, class-reply, class-show, class-details, class-stats and
// class-json (`class add dev eth7 ...`, `class show dev eth7`).
//
// Requests are checked against a fake kernel in which eth7 is index 7;
// replies are shown from a fake kernel holding them, without privileges.
// Replies of kinds the host kernel has were captured from a namespace,
// and gip's outputs of them compared with tc's; the others are built
// from the request. GIP_UPDATE_KINDS=1 (as root) rewrites the fixtures.
var update = os.Getenv("GIP_UPDATE_KINDS") != ""

// eth7 is the device of the fixtures.
func eth7() []byte {
	e := nl.NewAttrEncoder(make([]byte, rtnl.IfInfoLen))
	e.String(unix.IFLA_IFNAME, "eth7")
	e.Uint32(unix.IFLA_MTU, 1500)
	b, _ := e.Encode()
	binary.NativeEndian.PutUint32(b[4:], 7)
	return b
}

// fakeKernel answers link lookups with eth7, qdisc and class dumps with
// the given payloads, and acknowledges everything else.
func fakeKernel(t *testing.T, qdiscs, classes [][]byte) (*env.Env, *nltest.Kernel, *bytes.Buffer) {
	t.Helper()
	conn, k := nltest.Dial(t, func(req nl.Message) []nltest.Datagram {
		dump := func(typ uint16, payloads [][]byte) []nltest.Datagram {
			var msgs [][]byte
			for _, p := range payloads {
				msgs = append(msgs, nltest.Msg(req, typ, nl.Multi, p))
			}
			return []nltest.Datagram{nltest.FromKernel(append(msgs, nltest.Done(req, 0, ""))...)}
		}
		switch {
		case req.Header.Type == unix.RTM_GETLINK && req.Header.Flags&nl.Dump == nl.Dump:
			return dump(unix.RTM_NEWLINK, [][]byte{eth7()})
		case req.Header.Type == unix.RTM_GETLINK:
			return []nltest.Datagram{nltest.FromKernel(nltest.Msg(req, unix.RTM_NEWLINK, 0, eth7()), nltest.Ack(req, 0, "", 0))}
		case req.Header.Type == unix.RTM_GETQDISC:
			return dump(unix.RTM_NEWQDISC, qdiscs)
		case req.Header.Type == unix.RTM_GETTCLASS:
			return dump(unix.RTM_NEWTCLASS, classes)
		}
		return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, 0, "", 0))}
	})
	out := &bytes.Buffer{}
	ev := &env.Env{Prog: command.Prog, G: &env.Global{}, Stdin: strings.NewReader(""), Stdout: out, Stderr: io.Discard}
	ev.UseConn(conn)
	return ev, k, out
}

// runTC runs `tc WORDS...` on the fake kernel.
func runTC(t *testing.T, qdiscs, classes [][]byte, words ...string) (string, *nltest.Kernel, error) {
	t.Helper()
	ev, k, out := fakeKernel(t, qdiscs, classes)
	err := Object().Run(ev, words)
	return out.String(), k, err
}

// lastRequest is the payload of the last request of type typ.
func lastRequest(k *nltest.Kernel, typ uint16) []byte {
	var last []byte
	for _, r := range k.Requests() {
		if r.Header.Type == typ {
			last = r.Data
		}
	}
	return last
}

// views are the listings every fixture records.
var views = []struct {
	section string
	flags   []string
}{
	{"show", nil}, {"details", []string{"-d"}}, {"stats", []string{"-s"}}, {"json", []string{"-j", "-s"}},
}

// half is one half of a kind's fixture: the qdisc's or the class's.
type half struct {
	prefix  string // "" or "class-"
	object  string // "qdisc" or "class"
	newType uint16
}

var halves = []half{{"", "qdisc", unix.RTM_NEWQDISC}, {"class-", "class", unix.RTM_NEWTCLASS}}

func TestKindFixtures(t *testing.T) {
	for _, name := range qdisc.Kinds() {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "kinds", name+".txtar")
			fx, err := testenv.ReadFixture(path)
			if err != nil {
				t.Fatalf("kind %s has no fixture: %v", name, err)
			}
			if k := qdisc.Lookup(name); k.Class != nil && !fx.Has("class-cmd") {
				t.Fatalf("%s is classful, but its fixture has no class-cmd", name)
			}
			if update {
				regenerate(t, fx, name)
				if err := fx.Write(path); err != nil {
					t.Fatal(err)
				}
			}
			var qdiscs [][]byte
			for _, h := range halves {
				if !fx.Has(h.prefix + "cmd") {
					continue
				}
				words := append([]string{h.object, "add", "dev", "eth7"}, strings.Fields(fx.Section(h.prefix+"cmd"))...)
				_, k, err := runTC(t, nil, nil, words...)
				if err != nil {
					t.Fatalf("%s: %v", strings.Join(words, " "), err)
				}
				if got, want := hex.EncodeToString(lastRequest(k, h.newType))+"\n", fx.Section(h.prefix+"request"); got != want {
					t.Errorf("%s request\n got  %s want %s", h.object, got, want)
				}
				replies, err := testenv.ParseHexLines(fx.Section(h.prefix + "reply"))
				if err != nil || len(replies) == 0 {
					t.Fatalf("%s: bad %sreply section: %v", path, h.prefix, err)
				}
				classes := [][]byte(nil)
				if h.object == "qdisc" {
					qdiscs = replies
				} else {
					classes = replies
				}
				for _, v := range views {
					args := append(append([]string{}, v.flags...), h.object, "show", "dev", "eth7")
					got, _, err := runTC(t, qdiscs, classes, args...)
					if err != nil {
						t.Fatalf("%s: %v", strings.Join(args, " "), err)
					}
					if want := fx.Section(h.prefix + v.section); got != want {
						t.Errorf("%s\n got  %q\n want %q", strings.Join(args, " "), got, want)
					}
				}
			}
		})
	}
}

// regenerate fills a fixture's requests, replies and outputs: captured
// from the host kernel (and compared with tc) when it has the kind, else
// built from the request.
func regenerate(t *testing.T, fx *testenv.Fixture, kind string) {
	var ns string
	var conn *nl.Conn
	var index int32
	if os.Geteuid() == 0 {
		ns = nltest.NetNS(t)
		if out, err := exec.Command("ip", "-n", ns, "link", "add", "eth7", "type", "veth", "peer", "name", "eth7p").CombinedOutput(); err != nil {
			t.Fatalf("setup: %v: %s", err, out)
		}
		conn = nltest.DialNetNS(t, unix.NETLINK_ROUTE, ns)
		l, err := rtnl.LinkByName(conn, "eth7")
		if err != nil {
			t.Fatal(err)
		}
		index = l.Index
	}
	var qdiscs [][]byte
	for _, h := range halves {
		if !fx.Has(h.prefix + "cmd") {
			continue
		}
		words := append([]string{h.object, "add", "dev", "eth7"}, strings.Fields(fx.Section(h.prefix+"cmd"))...)
		_, k, err := runTC(t, nil, nil, words...)
		if err != nil {
			t.Fatalf("%s: %v", strings.Join(words, " "), err)
		}
		req := lastRequest(k, h.newType)
		fx.Set(h.prefix+"request", hex.EncodeToString(req)+"\n")
		replies, captured := [][]byte(nil), false
		if conn != nil {
			ev := &env.Env{Prog: command.Prog, G: &env.Global{NetNS: ns}, Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
			if err := Object().Run(ev, words); err == nil {
				replies, captured = dumpOf(t, conn, h.object, index), true
			} else {
				t.Logf("%s: host kernel refuses %s: %v", kind, strings.Join(words, " "), err)
			}
		}
		if !captured {
			replies = [][]byte{builtReply(t, req, h.object)}
		}
		fx.Set(h.prefix+"reply", testenv.HexLines(replies))
		classes := [][]byte(nil)
		if h.object == "qdisc" {
			qdiscs = replies
		} else {
			classes = replies
		}
		for _, v := range views {
			args := append(append([]string{}, v.flags...), h.object, "show", "dev", "eth7")
			got, _, err := runTC(t, qdiscs, classes, args...)
			if err != nil {
				t.Fatalf("%s: %v", strings.Join(args, " "), err)
			}
			fx.Set(h.prefix+v.section, got)
			if captured && !(h.object == "class" && v.section == "json") {
				compareWithTC(t, ns, args, got)
			}
		}
	}
}

// dumpOf lists the qdiscs or classes of the device with index, as eth7
// (index 7) of the fixtures.
func dumpOf(t *testing.T, conn *nl.Conn, object string, index int32) [][]byte {
	typ := uint16(unix.RTM_GETQDISC)
	if object == "class" {
		typ = unix.RTM_GETTCLASS
	}
	var out [][]byte
	for m, err := range conn.Dump(rtnl.TCDumpRequest(typ, rtnl.TCMsg{Ifindex: index}, rtnl.Opt[uint32]{})) {
		if err != nil {
			t.Fatal(err)
		}
		h, err := rtnl.DecodeTCMsg(m.Data)
		if err != nil || h.Ifindex != index {
			continue
		}
		b := append([]byte(nil), m.Data...)
		binary.NativeEndian.PutUint32(b[4:], 7)
		out = append(out, b)
	}
	return out
}

// builtReply is the request as the kernel would describe the object, for
// kinds the host kernel lacks: ifindex 7, a reference count of 1.
func builtReply(t *testing.T, req []byte, object string) []byte {
	b := append([]byte(nil), req...)
	binary.NativeEndian.PutUint32(b[4:], 7)
	if object == "qdisc" {
		binary.NativeEndian.PutUint32(b[16:], 1)
	}
	t.Logf("reply built from the request (the host kernel lacks the kind)")
	return b
}

// compareWithTC checks gip's output of a captured reply against tc's
// listing of the namespace it came from.
func compareWithTC(t *testing.T, ns string, args []string, got string) {
	path, err := exec.LookPath("tc")
	if err != nil {
		return
	}
	out, err := exec.Command(path, append([]string{"-n", ns}, args...)...).Output()
	if err != nil {
		t.Errorf("tc %s: %v", strings.Join(args, " "), err)
		return
	}
	switch {
	case string(out) == got:
	case testenv.NumbersWithinOne(string(out), got):
		// tc 6.1 turns ticks back into bytes through whole microseconds;
		// gip keeps the fraction (tc 6.15+), which can show a byte more.
		t.Logf("tc %s: a byte off, as tc 6.1 truncates ticks to whole microseconds\n tc:  %q\n gip: %q", strings.Join(args, " "), out, got)
	default:
		t.Errorf("tc %s differs from gip's output of the captured reply\n tc:  %q\n gip: %q", strings.Join(args, " "), out, got)
	}
}
