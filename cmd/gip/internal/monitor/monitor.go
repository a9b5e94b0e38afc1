package monitor

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl"
)

const usage = `Usage: gip monitor [ all | OBJECTS ] [ FILE ] [ label ] [ all-nsid ]
                  [ dev DEVICE ]
OBJECTS :=  address | link | mroute | neigh | netconf |
            nexthop | nsid | prefix | route | rule | stats
FILE := file FILENAME
`

// Object is gip monitor. It has no verbs: its words are objects and
// options, read by Options, which then runs the monitor.
func Object() *command.Object {
	return &command.Object{
		Name:  "monitor",
		Short: "watch netlink events (links, addresses, routes, rules, nexthops, neighbours, netconf, nsid, prefixes, traffic control)",
		Usage: usage,
		Options: func(e *env.Env, words []string) ([]string, bool, error) {
			return nil, true, runWords(e, words)
		},
		Verbs: verbs(),
	}
}

// verbs are the first words of a monitor's command line, for help,
// completion and the man page; Options reads the whole line before any
// verb is looked up.
func verbs() []command.Verb {
	var vs []command.Verb
	for _, w := range [][2]string{
		{"all", "every object, each event labelled"},
		{"link", "link events"},
		{"address", "address events"},
		{"route", "route events"},
		{"rule", "routing rule events"},
		{"neigh", "neighbour events"},
		{"nexthop", "nexthop object events"},
		{"netconf", "per-device IP settings events (forwarding, rp_filter, ...)"},
		{"nsid", "namespace id events"},
		{"prefix", "IPv6 prefixes routers advertise"},
		{"qdisc", "queueing discipline events (not part of all)"},
		{"class", "traffic class events (not part of all)"},
		{"filter", "traffic filter events (not part of all)"},
		{"chain", "filter chain events (not part of all)"},
		{"tc", "qdisc, class, filter and chain events"},
		{"xfrm", "IPsec events (states, policies, acquires, expiries; alone, not part of all), as ip xfrm monitor prints them"},
		{"label", "label each event with its object ([LINK], [ROUTE], ...)"},
		{"all-nsid", "events of every namespace with an id here, each prefixed [nsid N]"},
	} {
		word := w[0]
		vs = append(vs, command.Verb{
			Use:   word + " [ OBJECT... ] [ label ] [ dev DEVICE ]",
			Short: "watch " + w[1],
			Run:   func(e *env.Env, args []string) error { return runWords(e, append([]string{word}, args...)) },
		})
	}
	return vs
}

// runWords parses a command line and watches.
func runWords(e *env.Env, words []string) error {
	o, err := parseArgs(e, words)
	if err != nil {
		return err
	}
	return run(e, o)
}

// objects the monitor watches, as bits.
type objects uint

const (
	objLink objects = 1 << iota
	objAddr
	objRoute
	objMroute
	objPrefix
	objNeigh
	objNetconf
	objStats
	objRule
	objNsid
	objNexthop
	objQdisc // traffic control: gip's own, ip monitor has none
	objClass
	objFilter
	objChain
	objXfrm // IPsec: a socket of its own, watched alone

	// objTC is tc's objects, which ip monitor has not: watched only
	// when named (or "tc").
	objTC = objQdisc | objClass | objFilter | objChain
	// objIP is ip monitor's objects: all of them when none is named.
	objIP = objLink | objAddr | objRoute | objMroute | objPrefix | objNeigh | objNetconf | objStats | objRule | objNsid | objNexthop
)

// options is a parsed command line.
type options struct {
	objs    objects // what to watch; all when none was named
	named   bool    // objects were named
	label   bool    // "[ROUTE]" and such before each event
	all     bool    // "all": every ip object even with tc objects named
	allNSID bool
	dev     string
	ifindex int32
	file    string // replay this rtmon capture instead of watching
	// xfrmGroups are the xfrm groups named (none: all of them); nokeys
	// hides the keys of reports (ip 6.1 prints those of states).
	xfrmGroups []uint32
	nokeys     bool
}

// parseArgs reads ip monitor's words, in ip's order of matching.
func parseArgs(e *env.Env, words []string) (*options, error) {
	o := &options{}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		m := func(full string) bool { return grammar.Matches(w, full) }
		switch {
		case m("file"):
			name, err := a.Value()
			if err != nil {
				return nil, err
			}
			o.file = name
		case m("label"):
			o.label = true
		case m("link"):
			o.objs |= objLink
		case m("address"):
			o.objs |= objAddr
		case m("route"):
			o.objs |= objRoute
		case m("mroute"):
			o.objs |= objMroute
		case m("prefix"):
			o.objs |= objPrefix
		case m("neigh"):
			o.objs |= objNeigh
		case m("netconf"):
			o.objs |= objNetconf
		case m("rule"):
			o.objs |= objRule
		case m("nsid"):
			o.objs |= objNsid
		case m("nexthop"):
			o.objs |= objNexthop
		case w == "stats":
			o.objs |= objStats
		case w == "all":
			o.label, o.all = true, true
		case m("all-nsid"):
			o.allNSID = true
		case m("help"):
			return nil, fail.Usagef("%s", usage[:len(usage)-1])
		case m("qdisc"):
			o.objs |= objQdisc
		case m("class"):
			o.objs |= objClass
		case m("filter"):
			o.objs |= objFilter
		case m("chain"):
			o.objs |= objChain
		case w == "tc":
			o.objs |= objTC
		case w == "xfrm":
			o.objs |= objXfrm
		case w == "dev":
			name, err := a.Value()
			if err != nil {
				return nil, err
			}
			i, err := e.Links().Index(name)
			if err != nil {
				return nil, fail.Invalid("Device does not exist\n", name)
			}
			o.dev, o.ifindex = name, i
		default:
			return nil, fail.Usagef("Argument %q is unknown, try \"ip monitor help\".", w)
		}
	}
	o.named = o.objs != 0
	if o.objs&objXfrm != 0 {
		if o.objs != objXfrm || o.all || o.dev != "" {
			return nil, fail.Usagef("xfrm events come on a socket of their own: \"%s monitor xfrm\" takes no other object, all or dev.", command.Prog)
		}
		return o, nil
	}
	// No ip object named (or "all" with only tc's): every ip object, as
	// ip monitor watches them.
	if o.objs&objIP == 0 && (!o.named || o.all) {
		o.objs |= objIP
	}
	return o, nil
}

// run watches until the output fails or the socket does.
func run(e *env.Env, o *options) error {
	if o.file != "" {
		return replay(e, o)
	}
	conn, err := subscribe(e, o)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := e.Links().Preload(); err != nil {
		return fail.Kernel(err)
	}
	m := newMonitor(e, o)
	if o.objs&(objRoute|objNexthop) != 0 {
		if err := m.startSilent(); err != nil {
			return err
		}
	}
	return m.loop(conn)
}

// loop prints the events of conn as they come; after an overrun it
// resynchronises.
func (m *monitor) loop(conn *nl.Conn) error {
	for {
		// A check may come due after any events, those a check itself
		// prints included: look before waiting for more.
		if m.silent.due(conn) {
			if err := m.settle(conn); err != nil {
				return err
			}
			continue
		}
		msgs, err := m.receive(conn)
		if err == nl.ErrOverrun {
			if err := m.overrun(conn); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fail.Kernel(err)
		}
		for _, msg := range msgs {
			if err := m.event(msg, false); err != nil {
				return err
			}
		}
		if err := m.flush(); err != nil {
			return err
		}
	}
}

// receive reads the next datagram of events and notes which namespace it
// comes from.
func (m *monitor) receive(conn *nl.Conn) ([]nl.Message, error) {
	if !m.o.allNSID {
		return conn.Receive()
	}
	msgs, nsid, err := conn.ReceiveNSID()
	m.from = nsid
	return msgs, err
}

// flush hands what was printed to the output.
func (m *monitor) flush() error { return m.out.flush() }
