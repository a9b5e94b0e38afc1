package filter

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// flowWords are a flow filter's words as the kernel reports them: its
// mode and keys, the arithmetic on the key (and, xor, rshift, addend),
// divisor, base class (made whole as the kernel makes it: the major of
// the filter's qdisc, minor 1 by default) and perturbation period.
func flowWords(o *rtnl.Flow, h rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	if o.Ematches != nil && (o.Ematches.NMatches != 0 || len(o.Ematches.Matches) != 0) {
		return nil, errors.New("extended matches cannot be written as words yet")
	}
	var w qdisc.Words
	switch m, _ := o.Mode.Get(); m {
	case rtnl.FlowModeMap:
		w = append(w, []string{"map"})
	case rtnl.FlowModeHash:
		w = append(w, []string{"hash"})
	default:
		return nil, errors.New("flow mode " + strconv.FormatUint(uint64(m), 10) + " cannot be written as words")
	}
	if k, ok := o.Keys.Get(); ok && k != 0 {
		var names []string
		for i, n := range flowKeys {
			if k&(1<<i) != 0 {
				names = append(names, n)
				k &^= 1 << i
			}
		}
		if k != 0 {
			return nil, errors.New("flow keys " + hexWord(k) + " cannot be written as words")
		}
		w = append(w, []string{"keys", strings.Join(names, ",")})
	}
	mask, xor := o.Mask.Or(^uint32(0)), o.Xor.Or(0)
	if mask != ^uint32(0) {
		w = append(w, []string{"and", hexWord(mask)})
	}
	if xor != 0 {
		w = append(w, []string{"xor", hexWord(xor)})
	}
	for _, x := range []struct {
		word string
		v    rtnl.Opt[uint32]
	}{{"rshift", o.Rshift}, {"addend", o.Addend}, {"divisor", o.Divisor}} {
		if v := x.v.Or(0); v != 0 {
			w = append(w, []string{x.word, hexWord(v)})
		}
	}
	base := o.Baseclass.Or(0)
	if rtnl.Major(base) == 0 {
		base |= h.Parent &^ 0xFFFF
	}
	if rtnl.Minor(base) == 0 {
		base |= 1
	}
	w = append(w, []string{"baseclass", sched.ClassIDText(base)})
	if v := o.Perturb.Or(0); v != 0 {
		w = append(w, []string{"perturb", strconv.FormatUint(uint64(v), 10)})
	}
	return actionWords(w, o.Police, o.ActionsRaw, names)
}
