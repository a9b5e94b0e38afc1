package mptcp

import (
	"bufio"
	"errors"
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"github.com/gip-suite/gip/internal/nl/mptcp"
)

// eventNames are the events ip 6.1 names in its text; it prints the
// others as "[UNKNOWN n]".
var eventNames = map[mptcp.EventType]string{
	mptcp.EventCreated: "CREATED", mptcp.EventEstablished: "ESTABLISHED", mptcp.EventClosed: "CLOSED",
	mptcp.EventAnnounced: "ANNOUNCED", mptcp.EventRemoved: "REMOVED", mptcp.EventSubEstablished: "SF_ESTABLISHED",
	mptcp.EventSubClosed: "SF_CLOSED", mptcp.EventSubPriority: "SF_PRIO",
}

// jsonOnlyNames are events JSON names that ip 6.1's text does not.
var jsonOnlyNames = map[mptcp.EventType]string{
	mptcp.EventListenerCreated: "LISTENER_CREATED", mptcp.EventListenerClosed: "LISTENER_CLOSED",
}

// runMonitor prints the path manager's events of the namespace as they
// come: ip's text, or under -j one JSON object per event and line (ip
// prints its text there).
func runMonitor(e *env.Env, args []string) error {
	if len(args) > 0 {
		return unknown(args[0])
	}
	c, err := genl.Dial(mptcp.FamilyName, &nl.Config{NetNS: e.G.NetNS, RecvBuf: e.G.RcvBuf}, mptcp.EventGroup)
	if err != nil {
		if errors.Is(err, genl.ErrFamilyNotFound) {
			return &fail.Error{Code: fail.ExitLocal, Err: err, Msg: "Error: The kernel has no mptcp_pm family (it needs CONFIG_MPTCP)."}
		}
		return &fail.Error{Code: fail.ExitLocal, Err: err, Msg: "can't subscribe to mptcp events: " + fail.Strerror(err)}
	}
	defer c.Close()
	w := bufio.NewWriterSize(e.Stdout, 64<<10)
	opts := e.FormatOptions()
	opts.Color = false // ip colours nothing here
	var line []byte
	for {
		msgs, err := c.Receive()
		if errors.Is(err, nl.ErrOverrun) {
			fmt.Fprintln(e.Stderr, "Warning: mptcp events were lost: the receive buffer overran (try -rcvbuf).")
			continue
		}
		if err != nil {
			return fail.Kernel(err)
		}
		for _, m := range msgs {
			ev, err := mptcp.ParseEvent(m.Header.Command, m.Attrs)
			if err != nil {
				return err
			}
			line = format.AppendLine(line[:0], &eventView{ev: ev}, opts)
			w.Write(line)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
}

// eventView prints an event as ip's mptcp_monitor_msg does.
type eventView struct{ ev mptcp.Event }

func (v *eventView) Fields(f *format.Fields) {
	ev := &v.ev
	name, known := eventNames[ev.Type]
	if !known && f.JSON() {
		name, known = jsonOnlyNames[ev.Type]
	}
	if !known {
		f.String("event", "[%s", "UNKNOWN")
		f.Uint("type", " %u]\n", uint64(ev.Type))
		return
	}
	f.String("event", "[%14s]", name)
	if ev.Has(mptcp.AttrToken) {
		f.String("token", " token=%s", fmt.Sprintf("%08x", ev.Token))
	}
	uintAttr(f, ev, mptcp.AttrRemID, "remid", " remid=%u", uint64(ev.RemID))
	uintAttr(f, ev, mptcp.AttrLocID, "locid", " locid=%u", uint64(ev.LocID))
	for _, a := range []struct {
		attr mptcp.EventAttr
		key  string
		addr string
	}{
		{mptcp.AttrSaddr4, "saddr4", ev.Saddr.String()}, {mptcp.AttrDaddr4, "daddr4", ev.Daddr.String()},
		{mptcp.AttrSaddr6, "saddr6", ev.Saddr.String()}, {mptcp.AttrDaddr6, "daddr6", ev.Daddr.String()},
	} {
		if ev.Has(a.attr) {
			f.String(a.key, " "+a.key+"=%s", a.addr)
		}
	}
	uintAttr(f, ev, mptcp.AttrSport, "sport", " sport=%u", uint64(ev.Sport))
	uintAttr(f, ev, mptcp.AttrDport, "dport", " dport=%u", uint64(ev.Dport))
	uintAttr(f, ev, mptcp.AttrBackup, "backup", " backup=%u", uint64(ev.Backup))
	uintAttr(f, ev, mptcp.AttrError, "error", " error=%u", uint64(ev.Error))
	uintAttr(f, ev, mptcp.AttrFlags, "flags", " flags=%x", uint64(ev.Flags))
	uintAttr(f, ev, mptcp.AttrTimeout, "timeout", " timeout=%u", uint64(ev.Timeout))
	if ev.Has(mptcp.AttrIfIndex) {
		f.Int("ifindex", " ifindex=%d", int64(ev.IfIndex))
	}
	uintAttr(f, ev, mptcp.AttrResetReason, "reset_reason", " reset_reason=%u", uint64(ev.ResetReason))
	uintAttr(f, ev, mptcp.AttrResetFlags, "reset_flags", " reset_flags=%#x", uint64(ev.ResetFlags))
	f.Literal("\n")
}

// uintAttr prints a number the kernel sent.
func uintAttr(f *format.Fields, ev *mptcp.Event, a mptcp.EventAttr, key, textFmt string, v uint64) {
	if ev.Has(a) {
		f.Uint(key, textFmt, v)
	}
}
