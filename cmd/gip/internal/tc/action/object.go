package action

import (
	"github.com/gip-suite/gip/cmd/gip/internal/command"
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/cmd/gip/internal/tc/qdisc"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

const usage = "usage: tc actions <ACTSPECOP>*\n" +
	"Where: \tACTSPECOP := ACR | GD | FL\n" +
	"\tACR := add | change | replace <ACTSPEC>*\n" +
	"\tGD := get | delete | <ACTISPEC>*\n" +
	"\tFL := ls | list | flush | <ACTNAMESPEC>\n" +
	"\tACTNAMESPEC :=  action <ACTNAME>\n" +
	"\tACTISPEC := <ACTNAMESPEC> <INDEXSPEC>\n" +
	"\tACTSPEC := action <ACTDETAIL> [INDEXSPEC] [HWSTATSSPEC] [SKIPSPEC]\n" +
	"\tINDEXSPEC := index <32 bit indexvalue>\n" +
	"\tHWSTATSSPEC := hw_stats [ immediate | delayed | disabled ]\n" +
	"\tSKIPSPEC := [ skip_sw | skip_hw ]\n" +
	"\tACTDETAIL := <ACTNAME> <ACTPARAMS>\n" +
	"\t\tExample ACTNAME is gact, mirred, bpf, etc\n" +
	"\t\tEach action has its own parameters (ACTPARAMS)\n"

// usageError is tc's act_usage: the usage and a blank line, exit 255.
func usageError() error { return fail.Usagef("%s", usage) }

// commands are tc's words of "tc actions", in its order of matching.
var commands = [][2]string{
	{"add", "add"}, {"change", "change"}, {"replace", "replace"}, {"delete", "delete"},
	{"get", "get"}, {"list", "show"}, {"show", "show"}, {"lst", "show"}, {"flush", "flush"},
	{"help", "help"},
}

// Object is `tc actions`: the kernel's table of standalone actions.
func Object() *command.Object {
	verb := func(use, short string) command.Verb {
		name := use
		for i := range use {
			if use[i] == ' ' {
				name = use[:i]
				break
			}
		}
		return command.Verb{Use: use, Short: short, Run: func(e *env.Env, args []string) error {
			return run(e, name, args)
		}}
	}
	return &command.Object{
		Name:  "actions",
		Short: "standalone actions",
		Match: commands,
		Usage: usage,
		// tc does nothing without a command, and answers help with its
		// usage and a blank line.
		Options: func(_ *env.Env, words []string) ([]string, bool, error) {
			switch {
			case len(words) == 0:
				return nil, true, nil
			case words[0] == "help":
				return nil, true, usageError()
			}
			return words, false, nil
		},
		Unknown: func(w string) error {
			return fail.Usagef("Command %q is unknown, try \"tc actions help\".", w)
		},
		Verbs: []command.Verb{
			verb("add action KIND [ OPTIONS ] [ index N ] ...", "add actions"),
			verb("change action KIND [ OPTIONS ] [ index N ] ...", "change or add actions"),
			verb("replace action KIND [ OPTIONS ] [ index N ] ...", "replace or add actions"),
			verb("delete action KIND index N ...", "delete actions"),
			verb("get action KIND index N ...", "show actions"),
			verb("show action KIND [ since MSECS ]", "list the actions of a kind"),
			verb("flush action KIND", "delete every action of a kind"),
			verb("help", "print the usage"),
		},
	}
}

// run is tc's do_action: one command, then whatever commands follow on
// the same line.
func run(e *env.Env, cmd string, args []string) error {
	for {
		var rest []string
		var err error
		switch cmd {
		case "add":
			rest, err = modify(e, args, nl.Create|nl.Excl)
		case "change", "replace":
			rest, err = modify(e, args, nl.Create|nl.Replace)
		case "delete":
			rest, err = getDelete(e, unix.RTM_DELACTION, args)
		case "get":
			rest, err = getDelete(e, unix.RTM_GETACTION, args)
		case "show":
			return listFlush(e, unix.RTM_GETACTION, args)
		case "flush":
			return listFlush(e, unix.RTM_DELACTION, args)
		case "help":
			return usageError()
		}
		if err != nil || len(rest) == 0 {
			return err
		}
		name, ok := command.MatchWord(rest[0], commands)
		if !ok {
			return fail.Usagef("Command %q is unknown, try \"tc actions help\".", rest[0])
		}
		cmd, args = name, rest[1:]
	}
}

// kernelFailed is tc's report of a refused request.
func kernelFailed(err error) error {
	return &fail.Error{Msg: (&fail.KernelError{Err: err}).Error() + "\nWe have an error talking to the kernel", Code: fail.ExitUsage, Err: err}
}

// modify is tc_action_modify: an action list, sent as one RTM_NEWACTION.
func modify(e *env.Env, args []string, flags nl.Flags) ([]string, error) {
	a := grammar.NewArgs(args)
	illegal := func(msg string) error {
		if msg != "" {
			msg += "\n"
		}
		return fail.Usagef("%sIllegal \"action\"", msg)
	}
	if !a.More() {
		return nil, illegal("")
	}
	acts, err := ParseList(a, func(name string) (int32, error) { return e.Links().Index(name) }, e.Stderr)
	if err != nil {
		if fe, ok := err.(*fail.Error); ok && fe.Code == fail.ExitLocal {
			return nil, illegal(fe.Msg)
		}
		return nil, err
	}
	defer Release(acts)
	m, err := (&rtnl.ActionMsg{Actions: acts}).Message(unix.RTM_NEWACTION, flags)
	if err != nil {
		return nil, err
	}
	conn, err := e.Conn()
	if err != nil {
		return nil, err
	}
	if _, err := conn.Execute(m); err != nil {
		return nil, kernelFailed(err)
	}
	return a.Rest(), nil
}

// tableKind is the kind tc asks the kernel for when a command names an
// action: tc reads a name it has no code for as gact.
func tableKind(name string) string {
	if _, ok := kinds()[name]; ok || notYet[name] {
		return name
	}
	return "gact"
}

// getDelete is tc_action_gd: "action KIND index N" pairs, sent as one
// request; get prints the kernel's answer.
func getDelete(e *env.Env, typ uint16, args []string) ([]string, error) {
	var acts []rtnl.Action
	var idx uint32
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		switch w {
		case "action":
			continue
		case "help":
			return nil, fail.Usagef("")
		}
		k := tableKind(w)
		if !a.More() || !grammar.Matches(a.Peek(), "index") {
			return nil, fail.Usagef("Error: no index specified action: %s", k)
		}
		a.Next()
		if !a.More() {
			return nil, fail.Incomplete()
		}
		n, ok := grammar.CUint(a.Next(), 10, 0xffffffff)
		if !ok {
			return nil, fail.Usagef("Illegal \"index\"")
		}
		idx = uint32(n)
		act := rtnl.Action{Kind: k}
		if idx > 0 {
			act.Index = rtnl.Some(idx)
		}
		acts = append(acts, act)
	}
	m, err := (&rtnl.ActionMsg{Actions: acts}).Message(typ, 0)
	if err != nil {
		return nil, err
	}
	conn, err := e.Conn()
	if err != nil {
		return nil, err
	}
	if typ == unix.RTM_GETACTION {
		if err := e.Links().Preload(); err != nil {
			return nil, fail.Kernel(err)
		}
	}
	replies, err := conn.Execute(m)
	if err != nil {
		// tc goes on with the words after the verb, which are not a
		// command ("action"): its report follows the kernel's.
		msg := kernelFailed(err).Error()
		if len(args) > 0 {
			if _, ok := command.MatchWord(args[0], commands); !ok {
				return nil, fail.Usagef("%s\nCommand %q is unknown, try \"tc actions help\".", msg, args[0])
			}
		}
		return nil, &fail.Error{Msg: msg, Code: fail.ExitUsage, Err: err}
	}
	if typ == unix.RTM_GETACTION {
		p := e.Printer()
		v := NewView(e)
		qv := qdisc.NewView(e)
		if len(replies) > 0 {
			if err := printMsg(p, replies[0], v, qv); err != nil {
				return nil, err
			}
		}
		if err := p.Close(); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// listFlush is tc_act_list_or_flush: dump or flush the actions of a kind.
func listFlush(e *env.Env, typ uint16, args []string) error {
	if len(args) < 2 {
		return usageError()
	}
	name := args[1]
	args = args[2:]
	req := rtnl.ActionMsg{Actions: []rtnl.Action{{Kind: name}}}
	flags := uint32(rtnl.ActFlagLargeDump)
	if e.G.Brief {
		flags |= rtnl.ActFlagTerseDump
	}
	req.Flags = rtnl.Some(flags)
	if len(args) > 0 && args[0] == "since" {
		if len(args) < 2 {
			return fail.Incomplete()
		}
		ms, ok := grammar.ParseCUint(args[1], 32)
		if !ok {
			return fail.Invalid(`dump time "since" is invalid`, args[1])
		}
		if ms != 0 {
			req.TimeDelta = rtnl.Some(uint32(ms))
		}
	}
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	if typ == unix.RTM_DELACTION {
		m, err := req.Message(typ, nl.Root)
		if err != nil {
			return err
		}
		if _, err := conn.Execute(m); err != nil {
			return &fail.Error{Msg: (&fail.KernelError{Err: err}).Error() + "\nWe have an error flushing", Code: fail.ExitLocal, Err: err}
		}
		return nil
	}
	m, err := req.Message(typ, 0)
	if err != nil {
		return err
	}
	// The dump runs before any other reply is read on the socket, as
	// tc's does: the kernel sizes its first batch of actions by the
	// largest read so far, and tc prints a count per batch.
	var msgs []nl.Message
	var dumpErr error
	for msg, err := range conn.Dump(m) {
		if err != nil {
			dumpErr = err
			break
		}
		msg.Data = append([]byte(nil), msg.Data...)
		msgs = append(msgs, msg)
	}
	if err := e.Links().Preload(); err != nil {
		return fail.Kernel(err)
	}
	p := e.Printer()
	v := NewView(e)
	qv := qdisc.NewView(e)
	for _, msg := range msgs {
		if err := printMsg(p, msg, v, qv); err != nil {
			return err
		}
	}
	if dumpErr != nil {
		return qdisc.DumpError(dumpErr)
	}
	return p.Close()
}

// printMsg prints one action message as tc's print_action: the count,
// then the table.
func printMsg(p *format.Printer, msg nl.Message, v *View, qv *qdisc.View) error {
	var m rtnl.ActionMsg
	if rtnl.DecodeActionMsg(msg, &m) != nil {
		return nil
	}
	if err := p.Print(&totalRecord{m.Count.V}); err != nil {
		return err
	}
	if !m.HasTab {
		if msg.Header.Type != unix.RTM_GETACTION {
			return fail.Localf("print_action: NULL kind")
		}
		return nil
	}
	return p.Print(&Record{Msg: &m, Type: msg.Header.Type, Flags: msg.Header.Flags, View: v, Q: qv})
}

// Event is an action message as tc monitor prints it: the count, then
// the table, marked added, replaced, deleted or flushed in text (JSON has
// no marks: an envelope says what happened). ok is false for a message
// tc prints no table for.
func Event(msg nl.Message, v *View, qv *qdisc.View) (rec format.FieldRecord, ok bool) {
	var m rtnl.ActionMsg
	if rtnl.DecodeActionMsg(msg, &m) != nil || !m.HasTab {
		return nil, false
	}
	return eventRecord{
		total: totalRecord{m.Count.V},
		table: &Record{Msg: &m, Type: msg.Header.Type, Flags: msg.Header.Flags, View: v, Q: qv},
	}, true
}

// eventRecord is one action event: the count and the table in one record.
type eventRecord struct {
	total totalRecord
	table *Record
}

// Fields implements format.FieldRecord.
func (r eventRecord) Fields(f *format.Fields) {
	r.total.Fields(f)
	r.table.Fields(f)
}

// totalRecord is the line tc starts each action message with.
type totalRecord struct{ n uint32 }

// Fields implements format.FieldRecord.
func (r *totalRecord) Fields(f *format.Fields) {
	f.Uint("total acts", "total acts %u", uint64(r.n))
	f.Line()
}

// Record prints an action message's table as tc's print_action does.
type Record struct {
	Msg   *rtnl.ActionMsg
	Type  uint16
	Flags nl.Flags
	View  *View
	Q     *qdisc.View
}

// Fields implements format.FieldRecord.
func (r *Record) Fields(f *format.Fields) {
	switch r.Type {
	case unix.RTM_DELACTION:
		if r.Flags&nl.Root != 0 {
			f.Literal("Flushed table ")
		} else {
			f.Literal("Deleted action ")
		}
	case unix.RTM_NEWACTION:
		if r.Flags&nl.Create != 0 && r.Flags&nl.Replace == 0 {
			f.Literal("Added action ")
		} else if r.Flags&nl.Replace != 0 {
			f.Literal("Replaced action ")
		}
	}
	if r.Type == unix.RTM_DELACTION && r.Flags&nl.Root != 0 {
		// A flush report names the kind and how many went.
		if fl, ok, _ := rtnl.DecodeActionFlush(r.Msg.Tab); ok {
			f.String("kind", " %s", fl.Kind)
			f.Uint("entries", " (%u entries)", uint64(fl.Count))
			f.Line()
		}
		return
	}
	acts, orders, _ := rtnl.DecodeActions(r.Msg.Tab)
	maxOrder := uint16(32) // TCA_ACT_MAX_PRIO
	if r.Msg.Count.V != 0 {
		maxOrder = uint16(min(r.Msg.Count.V, 0xffff))
	}
	var keep []rtnl.Action
	var keepOrders []uint16
	for i := range acts {
		if orders[i] <= maxOrder {
			keep, keepOrders = append(keep, acts[i]), append(keepOrders, orders[i])
		}
	}
	printActions(f, keep, keepOrders, r.View, r.Q, false)
}
