package ntable

import (
	"math"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// change is a parsed change: the request, and the device whose
// parameters it changes (named again when the step is built).
type change struct {
	t     rtnl.NeighTable
	parms rtnl.NeighTableParms // sent only when not empty
	dev   string
}

// u32Words and u64Words are the numeric words of change and where each
// goes; a parameter word makes a change of parameters.
func (c *change) u32Words() map[string]**uint32 {
	p := &c.parms
	return map[string]**uint32{
		"thresh1": &c.t.Thresh1, "thresh2": &c.t.Thresh2, "thresh3": &c.t.Thresh3,
		"queue": &p.QueueLen, "app_probes": &p.AppProbes, "ucast_probes": &p.UcastProbes,
		"mcast_probes": &p.McastProbes, "proxy_queue": &p.ProxyQlen,
	}
}

func (c *change) u64Words() map[string]**uint64 {
	p := &c.parms
	return map[string]**uint64{
		"gc_int": &c.t.GCInterval, "base_reachable": &p.BaseReachableTime, "retrans": &p.RetransTime,
		"gc_stale": &p.GCStaletime, "delay_probe": &p.DelayProbeTime, "anycast_delay": &p.AnycastDelay,
		"proxy_delay": &p.ProxyDelay, "locktime": &p.Locktime,
	}
}

// planChange reads change as ip does, in order, each error as ip gives it
// at the word that causes it.
func planChange(e *env.Env, args []string) ([]plan.Step, error) {
	c := &change{t: rtnl.NeighTable{Family: e.G.Family}}
	u32s, u64s := c.u32Words(), c.u64Words()
	hasName := false
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		if w != "name" && w != "dev" && u32s[w] == nil && u64s[w] == nil {
			return nil, fail.Invalid("unknown", w)
		}
		v, err := a.Value()
		if err != nil {
			return nil, err
		}
		switch {
		case w == "name":
			if hasName {
				return nil, fail.Duplicate("NAME", v)
			}
			c.t.Name, hasName = v, true
		case w == "dev":
			i, err := e.Links().Index(v)
			if err != nil || i == 0 {
				return nil, fail.NoDevice(v)
			}
			c.dev = v
		case u32s[w] != nil:
			n, ok := grammar.CUint(v, 0, math.MaxUint32)
			if !ok {
				return nil, fail.Invalid(`"`+w+`" value is invalid`, v)
			}
			x := uint32(n)
			*u32s[w] = &x
		default:
			n, ok := grammar.CUint(v, 0, math.MaxUint64)
			if !ok {
				return nil, fail.Invalid(`"`+w+`" value is invalid`, v)
			}
			*u64s[w] = &n
		}
	}
	if !hasName {
		return nil, fail.Usagef(`Error: argument "NAME" is required`)
	}
	if !c.changes() {
		return nil, fail.Usagef("Not enough information: changeable attributes required.")
	}
	// ip exits at once when the kernel refuses, even in a batch.
	return []plan.Step{{Build: c.build, Report: func(err error) error { return fail.AsFatal(fail.Kernel(err)) }, Fatal: true}}, nil
}

// changes reports whether the request changes anything: a threshold,
// the interval or a parameter (a device alone is not a change).
func (c *change) changes() bool {
	t := c.t
	return t.Thresh1 != nil || t.Thresh2 != nil || t.Thresh3 != nil || t.GCInterval != nil ||
		c.parms != (rtnl.NeighTableParms{})
}

// build makes the request, naming the device again: an earlier line of a
// batch may have renamed it.
func (c *change) build(e *env.Env) (nl.Message, error) {
	t, p := c.t, c.parms
	if c.dev != "" {
		i, err := e.Links().Index(c.dev)
		if err != nil {
			return nl.Message{}, err
		}
		idx := uint32(i)
		p.Ifindex = &idx
	}
	if p != (rtnl.NeighTableParms{}) {
		t.Parms = &p
	}
	return t.Message(unix.RTM_SETNEIGHTBL, nl.Replace)
}
