package tc

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// tcPayload is a qdisc, class or filter of eth7 as the kernel lists it:
// its header, kind and options.
func tcPayload(h rtnl.TCMsg, kind string, opts []byte) []byte {
	h.Ifindex = 7
	e := nl.NewAttrEncoder(rtnl.AppendTCMsg(nil, h))
	e.String(unix.TCA_KIND, kind)
	e.Bytes(unix.TCA_OPTIONS, opts)
	b, _ := e.Encode()
	return b
}

// actionPayload is a standalone action table of one action of an unknown
// kind, as RTM_GETACTION's dump lists it.
func actionPayload(kind string, opts []byte) []byte {
	e := nl.NewAttrEncoder(make([]byte, rtnl.ActionMsgHeaderLen))
	e.Uint32(3, 1) // TCA_ROOT_COUNT
	e.NestPlain(rtnl.TCARootTab)
	e.NestPlain(0)
	e.String(1, kind) // TCA_ACT_KIND
	e.Bytes(2, opts)  // TCA_ACT_OPTIONS
	e.Unnest()
	e.Unnest()
	b, _ := e.Encode()
	return b
}

// TestUnknownKindsList lists a qdisc, a class, a filter and an action of
// kinds gip has no code for, from a fake kernel: each prints as tc prints
// a kind it has no module for (its name and its options' length), in
// text and in JSON, never an error.
func TestUnknownKindsList(t *testing.T) {
	opts := []byte{8, 0, 1, 0, 1, 0, 0, 0, 4, 0, 2, 0}
	d := dumps{
		unix.RTM_GETQDISC:  {tcPayload(rtnl.TCMsg{Handle: 0x10000, Parent: 0xFFFFFFFF, Info: 1}, "frobq", opts)},
		unix.RTM_GETTCLASS: {tcPayload(rtnl.TCMsg{Handle: 0x10001, Parent: 0xFFFFFFFF}, "frobq", opts)},
		unix.RTM_GETTFILTER: {tcPayload(rtnl.TCMsg{Handle: 1, Parent: 0x10000,
			Info: 10<<16 | uint32(htons(unix.ETH_P_IP))}, "frobf", opts)},
		unix.RTM_GETACTION: {actionPayload("froba", opts)},
	}
	for _, c := range []struct {
		words  []string
		text   string
		json   string
		stderr string
	}{
		{[]string{"qdisc", "show", "dev", "eth7"},
			"qdisc frobq 1: root [Unknown qdisc, optlen=12] \n",
			`[{"kind":"frobq","handle":"1:","root":true,"options":{"optlen":12}}]`, ""},
		// tc has no class printer for a kind it has no module for, and
		// says so on standard error
		{[]string{"class", "show", "dev", "eth7"},
			"class frobq 1:1 root \n",
			`[{"class":"frobq","handle":"1:1","root":true}]`, "[cannot parse class parameters]"},
		{[]string{"filter", "show", "dev", "eth7", "parent", "1:"},
			"filter protocol ip pref 10 frobf [Unknown filter, optlen=12] \n",
			`[{"protocol":"ip","pref":10,"kind":"frobf","options":{"optlen":12}}]`, ""},
		{[]string{"actions", "ls", "action", "froba"},
			"total acts 1\n\n\taction order 0: froba [Unknown action, optlen=12] ",
			`[{"total acts":1},{"actions":[{"order":0,"kind":"froba","optlen":12}]}]`, ""},
	} {
		ev, _, out := fakeKernel(t, d)
		var stderr bytes.Buffer
		ev.Stderr = &stderr
		err := Object().Run(ev, c.words)
		if got := out.String(); err != nil || got != c.text || stderr.String() != c.stderr {
			t.Errorf("tc %v: %v\n got  %q, stderr %q\n want %q, stderr %q", c.words, err, got, stderr.String(), c.text, c.stderr)
		}
		got, _, err := runTC(t, d, append([]string{"-j"}, c.words...)...)
		var a, b any
		if err != nil || json.Unmarshal([]byte(got), &a) != nil || json.Unmarshal([]byte(c.json), &b) != nil || !jsonSame(a, b) {
			t.Errorf("tc -j %v: %v\n got  %s\n want %s", c.words, err, got, c.json)
		}
	}
}

func htons(v uint16) uint16 { return v>>8 | v<<8 }

func jsonSame(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
