package nexthop

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// selector is the SELECTOR of show and flush: what the kernel filters,
// a protocol gip filters, or one id.
type selector struct {
	dump  rtnl.NexthopDumpFilter
	proto uint32
	id    uint32 // set: only this object, by a get or a delete
	all   bool   // no words at all
}

// parseSelector reads SELECTOR, resolving the devices it names.
func parseSelector(e *env.Env, words []string) (*selector, error) {
	s := &selector{all: len(words) == 0}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "dev") || grammar.Matches(w, "master"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			idx, err := e.Links().Index(v)
			if err != nil {
				return nil, fail.Invalid("Device does not exist\n", v)
			}
			if grammar.Matches(w, "dev") {
				s.dump.OIF = idx
			} else {
				s.dump.Master = idx
			}
		case grammar.Matches(w, "groups"):
			s.dump.Groups = true
		case grammar.Matches(w, "vrf"):
			return nil, fail.Usagef("Error: \"vrf\" is not supported by %s nexthop yet", command.Prog)
		case w == "id":
			// ip acts on the one object at once, whatever follows.
			id, err := grammar.ParseValue(a, parseID, "invalid id value")
			if err != nil {
				return nil, err
			}
			s.id = id
			return s, nil
		case grammar.Matches(w, "protocol"):
			p, err := grammar.ParseValue(a, parseID, "invalid protocol value")
			if err != nil {
				return nil, err
			}
			s.proto = p
		case grammar.Matches(w, "fdb"):
			s.dump.FDB = true
		case grammar.Matches(w, "help"):
			return nil, usageError()
		default:
			return nil, fail.Invalid("", w)
		}
	}
	return s, nil
}

// selects reports whether the selector's protocol lets n through.
func (s *selector) selects(n *rtnl.NexthopObject) bool {
	return s.proto == 0 || uint32(n.Protocol) == s.proto
}

// runShow is nexthop show: the selected objects of a dump, printed as
// they stream in.
func runShow(e *env.Env, args []string) error {
	s, err := parseSelector(e, args)
	if err != nil {
		return err
	}
	if s.id != 0 {
		return show(e, s.id)
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	if err := e.Links().Preload(); err != nil {
		return err
	}
	p := e.Printer()
	for m, err := range c.Dump(rtnl.NexthopDumpRequestFiltered(e.G.Family, s.dump)) {
		if err != nil {
			if errors.Is(err, nl.ErrDumpInterrupted) {
				fmt.Fprintln(e.Stderr, "Dump was interrupted and may be inconsistent.")
				break
			}
			if !e.G.JSON {
				p.Close()
			}
			return fail.DumpError(err, "Dump terminated")
		}
		n, err := rtnl.DecodeNexthop(m)
		if err != nil {
			return err
		}
		if !s.selects(&n) {
			continue
		}
		if err := p.Print(record{View{Env: e, Nexthop: &n, Deleted: m.Header.Type == unix.RTM_DELNEXTHOP}}); err != nil {
			return err
		}
	}
	return p.Close()
}

// runFlush is nexthop flush: it deletes the selected objects (groups
// first when flushing everything, as ip does) and says how many went.
func runFlush(e *env.Env, args []string) error {
	s, err := parseSelector(e, args)
	if err != nil {
		return err
	}
	if s.id != 0 {
		return plan.Run(e, []plan.Step{deleteStep(s.id)})
	}
	c, err := e.Conn()
	if err != nil {
		return err
	}
	f := s.dump
	if s.all {
		f = rtnl.NexthopDumpFilter{Groups: true}
	}
	flushed := 0
	for pass := 0; pass < 2; pass++ {
		msgs, err := c.DumpAll(rtnl.NexthopDumpRequestFiltered(e.G.Family, f))
		if err != nil && !errors.Is(err, nl.ErrDumpInterrupted) {
			fmt.Fprintln(e.Stderr, "Dump terminated. Failed to flush nexthops")
			break
		}
		for _, m := range msgs {
			n, err := rtnl.DecodeNexthop(m)
			if err != nil || n.ID == 0 || !s.selects(&n) {
				continue
			}
			dm, _ := deleteMessage(n.ID)
			if _, err := c.Execute(dm); err == nil {
				flushed++
			} else {
				fmt.Fprintf(e.Stderr, "Failed to delete nexthop %d: %s\n", n.ID, fail.Strerror(err))
			}
		}
		if !s.all || !f.Groups {
			break
		}
		f.Groups = false
	}
	if flushed == 0 {
		fmt.Fprintln(e.Stdout, "Nothing to flush")
	} else {
		fmt.Fprintf(e.Stdout, "Flushed %d nexthops\n", flushed)
	}
	return nil
}
