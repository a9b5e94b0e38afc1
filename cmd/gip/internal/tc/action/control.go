package action

import (
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// controls are the verdict words tc reads, in its order of matching.
var controls = []struct {
	word string
	v    int32
}{
	{"continue", rtnl.ActUnspec}, {"drop", rtnl.ActShot}, {"shot", rtnl.ActShot},
	{"pass", rtnl.ActOK}, {"ok", rtnl.ActOK}, {"reclassify", rtnl.ActReclassify},
	{"pipe", rtnl.ActPipe}, {"goto", rtnl.ActGotoChain}, {"jump", rtnl.ActJump},
	{"trap", rtnl.ActTrap},
}

// IsControl reports whether w is a verdict word (any prefix tc accepts):
// a filter's action list reads a bare verdict as a gact action.
func IsControl(w string) bool {
	_, ok := controlWord(w, false)
	return ok
}

func controlWord(w string, allowNum bool) (int32, bool) {
	for _, c := range controls {
		if grammar.Matches(w, c.word) {
			return c.v, true
		}
	}
	if allowNum {
		if n, err := strconv.ParseInt(w, 10, 32); err == nil {
			return int32(n), true
		}
	}
	return 0, false
}

// ParseControl reads a verdict at the cursor as tc's parse_action_control
// does: a word of controls, "goto chain N" or "jump N"; bad says how the
// word failed (nil when it is not a verdict at all, so the caller can try
// something else).
func (p *Parser) ParseControl(allowNum bool) (v int32, ok bool, err error) {
	if !p.More() {
		return 0, false, nil
	}
	w := p.Peek()
	v, ok = controlWord(w, allowNum)
	if !ok {
		return 0, false, nil
	}
	p.Next()
	switch v {
	case rtnl.ActGotoChain:
		c, err := p.Value()
		if err != nil {
			return 0, false, err
		}
		if !grammar.Matches(c, "chain") {
			return 0, false, p.Fail(`"chain index" expected`)
		}
		n, err := p.Value()
		if err != nil {
			return 0, false, err
		}
		idx, ok := grammar.CUint(n, 10, 0xffffffff)
		if !ok || idx > rtnl.ActExtValMask {
			return 0, false, p.Fail(`Illegal "chain index"`)
		}
		v |= int32(idx)
	case rtnl.ActJump:
		n, err := p.Value()
		if err != nil {
			return 0, false, err
		}
		cnt, ok := grammar.CUint(n, 10, 0xffffffff)
		if !ok || cnt > rtnl.ActExtValMask {
			return 0, false, p.Fail(`Invalid "jump count" (` + n + `)`)
		}
		v |= int32(cnt)
	}
	return v, true, nil
}

// ControlText is a verdict's name as tc prints it.
func ControlText(v int32) string {
	switch {
	case v&^rtnl.ActExtValMask == rtnl.ActGotoChain:
		return "goto"
	case v&^rtnl.ActExtValMask == rtnl.ActJump:
		return "jump"
	}
	switch v {
	case rtnl.ActUnspec:
		return "continue"
	case rtnl.ActOK:
		return "pass"
	case rtnl.ActShot:
		return "drop"
	case rtnl.ActReclassify:
		return "reclassify"
	case rtnl.ActPipe:
		return "pipe"
	case rtnl.ActStolen:
		return "stolen"
	case rtnl.ActTrap:
		return "trap"
	}
	return strconv.FormatInt(int64(v), 10)
}

// PrintControl prints a verdict as tc's print_action_control: text between
// prefix and suffix, JSON as a "control_action" object.
func PrintControl(f *format.Fields, prefix string, v int32, suffix string) {
	f.Literal(prefix)
	f.Open("control_action")
	f.String("type", "%s", ControlText(v))
	switch v &^ rtnl.ActExtValMask {
	case rtnl.ActGotoChain:
		f.Uint("chain", " chain %u", uint64(v&rtnl.ActExtValMask))
	case rtnl.ActJump:
		f.Uint("jump", " %u", uint64(v&rtnl.ActExtValMask))
	}
	f.Close()
	f.Literal(suffix)
}
