package filter

import (
	"fmt"
	"io"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

func modifyVerb(name, short string, o op) command.Verb {
	return command.Planned(name+" [ dev STRING | block BLOCK_INDEX ] [ pref PRIO ] protocol PROTO [ chain CHAIN_INDEX ] [ root | ingress | egress | parent CLASSID ] [ handle FILTERID ] [ FILTER_TYPE [ OPTIONS ] ]",
		short, func(e *env.Env, args []string) ([]plan.Step, error) { return planModify(e, args, o) })
}

// planModify parses a filter command line into the one step that sends
// it, as tc_filter_modify does.
func planModify(e *env.Env, args []string, o op) ([]plan.Step, error) {
	l, err := parseLine(e, args, false)
	if err != nil {
		return nil, err
	}
	if l.help {
		return nil, helpAnswer(e)
	}
	if !l.protocolSet && o.typ == unix.RTM_NEWTFILTER && o.flags&nl.Create != 0 {
		l.protocol = unix.ETH_P_ALL
	}
	if err := l.parseKind(e, true); err != nil {
		return nil, err
	}
	step := plan.Step{
		Done: l.releaseAll,
		Build: func(e *env.Env) (nl.Message, error) {
			if l.unresolved {
				// Read again now that the devices exist: what the
				// first reading loaded is let go, and what it told
				// on standard error is not told twice.
				l.releaseAll()
				quiet := *e
				quiet.Stderr = io.Discard
				if err := l.parseKind(&quiet, false); err != nil {
					return nl.Message{}, err
				}
			}
			if err := l.header(e); err != nil {
				return nl.Message{}, err
			}
			if o.typ == unix.RTM_NEWTFILTER && o.flags&nl.Create != 0 {
				l.countU32Key(e)
			}
			return l.spec.Message(o.typ, o.flags)
		},
		Report: func(err error) error {
			return &fail.Error{Msg: (&fail.KernelError{Err: err}).Error() + "\nWe have an error talking to the kernel", Code: fail.ExitKernel, Err: err}
		},
	}
	if o.typ == unix.RTM_NEWTFILTER && o.flags == nl.Create|nl.Excl {
		l.undoAdd(&step)
	}
	return []plan.Step{step}, nil
}

// undoAdd lets a batch send the add ahead of earlier results: it is
// undone by deleting the filter the kernel echoes, which is exact while
// another filter of the same classifier (dev, parent, chain, pref,
// protocol) stays, since the kernel destroys a classifier with its last
// filter, hash tables and all. A filter without a pref gets one from the
// kernel, and a u32 hash table is not a filter: those have no undo.
func (l *line) undoAdd(step *plan.Step) {
	if u, ok := l.spec.Options.(*rtnl.U32Filter); l.prio == 0 || ok && u.Divisor.Set {
		return
	}
	step.Echo = true
	step.UndoGroup = fmt.Sprintf("tc filter dev %q block %d parent %x chain %v pref %d protocol %x %s",
		l.dev, l.block, l.spec.Parent, l.spec.Chain, l.prio, l.protocol, l.spec.Kind)
	step.Undo = func(req nl.Message, echo *nl.Message) (nl.Message, bool) {
		if echo == nil {
			return nl.Message{}, false
		}
		h, err := rtnl.DecodeTCMsg(req.Data)
		if err != nil {
			return nl.Message{}, false
		}
		added, err := rtnl.DecodeTCMsg(echo.Data)
		if err != nil {
			return nl.Message{}, false
		}
		h.Handle = added.Handle
		del := rtnl.TCSpec{TCMsg: h, Kind: l.spec.Kind, Chain: l.spec.Chain}
		m, err := del.Message(unix.RTM_DELTFILTER, 0)
		return m, err == nil
	}
}

// u32Bucket is a bucket of a u32 hash table: where a filter added without
// a node id of its own gets one from the kernel.
type u32Bucket struct {
	ifindex       int32
	parent, chain uint32 // parent: a block's index on a block
	prio          uint32
	hash          uint32 // TCA_U32_HASH: table and bucket; 0 for the root table
}

// u32Keys counts the keys this process (a batch) has added to each
// bucket without a node id.
var u32Keys = map[u32Bucket]int{}

// u32NodeIDs is how many node ids a bucket has (12 bits, 0 unused).
const u32NodeIDs = 0xfff

// countU32Key warns when a batch adds more keys to one u32 bucket than it
// has node ids, which tc does not: past them the kernel refuses keys, or
// (before Linux 6.4) gives them all the last id, so that they cannot be
// told apart or deleted one by one.
func (l *line) countU32Key(e *env.Env) {
	u, ok := l.spec.Options.(*rtnl.U32Filter)
	if !ok || u.Divisor.Set || l.spec.Handle&u32NodeIDs != 0 {
		return
	}
	b := u32Bucket{ifindex: l.spec.Ifindex, parent: l.spec.Parent, chain: l.spec.Chain.V, prio: l.spec.Info >> 16, hash: u.Hash.V}
	u32Keys[b]++
	if u32Keys[b] == u32NodeIDs+1 {
		fmt.Fprintf(e.Stderr, "Warning: u32: this is key %d of bucket %s of pref %d: a bucket has %d node ids; "+
			"hash the keys into more buckets (divisor, hashkey, link)\n", u32NodeIDs+1, bucketText(u.Hash.V), b.prio, u32NodeIDs)
	}
}

// bucketText names a bucket as tc's ht option does ("2:5:"), "800:" for
// the root table's.
func bucketText(hash uint32) string {
	if hash == 0 {
		return "800:"
	}
	return strconv.FormatUint(uint64(hash>>20), 16) + ":" + strconv.FormatUint(uint64(hash>>12&0xff), 16) + ":"
}
