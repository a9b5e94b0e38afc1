package action

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Words of actions: a filter's action list (and its own policer) as the
// words the filter's grammar takes after "action" ("police"), exact, so
// that they parse back to what the kernel reports. Each kind writes the
// words after its name, its verdict and "index N" last (an index of 0,
// which asks the kernel for one, is no word). What a kind cannot spell
// exactly is an error, never other words.

// DeviceName is a device's name from its index, for the actions that
// name devices (mirred's dev); false when there is no such device.
type DeviceName func(ifindex int32) (string, bool)

// withWords sets k's Words from a function over its options type P.
func withWords[P rtnl.TCOptions](k *Kind, words func(P, DeviceName, sched.Clock) (qdisc.Words, error)) *Kind {
	k.Words = func(o rtnl.TCOptions, n DeviceName, c sched.Clock) (qdisc.Words, error) { return words(o.(P), n, c) }
	return k
}

// ListWords are the words of an action list as the kernel reports it
// (the payload of a filter's TCA_<KIND>_ACT): "action KIND WORDS..." for
// each action, with its cookie, hw_stats and flags.
func ListWords(raw []byte, names DeviceName) (qdisc.Words, error) {
	acts, _, err := rtnl.DecodeActions(raw)
	if err != nil {
		return nil, err
	}
	clock, _ := sched.ReadClock()
	var w qdisc.Words
	var cookie []byte
	for _, a := range acts {
		k, ok := kinds()[a.Kind]
		if !ok || k.Words == nil {
			return nil, qdisc.ErrNoWords{Kind: "the " + a.Kind + " action"}
		}
		o := k.New()
		if err := o.Decode(a.RawOptions); err != nil {
			return nil, fmt.Errorf("the %s action: %w", a.Kind, err)
		}
		kw, err := k.Words(o, names, clock)
		if err != nil {
			return nil, fmt.Errorf("the %s action: %w", a.Kind, err)
		}
		w = append(append(w, []string{"action", a.Kind}), kw...)
		// tc gives an action the cookie of the one before it when it
		// has none of its own.
		if len(a.Cookie) == 0 && len(cookie) > 0 {
			return nil, errors.New("an action without a cookie after one with a cookie cannot be written as words")
		}
		if len(a.Cookie) > 0 {
			w = append(w, []string{"cookie", hex.EncodeToString(a.Cookie)})
		}
		cookie = a.Cookie
		tail, err := tailWords(a)
		if err != nil {
			return nil, err
		}
		w = append(w, tail...)
	}
	return w, nil
}

// tailWords are hw_stats and the flags an action may end with.
func tailWords(a rtnl.Action) (qdisc.Words, error) {
	var w qdisc.Words
	if bf, ok := a.HWStats.Get(); ok {
		// Both types is the kernel's default, which tc cannot ask for
		// by name: no word.
		for _, x := range hwStatsNames {
			if bf[0]&bf[1] == x.bit {
				w = append(w, []string{"hw_stats", x.name})
			}
		}
	}
	if a.HasFlags {
		f := a.Flags & a.FlagsSelector
		if f&^(rtnl.ActFlagNoPercpuStats|rtnl.ActFlagSkipHW|rtnl.ActFlagSkipSW) != 0 {
			return nil, fmt.Errorf("action flags %#x cannot be written as words", f)
		}
		if f&rtnl.ActFlagNoPercpuStats != 0 {
			w = append(w, []string{"no_percpu"})
		}
		if f&rtnl.ActFlagSkipSW != 0 {
			w = append(w, []string{"skip_sw"})
		}
		if f&rtnl.ActFlagSkipHW != 0 {
			w = append(w, []string{"skip_hw"})
		}
	}
	return w, nil
}

// FilterPoliceWords are a filter's own policer as the words after the
// filter's "police".
func FilterPoliceWords(o *rtnl.Police) (qdisc.Words, error) {
	clock, _ := sched.ReadClock()
	w, err := policeWords(o, nil, clock)
	if err != nil {
		return nil, fmt.Errorf("the filter's policer: %w", err)
	}
	return append(qdisc.Words{{"police"}}, w...), nil
}

// IsIndex reports a group of words that is an action's "index N".
func IsIndex(g []string) bool { return len(g) == 2 && g[0] == "index" }

// indexWords is "index N" unless N is 0 (the kernel's to choose).
func indexWords(index uint32) qdisc.Words {
	if index == 0 {
		return nil
	}
	return qdisc.Words{{"index", strconv.FormatUint(uint64(index), 10)}}
}

// controlWords are a verdict as ParseControl reads it back; a verdict
// without a word (stolen, a number) is an error unless numbers is set.
func controlWords(v int32, numbers bool) ([]string, error) {
	switch v &^ rtnl.ActExtValMask {
	case rtnl.ActGotoChain:
		return []string{"goto", "chain", strconv.FormatUint(uint64(v&rtnl.ActExtValMask), 10)}, nil
	case rtnl.ActJump:
		return []string{"jump", strconv.FormatUint(uint64(v&rtnl.ActExtValMask), 10)}, nil
	}
	switch v {
	case rtnl.ActUnspec, rtnl.ActOK, rtnl.ActShot, rtnl.ActReclassify, rtnl.ActPipe, rtnl.ActTrap:
		return []string{ControlText(v)}, nil
	}
	if numbers {
		return []string{strconv.FormatInt(int64(v), 10)}, nil
	}
	return nil, fmt.Errorf("the verdict %s cannot be written as words", ControlText(v))
}

// verdictWords are an action's verdict and index, the end of most kinds.
func verdictWords(p rtnl.ActionParms) (qdisc.Words, error) {
	c, err := controlWords(p.Action, false)
	if err != nil {
		return nil, err
	}
	return append(qdisc.Words{c}, indexWords(p.Index)...), nil
}

func hexWord(v uint32) string { return "0x" + strconv.FormatUint(uint64(v), 16) }

func uintWord[T ~uint8 | ~uint16 | ~uint32 | ~uint64](v T) string {
	return strconv.FormatUint(uint64(v), 10)
}
