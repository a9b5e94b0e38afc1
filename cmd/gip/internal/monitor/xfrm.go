package monitor

import (
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/xfrm"
	"github.com/gip-suite/gip/internal/nl"
	nlxfrm "github.com/gip-suite/gip/internal/nl/xfrm"
	"golang.org/x/sys/unix"
)

// IPsec's events come on a NETLINK_XFRM socket of their own: gip monitor
// xfrm and gip xfrm monitor watch them alone, printed as ip xfrm monitor
// prints them.

const xfrmUsage = `Usage: ip xfrm monitor [ nokeys ] [ all-nsid ] [ all | OBJECTS | help ]
OBJECTS := { acquire | expire | SA | aevent | policy | report }`

// xfrmAllGroups are the groups ip xfrm monitor joins when no object is
// named: every one the kernel has.
var xfrmAllGroups = []uint32{
	nlxfrm.GroupAcquire, nlxfrm.GroupExpire, nlxfrm.GroupSA, nlxfrm.GroupPolicy,
	nlxfrm.GroupAEvents, nlxfrm.GroupReport, nlxfrm.GroupMigrate, nlxfrm.GroupMapping,
}

// WatchXfrm is gip xfrm monitor: ip xfrm monitor's words, then the
// monitor on the xfrm socket.
func WatchXfrm(e *env.Env, words []string) error {
	o, err := parseXfrmArgs(words)
	if err != nil {
		return err
	}
	return run(e, o)
}

// parseXfrmArgs reads ip xfrm monitor's words, in ip's order of
// matching (the object words are prefixes, "SA" in capitals).
func parseXfrmArgs(words []string) (*options, error) {
	o := &options{objs: objXfrm}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "file"):
			name, err := a.Value()
			if err != nil {
				return nil, err
			}
			o.file = name
		case w == "nokeys":
			o.nokeys = true
		case w == "all":
		case grammar.Matches(w, "all-nsid"):
			o.allNSID = true
		case grammar.Matches(w, "help"):
			return nil, fail.Usagef("%s", strings.ReplaceAll(xfrmUsage, "ip xfrm", command.Prog+" xfrm"))
		default:
			g, ok := xfrmGroup(w)
			if !ok {
				return nil, fail.Usagef("Argument %q is unknown, try \"%s xfrm monitor help\".", w, command.Prog)
			}
			o.xfrmGroups = append(o.xfrmGroups, g)
		}
	}
	return o, nil
}

// xfrmGroup is the group of an object word of ip xfrm monitor.
func xfrmGroup(w string) (uint32, bool) {
	for _, g := range xfrm.Groups {
		if grammar.Matches(w, g.Word) {
			return g.Group, true
		}
	}
	return 0, false
}

// subscribeXfrm opens the xfrm socket, joined to the groups named or to
// all of them.
func subscribeXfrm(e *env.Env, o *options, size int) (*nl.Conn, error) {
	groups := o.xfrmGroups
	if len(groups) == 0 {
		groups = xfrmAllGroups
	}
	return nl.Dial(unix.NETLINK_XFRM, &nl.Config{NetNS: e.G.NetNS, Groups: groups, RecvBuf: size, ListenAllNSID: o.allNSID})
}

// xfrmEvent makes the event of an xfrm message.
func (m *monitor) xfrmEvent(msg nl.Message) (*event, error) {
	n, err := xfrm.Decode(m.e, msg, m.o.nokeys)
	if err != nil {
		return nil, err
	}
	return &event{object: n.Object, label: "[XFRM]", action: n.Action, rec: n.Rec}, nil
}

// resyncXfrm prints every state and policy as a resync's events.
func (m *monitor) resyncXfrm() error {
	if m.o.objs&objXfrm == 0 {
		return nil
	}
	return xfrm.Resync(m.e, func(n *xfrm.Notice) error {
		return m.out.event(m.o, &event{object: n.Object, label: "[XFRM]", action: n.Action, rec: n.Rec, nsid: nl.CurrentNSID}, true)
	})
}
