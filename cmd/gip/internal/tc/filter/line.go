package filter

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/action"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/sched"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// line is a parsed filter command line (add, change, replace, delete,
// get): the request and what it was selected by.
type line struct {
	dev         string
	block       uint32
	prio        uint32
	protocol    uint16
	protocolSet bool
	handle      string
	chain       rtnl.Opt[uint32]
	spec        rtnl.TCSpec
	kind        *Kind
	rest        []string // the words after the kind's name
	help        bool     // "help" before the kind: tc prints usage and succeeds

	// held is the actions the kind read, released once the request
	// has been answered (a bpf action's program).
	held []rtnl.Action
	// unresolved says the kind's words name a device (mirred's dev)
	// that did not exist when a batch's line was read: an earlier line
	// may make it, so the words are read again when the line is sent.
	unresolved bool
}

// parseLine reads the words tc_filter_modify (or, for get, tc_filter_get)
// reads before the kind; parseKind reads the kind's own.
func parseLine(e *env.Env, args []string, get bool) (*line, error) {
	l := &line{}
	s := &l.spec
	a := grammar.NewArgs(args)
	parent := func(w string, h uint32) error {
		if s.Parent != 0 {
			return fail.Usagef("Error: %q is duplicate parent ID", w)
		}
		s.Parent = h
		return nil
	}
	for a.More() && l.kind == nil {
		w := a.Next()
		var err error
		switch {
		case w == "dev":
			var v string
			if v, err = a.Value(); err != nil {
				return nil, err
			}
			switch {
			case l.dev != "":
				return nil, fail.Duplicate("dev", v)
			case l.block != 0:
				return nil, fail.Usagef(`Error: "dev" and "block" are mutually exclusive`)
			}
			l.dev = v
		case grammar.Matches(w, "block"):
			var v string
			if v, err = a.Value(); err != nil {
				return nil, err
			}
			switch {
			case l.block != 0:
				return nil, fail.Duplicate("block", v)
			case l.dev != "":
				return nil, fail.Usagef(`Error: "dev" and "block" are mutually exclusive`)
			}
			b, ok := grammar.ParseCUint(v, 32)
			if !ok || b == 0 {
				return nil, fail.Invalid("invalid block index value", v)
			}
			l.block = uint32(b)
		case w == "root":
			err = parent(w, rtnl.HandleRoot)
		case w == "ingress":
			err = parent(w, rtnl.MakeHandle(0xFFFF, rtnl.MinIngress))
		case w == "egress":
			err = parent(w, rtnl.MakeHandle(0xFFFF, rtnl.MinEgress))
		case w == "parent":
			var v string
			if v, err = a.Value(); err != nil {
				return nil, err
			}
			if s.Parent != 0 {
				return nil, fail.Duplicate("parent", v)
			}
			h, ok := sched.ParseClassID(v)
			if !ok {
				return nil, fail.Invalid("Invalid parent ID", v)
			}
			s.Parent = h
		case w == "handle":
			var v string
			if v, err = a.Value(); err != nil {
				return nil, err
			}
			if l.handle != "" {
				return nil, fail.Duplicate("handle", v)
			}
			l.handle = v
		case grammar.Matches(w, "preference") || grammar.Matches(w, "priority"):
			var v string
			if v, err = a.Value(); err != nil {
				return nil, err
			}
			if l.prio != 0 {
				return nil, fail.Duplicate("priority", v)
			}
			p, ok := grammar.ParseCUint(v, 32)
			if !ok || p > 0xFFFF {
				return nil, fail.Invalid("invalid priority value", v)
			}
			l.prio = uint32(p)
		case grammar.Matches(w, "protocol"):
			var v string
			if v, err = a.Value(); err != nil {
				return nil, err
			}
			if l.protocolSet {
				return nil, fail.Duplicate("protocol", v)
			}
			p, ok := grammar.ParseEthProto(v)
			if !ok {
				return nil, fail.Invalid("invalid protocol", v)
			}
			l.protocol, l.protocolSet = p, true
		case grammar.Matches(w, "chain"):
			var v string
			if v, err = a.Value(); err != nil {
				return nil, err
			}
			if l.chain.Set {
				return nil, fail.Duplicate("chain", v)
			}
			c, ok := grammar.ParseCUint(v, 32)
			if !ok {
				return nil, fail.Invalid("invalid chain index value", v)
			}
			l.chain = rtnl.Some(uint32(c))
		case !get && grammar.Matches(w, "estimator"):
			est, err := qdisc.ParseEstimator(e, a, s.Estimator.Set)
			if err != nil {
				return nil, err
			}
			s.Estimator = rtnl.Some(est)
		case grammar.Matches(w, "help"):
			l.help = true
			return l, nil
		default:
			if get && w == "" {
				return nil, fail.Invalid("invalid filter name", w)
			}
			l.kind, s.Kind = Lookup(w), w
		}
		if err != nil {
			return nil, err
		}
	}
	s.Chain = l.chain
	l.rest = a.Rest()
	return l, nil
}

// parseKind reads the kind's words (and the filter's handle) into the
// request; without a kind, a handle or a word is an error. In a batch,
// with later set, a device the words name that does not exist yet is
// left for the line to be read again when it is sent (see unresolved).
func (l *line) parseKind(e *env.Env, later bool) error {
	s := &l.spec
	if l.kind == nil {
		if l.handle != "" {
			return fail.Usagef(`Must specify filter type when using "handle"`)
		}
		return nil
	}
	l.unresolved = false
	index := func(name string) (int32, error) {
		i, err := e.Links().Index(name)
		if errors.Is(err, unix.ENODEV) && e.G.HasBatch && later {
			l.unresolved = true
			return 0, nil
		}
		return i, err
	}
	p := &Parser{Args: grammar.NewArgs(l.rest), Kind: l.kind.Name, Usage: l.kind.Usage, Handle: l.handle, Protocol: l.protocol, Msg: &s.TCMsg,
		Index: index,
		Realm: func(name string) (uint32, bool) { return e.Names().ParseRealm(name) }, Stderr: e.Stderr}
	o := l.kind.New()
	err := l.kind.Parse(p, o)
	l.held = p.Held
	if err != nil {
		l.release()
		return err
	}
	if _, raw := o.(*rtnl.UnknownOptions); !raw {
		s.Options = o
	}
	return nil
}

// release lets go of what the parsed request holds open: programs its
// actions loaded.
func (l *line) release() {
	action.Release(l.held)
	l.held = nil
}

// releaseAll is release, and also lets go of what the kind's options
// hold (a bpf filter's program).
func (l *line) releaseAll() {
	if r, ok := l.spec.Options.(interface{ Release() }); ok {
		r.Release()
	}
	l.spec.Options = nil
	l.release()
}

// header completes the request's header once the device is known: the
// priority and protocol (network order) in tcm_info, the device or the
// block.
func (l *line) header(e *env.Env) error {
	s := &l.spec
	proto := l.protocol
	s.Info = l.prio<<16 | uint32(proto>>8|proto<<8)
	switch {
	case l.dev != "":
		i, err := e.Links().Index(l.dev)
		if err != nil {
			return err
		}
		s.Ifindex = i
	case l.block != 0:
		s.Ifindex, s.Parent = rtnl.IfindexBlock, l.block
	}
	return nil
}

// helpAnswer prints tc's usage and exits 0, as "help" among a filter's
// words does.
func helpAnswer(e *env.Env) error {
	fmt.Fprintln(e.Stderr, usage)
	return nil
}
