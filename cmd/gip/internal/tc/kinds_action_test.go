package tc

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"github.com/gip-suite/gip/internal/testenv"
	"golang.org/x/sys/unix"
)

// Every registered action kind has a golden fixture,
// action/testdata/kinds/<kind>.txtar:
//
//	-- cmd --      one action list a line: the words after `actions add`
//	-- request --  the RTM_NEWACTION payload of each line, in hex
//	-- reply --    the kernel's RTM_NEWACTION payloads of
//	               `actions ls action KIND`, one a line
//	-- show --, -- stats --, -- json --
//	               that listing with nothing, -s, -j -s
//
// Requests are checked against a fake kernel in which eth7 is index 7
// and eth7p, its veth peer, index 8 (a mirred action's target); the
// listings are made from a fake kernel holding the replies, without
// privileges.
//
// A kind added later fails this test until it has a fixture: write its
// cmd section, then run (as root, which captures from the host kernel)
//
//	GIP_UPDATE_KINDS=1 go test ./cmd/gip/internal/tc -run TestActionKindFixtures/KIND
//
// which fills the other sections. When the host kernel has the kind, the
// update adds the actions in a namespace (created and deleted by the
// test) and records its dump, the times of actions masked
// (maskActionTimes finds them through the kind's options, as an
// rtnl.Opt[rtnl.TCFTimes]), comparing gip's listings of it with tc's in
// that namespace; otherwise the reply is built from the requests: one
// table of every action, with its count. Name each action's index
// (`index N`) in the cmd lines of a kind the host lacks, as the kernel
// would give one.
func TestActionKindFixtures(t *testing.T) {
	actionFixtures.test(t)
}

var actionFixtures = &lineObject{
	object:  "actions",
	dir:     filepath.Join("action", "testdata", "kinds"),
	kinds:   action.Kinds,
	newType: unix.RTM_NEWACTION,
	getType: unix.RTM_GETACTION,
	add:     []string{"actions", "add"},
	list:    func(kind string) []string { return []string{"actions", "ls", "action", kind} },
	views:   []view{{"show", nil}, {"stats", []string{"-s"}}, {"json", []string{"-j", "-s"}}},
	capture: func(t *testing.T, conn *nl.Conn, kind string) [][]byte {
		req := rtnl.ActionMsg{Actions: []rtnl.Action{{Kind: kind}}, Flags: rtnl.Some(uint32(rtnl.ActFlagLargeDump))}
		m, err := req.Message(unix.RTM_GETACTION, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]byte
		for msg, err := range conn.Dump(m) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, append([]byte(nil), msg.Data...))
		}
		return out
	},
	build:  builtActionReplies,
	hdrLen: rtnl.ActionMsgHeaderLen,
}

// builtActionReplies is the requests' actions as the kernel lists them:
// one message, the count (TCA_ROOT_COUNT) and a table of every action in
// the order added (from 0, as a dump numbers them), each with a reference
// (bindBuiltActions).
func builtActionReplies(reqs [][]byte) [][]byte {
	var acts [][]byte
	for _, req := range reqs {
		d := nl.NewAttrDecoder(req[rtnl.ActionMsgHeaderLen:])
		for d.Next() {
			if d.Type() != rtnl.TCARootTab {
				continue
			}
			tab := nl.NewAttrDecoder(d.Bytes())
			for tab.Next() {
				acts = append(acts, tab.Bytes())
			}
		}
	}
	e := nl.NewAttrEncoder(make([]byte, rtnl.ActionMsgHeaderLen))
	e.Uint32(3, uint32(len(acts))) // TCA_ROOT_COUNT
	e.NestPlain(rtnl.TCARootTab)
	for i, a := range acts {
		e.NestPlain(uint16(i))
		e.Raw(a)
		e.Unnest()
	}
	e.Unnest()
	b, _ := e.Encode()
	bindBuiltActions(b[rtnl.ActionMsgHeaderLen:], false, map[string][]uint32{})
	return [][]byte{b}
}

// TestMaskActionTimes gives the actions of the captured fixtures times,
// standalone (mirred) and bound to a filter (u32, bpf), and checks that
// masking takes them out again, and only them.
func TestMaskActionTimes(t *testing.T) {
	for _, c := range []struct {
		path   string
		hdrLen int
	}{
		{filepath.Join("action", "testdata", "kinds", "mirred.txtar"), rtnl.ActionMsgHeaderLen},
		{filepath.Join("filter", "testdata", "kinds", "u32.txtar"), rtnl.TCMsgLen},
		{filepath.Join("filter", "testdata", "kinds", "bpf.txtar"), rtnl.TCMsgLen},
	} {
		fx, err := testenv.ReadFixture(c.path)
		if err != nil {
			t.Fatal(err)
		}
		replies, err := testenv.ParseHexLines(fx.Section("reply"))
		if err != nil {
			t.Fatal(err)
		}
		timed := 0
		for _, r := range replies {
			want := slices.Clone(r)
			eachAction(r[c.hdrLen:], func(kind string, opts []byte) {
				for _, a := range splitAttrs(opts) {
					if len(a) == 32 && !slices.ContainsFunc(a, func(b byte) bool { return b != 0 }) {
						for i := range a {
							a[i] = byte(i + 1)
						}
						timed++
					}
				}
			})
			maskActionTimes(r[c.hdrLen:])
			if !bytes.Equal(r, want) {
				t.Errorf("%s: masked\n %x\nwant\n %x", c.path, r, want)
			}
		}
		if timed == 0 {
			t.Errorf("%s: no action with times", c.path)
		}
	}
}
