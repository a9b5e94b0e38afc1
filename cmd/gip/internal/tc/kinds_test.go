package tc

import (
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// half is one half of a kind's fixture: the qdisc's or the class's.
type half struct {
	prefix  string // "" or "class-"
	object  string // "qdisc" or "class"
	newType uint16
}

var halves = []half{{"", "qdisc", unix.RTM_NEWQDISC}, {"class-", "class", unix.RTM_NEWTCLASS}}

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
// Requests are checked against a fake kernel in which eth7 is index 7
// (kinds_harness_test.go, shared with the fixtures of filters and
// actions); replies are shown from a fake kernel holding them, without
// privileges.
// Replies of kinds the host kernel has were captured from a namespace,
// and gip's outputs of them compared with tc's; the others are built
// from the request. GIP_UPDATE_KINDS=1 (as root) rewrites the fixtures.
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
				_, k, err := runTC(t, nil, words...)
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
					got, _, err := runTC(t, dumps{unix.RTM_GETQDISC: qdiscs, unix.RTM_GETTCLASS: classes}, args...)
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
	ns := captureNS(t)
	conn := nltest.DialNetNS(t, unix.NETLINK_ROUTE, ns)
	var qdiscs [][]byte
	for _, h := range halves {
		if !fx.Has(h.prefix + "cmd") {
			continue
		}
		words := append([]string{h.object, "add", "dev", "eth7"}, strings.Fields(fx.Section(h.prefix+"cmd"))...)
		_, k, err := runTC(t, nil, words...)
		if err != nil {
			t.Fatalf("%s: %v", strings.Join(words, " "), err)
		}
		req := lastRequest(k, h.newType)
		fx.Set(h.prefix+"request", hex.EncodeToString(req)+"\n")
		replies, captured := [][]byte(nil), false
		if err := runIn(ns, words); err == nil {
			replies, captured = dumpOf(t, conn, h.object), true
		} else {
			t.Logf("%s: host kernel refuses %s: %v", kind, strings.Join(words, " "), err)
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
			got, _, err := runTC(t, dumps{unix.RTM_GETQDISC: qdiscs, unix.RTM_GETTCLASS: classes}, args...)
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

// dumpOf lists the qdiscs or classes of eth7.
func dumpOf(t *testing.T, conn *nl.Conn, object string) [][]byte {
	if object == "class" {
		return dumpTC(t, conn, unix.RTM_GETTCLASS, rtnl.TCMsg{Ifindex: 7})
	}
	return dumpTC(t, conn, unix.RTM_GETQDISC, rtnl.TCMsg{Ifindex: 7})
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
