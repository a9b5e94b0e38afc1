package bridge

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/plan"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const mdbUsage = `Usage: gip bridge mdb { add | del | replace } dev DEV port PORT grp GROUP [src SOURCE] [permanent | temp] [vid VID]
              [ filter_mode { include | exclude } ] [ source_list SOURCE_LIST ] [ proto PROTO ]
       gip bridge mdb {show} [ dev DEV ] [ vid VID ]
       gip bridge mdb get dev DEV grp GROUP [ src SOURCE ] [ vid VID ]
       gip bridge mdb flush dev DEV [ port PORT ] [ vid VID ] [ proto PROTO ] [ [no]permanent ]`

// mdbObject is bridge mdb: the multicast group memberships of bridge
// ports.
func mdbObject() *command.Object {
	o := object("mdb",
		[][2]string{
			{"add", "add"}, {"delete", "delete"}, {"replace", "replace"},
			{"show", "show"}, {"list", "show"}, {"lst", "show"}, {"get", "get"}, {"flush", "flush"},
		},
		mdbModifyVerb("add", unix.RTM_NEWMDB, nl.Create|nl.Excl),
		mdbModifyVerb("delete", unix.RTM_DELMDB, 0),
		mdbModifyVerb("replace", unix.RTM_NEWMDB, nl.Create|nl.Replace),
		command.Verb{Use: "show [ dev DEV ] [ vid VID ]", Short: "show multicast group memberships", Run: runMdbShow},
		command.Verb{Use: "get dev DEV grp GROUP [ src SOURCE ] [ vid VID ]", Short: "show one membership (Linux 6.8)", Run: runMdbGet},
		noUndo("bridge mdb", command.Planned("flush dev DEV [ port PORT ] [ vid VID ] [ proto PROTO ] [ [no]permanent ]",
			"delete the memberships that match (Linux 6.8)", planMdbFlush)),
	)
	o.Usage = mdbUsage
	unknown := o.Unknown
	o.Unknown = func(w string) error {
		if grammar.Matches(w, "help") {
			return fail.Usagef("%s", mdbUsage)
		}
		return unknown(w)
	}
	return o
}

// mdbModifyVerb is add, del or replace: one request of type typ with
// flags.
func mdbModifyVerb(name string, typ uint16, flags nl.Flags) command.Verb {
	return noUndo("bridge mdb", command.Planned(name+" dev DEV port PORT grp GROUP [ src SOURCE ] [ permanent | temp ] [ vid VID ] [ filter_mode MODE ] [ source_list LIST ] [ proto PROTO ]",
		name+" a multicast group membership",
		func(e *env.Env, args []string) ([]plan.Step, error) { return planMdbModify(e, args, typ, flags) }))
}

// mdbWords is an mdb command line as bridge reads it: keywords with
// values in any order; a word it does not know is skipped, "help" prints
// the usage.
type mdbWords struct {
	dev, port, grp, src string
	vid                 uint16
	permanent, noperm   bool
	mode, list, proto   string
}

// parseMdbWords reads the words; only keys names the keywords with values
// the verb takes.
func parseMdbWords(args []string, keys ...string) (*mdbWords, error) {
	w := &mdbWords{}
	values := map[string]*string{"dev": &w.dev, "port": &w.port, "grp": &w.grp, "src": &w.src,
		"filter_mode": &w.mode, "source_list": &w.list, "proto": &w.proto}
	a := grammar.NewArgs(args)
	for a.More() {
		word := a.Next()
		switch {
		case word == "vid" && slices.Contains(keys, "vid"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			w.vid = uint16(grammar.Atoi(v))
		case values[word] != nil && slices.Contains(keys, word):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			*values[word] = v
		case word == "permanent" && slices.Contains(keys, word):
			w.permanent = true
		case word == "nopermanent" && slices.Contains(keys, word):
			w.noperm, w.permanent = true, false
		case word == "temp" && slices.Contains(keys, word):
		case grammar.Matches(word, "help"):
			return nil, fail.Usagef("%s", mdbUsage)
		}
	}
	return w, nil
}

// parseGroup reads a group as bridge does: IPv4, IPv6 or a link-layer
// address; the error is bridge's (with ll_addr_a2n's complaint first
// when it has one, and the group as that function leaves it).
func parseGroup(s string) (rtnl.MDBGroup, error) {
	if a, err := netip.ParseAddr(s); err == nil && a.Zone() == "" {
		return rtnl.MDBGroup{Addr: a}, nil
	}
	b, n, complaint := grammar.LLAddrA2N(s, 6)
	if n == 6 && len(b) == 6 {
		return rtnl.MDBGroup{MAC: rtnl.HardwareAddr(b)}, nil
	}
	msg := fmt.Sprintf("Invalid address %q", grammar.LLAddrShown(s))
	if complaint != "" {
		msg = complaint + "\n" + msg
	}
	return rtnl.MDBGroup{}, fail.Usagef("%s", msg)
}

// planMdbModify parses add, del or replace. The devices are looked up
// when the step is built, and the words that bridge checks after them
// (group, source, mode, list, protocol) are reported then, in its order.
func planMdbModify(e *env.Env, args []string, typ uint16, flags nl.Flags) ([]plan.Step, error) {
	w, err := parseMdbWords(args, "dev", "port", "grp", "src", "vid", "permanent", "temp", "filter_mode", "source_list", "proto")
	if err != nil {
		return nil, err
	}
	if w.dev == "" || w.grp == "" || w.port == "" {
		return nil, fail.Usagef("Device, group address and port name are required arguments.")
	}
	names := e.Names()
	step := plan.Step{Report: fail.Kernel, Build: func(e *env.Env) (nl.Message, error) {
		c := rtnl.MDBChange{VID: w.vid}
		var err error
		if c.Bridge, err = e.Links().Index(w.dev); err != nil {
			return nl.Message{}, err
		}
		if c.Port, err = e.Links().Index(w.port); err != nil {
			return nl.Message{}, err
		}
		if err := w.fill(&c, names); err != nil {
			return nl.Message{}, err
		}
		if w.permanent && typ == unix.RTM_NEWMDB {
			c.State = rtnl.MDBPermanent
		}
		return c.Message(typ, flags)
	}}
	if typ == unix.RTM_NEWMDB && flags&nl.Excl != 0 {
		step.Undo = undoMdbAdd
	}
	return []plan.Step{step}, nil
}

// fill puts the group and the words checked after the devices into c,
// with bridge's message for the first that is wrong.
func (w *mdbWords) fill(c *rtnl.MDBChange, names *env.Names) error {
	g, err := parseGroup(w.grp)
	if err != nil {
		return err
	}
	c.Group = g
	if w.src != "" {
		a, err := netip.ParseAddr(w.src)
		if err != nil || a.Zone() != "" {
			return fail.Usagef("Invalid source address %q", w.src)
		}
		c.Source = a
	}
	switch w.mode {
	case "":
	case "include":
		c.GroupMode, c.HasGroupMode = 1, true
	case "exclude":
		c.GroupMode, c.HasGroupMode = 0, true
	default:
		return fail.Usagef("Invalid filter mode %q", w.mode)
	}
	if w.list != "" {
		c.Sources = []netip.Addr{}
		for _, s := range strings.Split(w.list, ",") {
			a, err := netip.ParseAddr(s)
			if err != nil || a.Zone() != "" {
				return fail.Usagef("Invalid source entry %q in source list", s)
			}
			c.Sources = append(c.Sources, a)
		}
	}
	if w.proto != "" {
		p, ok := names.ParseProto(w.proto)
		if !ok {
			return fail.Usagef("Invalid protocol value %q", w.proto)
		}
		c.Protocol, c.HasProtocol = p, true
	}
	return nil
}

// undoMdbAdd deletes the membership an add created: the same entry in a
// RTM_DELMDB.
func undoMdbAdd(req nl.Message, _ *nl.Message) (nl.Message, bool) {
	return nl.Message{Header: nl.Header{Type: unix.RTM_DELMDB}, Data: req.Data}, true
}

// planMdbFlush parses flush: a bulk delete of the memberships of a bridge
// that match the port, vid, protocol and state given.
func planMdbFlush(e *env.Env, args []string) ([]plan.Step, error) {
	w, err := parseMdbWords(args, "dev", "port", "vid", "proto", "permanent", "nopermanent")
	if err != nil {
		return nil, err
	}
	if w.dev == "" {
		return nil, fail.Usagef("Device is a required argument.")
	}
	names := e.Names()
	return []plan.Step{{Report: fail.Kernel, Build: func(e *env.Env) (nl.Message, error) {
		c := rtnl.MDBChange{VID: w.vid}
		var err error
		if c.Bridge, err = e.Links().Index(w.dev); err != nil {
			return nl.Message{}, err
		}
		if w.port != "" {
			if c.Port, err = e.Links().Index(w.port); err != nil {
				return nl.Message{}, err
			}
		}
		if w.proto != "" {
			p, ok := names.ParseProto(w.proto)
			if !ok {
				return nl.Message{}, fail.Usagef("Invalid protocol value %q", w.proto)
			}
			c.Protocol, c.HasProtocol = p, true
		}
		if w.permanent || w.noperm {
			c.StateMask = rtnl.MDBPermanent
			if w.permanent {
				c.State = rtnl.MDBPermanent
			}
		}
		return c.Message(unix.RTM_DELMDB, nl.Bulk)
	}}}, nil
}

// runMdbGet asks the kernel for one membership and prints it as show
// does. A refusal exits 254, as bridge's get does.
func runMdbGet(e *env.Env, args []string) error {
	w, err := parseMdbWords(args, "dev", "grp", "src", "vid")
	if err != nil {
		return err
	}
	if w.dev == "" || w.grp == "" {
		return fail.Usagef("Device and group address are required arguments.")
	}
	c := rtnl.MDBChange{VID: w.vid}
	if c.Bridge, err = e.Links().Index(w.dev); err != nil {
		return err
	}
	if err := w.fill(&c, e.Names()); err != nil {
		return err
	}
	req, err := c.Message(unix.RTM_GETMDB, 0)
	if err != nil {
		return err
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	replies, err := conn.Execute(req)
	if err != nil {
		return &statusError{fail.Kernel(err), getStatus}
	}
	v := newMdbView(e)
	for _, r := range replies {
		m, err := rtnl.ParseMDB(r)
		if err != nil {
			return err
		}
		v.entries = append(v.entries, m.Entries...)
	}
	p := e.Printer()
	for i := range v.entries {
		if err := p.Print(&mdbEntryView{v: v, e: &v.entries[i]}); err != nil {
			return err
		}
	}
	return p.Close()
}

// getStatus is bridge's exit status for a refused get.
const getStatus = 254
