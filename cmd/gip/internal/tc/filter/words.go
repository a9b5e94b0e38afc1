package filter

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/bpfprog"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Words of filters: a filter's options as the words its kind's grammar
// takes, exact, one group per option (see qdisc.Words), its own policer
// and its action list last (see action.ListWords). gip state writes
// filters this way and compares their words whole.

// OptionWords are the options the kernel reports for a filter of the
// kind called name with header h, as words; names names the devices its
// actions send to.
func OptionWords(name string, h rtnl.TCMsg, opts []byte, names action.DeviceName) (qdisc.Words, error) {
	k, ok := kinds()[name]
	if !ok || k.Words == nil {
		return nil, qdisc.ErrNoWords{Kind: name + " filter"}
	}
	o := k.New()
	if opts != nil {
		if err := o.Decode(opts); err != nil {
			return nil, err
		}
	}
	return k.Words(o, h, names)
}

// CanonWords parses a filter's option words (its handle as given, "" for
// none; parent the class or qdisc it sits on) as the kind's grammar does and writes them again as OptionWords
// writes them once the kernel has them: the options go through their
// encoding and decoding, as through the kernel. Device names (mirred's
// dev) are kept as they are given.
func CanonWords(name, handle string, parent uint32, protocol uint16, words []string) (qdisc.Words, error) {
	k, ok := kinds()[name]
	if !ok || k.Words == nil {
		return nil, qdisc.ErrNoWords{Kind: name + " filter"}
	}
	var devs deviceTable
	h := rtnl.TCMsg{Parent: parent}
	p := &Parser{Args: grammar.NewArgs(words), Kind: name, Usage: k.Usage, Handle: handle, Protocol: protocol, Msg: &h,
		Index: devs.index, Realm: func(s string) (uint32, bool) { v, ok := grammar.ParseCUint(s, 32); return uint32(v), ok }}
	o := k.New()
	err := k.Parse(p, o)
	defer func() {
		action.Release(p.Held)
		if r, ok := o.(interface{ Release() }); ok {
			r.Release()
		}
	}()
	if err != nil {
		return nil, err
	}
	return OptionWords(name, h, rtnl.OptionsPayload(o), devs.name)
}

// deviceTable stands in for the devices while a file's words are read:
// each name a number of its own, and back.
type deviceTable struct{ names []string }

func (t *deviceTable) index(name string) (int32, error) {
	for i, n := range t.names {
		if n == name {
			return int32(i + 1), nil
		}
	}
	t.names = append(t.names, name)
	return int32(len(t.names)), nil
}

func (t *deviceTable) name(i int32) (string, bool) {
	if i < 1 || int(i) > len(t.names) {
		return "", false
	}
	return t.names[i-1], true
}

// actionWords are w with a filter's own policer and its action list.
func actionWords(w qdisc.Words, police *rtnl.Police, raw []byte, names action.DeviceName) (qdisc.Words, error) {
	if police != nil {
		pw, err := action.FilterPoliceWords(police)
		if err != nil {
			return nil, err
		}
		w = append(w, pw...)
	}
	if len(raw) > 0 {
		aw, err := action.ListWords(raw, names)
		if err != nil {
			return nil, err
		}
		w = append(w, aw...)
	}
	return w, nil
}

// classWords is "classid X:Y" when set.
func classWords(c rtnl.Opt[uint32]) qdisc.Words {
	if v, ok := c.Get(); ok {
		return qdisc.Words{{"classid", sched.ClassIDText(v)}}
	}
	return nil
}

// flagWords are skip_hw and skip_sw.
func flagWords(f rtnl.Opt[uint32]) qdisc.Words {
	var w qdisc.Words
	v, _ := f.Get()
	if v&rtnl.ClsFlagSkipHW != 0 {
		w = append(w, []string{"skip_hw"})
	}
	if v&rtnl.ClsFlagSkipSW != 0 {
		w = append(w, []string{"skip_sw"})
	}
	return w
}

func hexWord(v uint32) string { return "0x" + strconv.FormatUint(uint64(v), 16) }

func matchallWords(o *rtnl.Matchall, _ rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	return actionWords(append(classWords(o.Classid), flagWords(o.Flags)...), nil, o.ActionsRaw, names)
}

func fwWords(o *rtnl.FW, _ rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	if m, ok := o.Mask.Get(); ok && m != 0xFFFFFFFF {
		return nil, fmt.Errorf("a fw mask (%s) cannot be written as words yet", hexWord(m))
	}
	w := classWords(o.Classid)
	if d, ok := o.Indev.Get(); ok {
		w = append(w, []string{"indev", d})
	}
	return actionWords(w, o.Police, o.ActionsRaw, names)
}

func basicWords(o *rtnl.Basic, _ rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	// The kernel reports an empty tree for a filter without matches.
	if o.Ematches != nil && (o.Ematches.NMatches != 0 || len(o.Ematches.Matches) != 0) {
		return nil, errors.New("extended matches cannot be written as words yet")
	}
	return actionWords(classWords(o.Classid), o.Police, o.ActionsRaw, names)
}

func routeWords(o *rtnl.Route4, _ rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	if _, ok := o.IIF.Get(); ok {
		return nil, errors.New("a route filter's fromif cannot be written as words yet")
	}
	var w qdisc.Words
	if v, ok := o.To.Get(); ok {
		w = append(w, []string{"to", strconv.FormatUint(uint64(v), 10)})
	}
	if v, ok := o.From.Get(); ok {
		w = append(w, []string{"from", strconv.FormatUint(uint64(v), 10)})
	}
	return actionWords(append(w, classWords(o.Classid)...), o.Police, o.ActionsRaw, names)
}

func bpfWords(o *bpfOptions, _ rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	if len(o.Ops) == 0 {
		return nil, errors.New("an eBPF program cannot be written as words (only classic bytecode)")
	}
	w := qdisc.Words{{"bytecode", bpfprog.BytecodeWord(o.Ops)}}
	w = append(w, classWords(o.Classid)...)
	if f, _ := o.Flags.Get(); f&rtnl.BPFFlagActDirect != 0 {
		w = append(w, []string{"da"})
	}
	return actionWords(append(w, flagWords(o.FlagsGen)...), o.Police, o.ActionsRaw, names)
}

// u32Words are a u32 filter's words: a hash table's divisor, or a key's
// matches (as "match u32 VALUE MASK at OFFSET", which says any key), its
// table and bucket (unless the priority's own root table), link, offset
// and hash key, class and flags.
func u32Words(o *rtnl.U32Filter, h rtnl.TCMsg, names action.DeviceName) (qdisc.Words, error) {
	var w qdisc.Words
	if d, ok := o.Divisor.Get(); ok {
		w = append(w, []string{"divisor", strconv.FormatUint(uint64(d), 10)})
	}
	if s := o.Sel; s != nil {
		for _, k := range s.Keys {
			at := strconv.FormatInt(int64(k.Off), 10)
			if k.OffMask != 0 {
				at = "nexthdr+" + at
			}
			w = append(w, []string{"match", "u32", hexWord(k.Val), hexWord(k.Mask), "at", at})
		}
		if s.Flags&(rtnl.U32Offset|rtnl.U32VarOffset|rtnl.U32Eat) != 0 {
			g := []string{"offset"}
			if s.Flags&rtnl.U32Offset != 0 {
				g = append(g, "plus", strconv.FormatUint(uint64(s.Off), 10))
			}
			if s.Flags&rtnl.U32VarOffset != 0 {
				g = append(g, "at", strconv.FormatInt(int64(s.Offoff), 10), "mask", fmt.Sprintf("%04x", s.Offmask),
					"shift", strconv.FormatUint(uint64(s.Offshift), 10))
			}
			if s.Flags&rtnl.U32Eat != 0 {
				g = append(g, "eat")
			}
			w = append(w, g)
		}
		if s.Hmask != 0 || s.Hoff != 0 {
			w = append(w, []string{"hashkey", "mask", fmt.Sprintf("0x%08x", s.Hmask), "at", strconv.FormatInt(int64(s.Hoff), 10)})
		}
	}
	if m, ok := o.Mark.Get(); ok {
		w = append(w, []string{"match", "mark", hexWord(m.Val), hexWord(m.Mask)})
	}
	if ht, ok := o.Hash.Get(); ok && !(U32AutoTable(ht) && rtnl.U32Hash(ht) == 0) {
		w = append(w, []string{"ht", u32TableWord(ht)})
	}
	if l, ok := o.Link.Get(); ok {
		w = append(w, []string{"link", u32TableWord(l)})
	}
	if d, ok := o.Indev.Get(); ok {
		w = append(w, []string{"indev", d})
	}
	w = append(w, classWords(o.Classid)...)
	return actionWords(append(w, flagWords(o.Flags)...), o.Police, o.ActionsRaw, names)
}

// u32TableWord is a u32 table, and its bucket when not 0, as ht and
// link take them: "2:", "2:3:".
func u32TableWord(h uint32) string {
	if hash := rtnl.U32Hash(h); hash != 0 {
		return fmt.Sprintf("%x:%x:", h>>20, hash)
	}
	return fmt.Sprintf("%x:", h>>20)
}

// U32AutoTable reports a u32 handle in a hash table whose id the kernel
// allocated (0x800 and up): a priority's root table, or one made without
// a handle. Such an id is the kernel's to choose again when the table is
// made again.
func U32AutoTable(h uint32) bool { return h>>20&0x800 != 0 }
