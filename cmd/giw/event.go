package main

import (
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// eventOptions are the arguments of "event".
type eventOptions struct {
	stamp  byte // 0, 't' (seconds since the epoch), 'r' (since the first event), 'T' (local date and time)
	frames bool // -f: print auth/assoc frames in full
}

func parseEventArgs(args []string) (eventOptions, error) {
	var o eventOptions
	for _, a := range args {
		switch a {
		case "-t", "-r", "-T":
			o.stamp = a[1]
		case "-f":
			o.frames = true
		default:
			return o, &usageError{}
		}
	}
	return o, nil
}

// eventJSON is one line of "giw -j event" (JSON lines, one object per event).
type eventJSON struct {
	Time      string   `json:"time"` // RFC 3339 with nanoseconds
	Event     string   `json:"event"`
	Text      string   `json:"text,omitempty"` // iw's description, without the device prefix
	Ifname    string   `json:"ifname,omitempty"`
	Ifindex   *int     `json:"ifindex,omitempty"`
	Wiphy     *int     `json:"wiphy,omitempty"`
	Wdev      *uint64  `json:"wdev,omitempty"`
	MAC       string   `json:"mac,omitempty"`
	Status    *uint16  `json:"status,omitempty"`
	Reason    *uint16  `json:"reason,omitempty"`
	ByAP      bool     `json:"by_ap,omitempty"`
	TimedOut  bool     `json:"timed_out,omitempty"`
	Freqs     []uint32 `json:"freqs,omitempty"`
	SSIDs     []string `json:"ssids,omitempty"`
	Type      string   `json:"type,omitempty"`
	Country   string   `json:"country,omitempty"`
	WiphyName string   `json:"wiphy_name,omitempty"`
	Freq      *uint32  `json:"freq,omitempty"`
	Frame     string   `json:"frame,omitempty"` // hex
	Error     string   `json:"error,omitempty"` // for "lost"
}

// eventIfTypeNames are the interface type names of iw's interface events,
// which differ from its other lists.
var eventIfTypeNames = map[nl80211.IfType]string{
	nl80211.IfTypeStation: "station", nl80211.IfTypeAP: "access point", nl80211.IfTypeMeshPoint: "mesh point",
	nl80211.IfTypeAdhoc: "IBSS", nl80211.IfTypeMonitor: "monitor", nl80211.IfTypeAPVLAN: "AP-VLAN",
	nl80211.IfTypeWDS: "WDS", nl80211.IfTypeP2PClient: "P2P-client", nl80211.IfTypeP2PGO: "P2P-GO",
	nl80211.IfTypeP2PDevice: "P2P-Device", nl80211.IfTypeOCB: "OCB", nl80211.IfTypeNAN: "NAN",
}

func regInitiator(i uint8) string {
	switch i {
	case unix.NL80211_REGDOM_SET_BY_CORE:
		return "the wireless core upon initialization"
	case unix.NL80211_REGDOM_SET_BY_USER:
		return "a user"
	case unix.NL80211_REGDOM_SET_BY_DRIVER:
		return "a driver"
	case unix.NL80211_REGDOM_SET_BY_COUNTRY_IE:
		return "a country IE"
	}
	return "BUG"
}

// frameText describes a management frame as iw's print_frame does.
func frameText(f []byte, full bool) string {
	if f == nil {
		return " [no frame]"
	}
	var b strings.Builder
	hexAll := func() {
		for _, c := range f {
			fmt.Fprintf(&b, " %02x", c)
		}
		b.WriteString("]")
	}
	if len(f) < 26 {
		b.WriteString(" [invalid frame:")
		hexAll()
		return b.String()
	}
	fmt.Fprintf(&b, " %s -> %s", net6(f[10:16]), net6(f[4:10]))
	u16 := func(i int) uint16 { return uint16(f[i]) | uint16(f[i+1])<<8 }
	switch f[0] & 0xfc {
	case 0x10, 0x30: // (re)association response
		s := u16(26)
		fmt.Fprintf(&b, " status: %d: %s", s, nl80211.StatusText(s))
	case 0xb0: // authentication
		if len(f) >= 30 {
			s := u16(28)
			fmt.Fprintf(&b, " status: %d: %s", s, nl80211.StatusText(s))
		}
	case 0xa0, 0xc0: // disassociation, deauthentication
		r := u16(24)
		fmt.Fprintf(&b, " reason %d: %s", r, nl80211.ReasonText(r))
	}
	if full {
		b.WriteString(" [frame:")
		hexAll()
	}
	return b.String()
}

func net6(b []byte) string {
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5])
}

// eventText describes an event as iw event does, without the device prefix.
func eventText(ev nl80211.Event, frames bool) string {
	var b strings.Builder
	mac := func() string {
		if ev.MAC == nil {
			return "??"
		}
		return ev.MAC.String()
	}
	switch ev.Cmd {
	case unix.NL80211_CMD_NEW_WIPHY:
		fmt.Fprintf(&b, "renamed to %s", ev.WiphyName)
	case unix.NL80211_CMD_TRIGGER_SCAN:
		b.WriteString("scan started")
	case unix.NL80211_CMD_NEW_SCAN_RESULTS, unix.NL80211_CMD_SCAN_ABORTED:
		if ev.Cmd == unix.NL80211_CMD_NEW_SCAN_RESULTS {
			b.WriteString("scan finished:")
		} else {
			b.WriteString("scan aborted:")
		}
		if ev.ScanFreqs != nil {
			for _, f := range ev.ScanFreqs {
				fmt.Fprintf(&b, " %d", f)
			}
			b.WriteString(",")
		}
		for _, s := range ev.ScanSSIDs {
			fmt.Fprintf(&b, " \"%s\"", escapeSSID(s))
		}
	case unix.NL80211_CMD_START_SCHED_SCAN:
		b.WriteString("scheduled scan started")
	case unix.NL80211_CMD_SCHED_SCAN_STOPPED:
		b.WriteString("sched scan stopped")
	case unix.NL80211_CMD_SCHED_SCAN_RESULTS:
		b.WriteString("got scheduled scan results")
	case unix.NL80211_CMD_REG_CHANGE, unix.NL80211_CMD_WIPHY_REG_CHANGE:
		if ev.Cmd == unix.NL80211_CMD_WIPHY_REG_CHANGE {
			b.WriteString("regulatory domain change (phy): ")
		} else {
			b.WriteString("regulatory domain change: ")
		}
		var init string
		if ev.RegInitiator != nil {
			init = regInitiator(*ev.RegInitiator)
		}
		onPhy := func() {
			if ev.Wiphy != nil {
				fmt.Fprintf(&b, " on phy%d", *ev.Wiphy)
			}
		}
		switch {
		case ev.RegType == nil:
			b.WriteString("unknown source (upgrade this utility)")
		case *ev.RegType == unix.NL80211_REGDOM_TYPE_COUNTRY:
			fmt.Fprintf(&b, "set to %s by %s request", ev.RegAlpha2, init)
			onPhy()
		case *ev.RegType == unix.NL80211_REGDOM_TYPE_WORLD:
			fmt.Fprintf(&b, "set to world roaming by %s request", init)
		case *ev.RegType == unix.NL80211_REGDOM_TYPE_CUSTOM_WORLD:
			phy := 0
			if ev.Wiphy != nil {
				phy = *ev.Wiphy
			}
			fmt.Fprintf(&b, "custom world roaming rules in place on phy%d by %s request", phy, init)
		case *ev.RegType == unix.NL80211_REGDOM_TYPE_INTERSECTION:
			fmt.Fprintf(&b, "intersection used due to a request made by %s", init)
			onPhy()
		default:
			b.WriteString("unknown source (upgrade this utility)")
		}
	case unix.NL80211_CMD_NEW_STATION:
		fmt.Fprintf(&b, "new station %s", mac())
	case unix.NL80211_CMD_DEL_STATION:
		fmt.Fprintf(&b, "del station %s", mac())
	case unix.NL80211_CMD_JOIN_IBSS:
		fmt.Fprintf(&b, "IBSS %s joined", mac())
	case unix.NL80211_CMD_AUTHENTICATE, unix.NL80211_CMD_ASSOCIATE:
		if ev.Cmd == unix.NL80211_CMD_AUTHENTICATE {
			b.WriteString("auth")
		} else {
			b.WriteString("assoc")
		}
		switch {
		case ev.Frame != nil:
			b.WriteString(frameText(ev.Frame, frames))
		case ev.TimedOut:
			b.WriteString(": timed out")
		default:
			b.WriteString(": unknown event")
		}
	case unix.NL80211_CMD_DEAUTHENTICATE:
		b.WriteString("deauth" + frameText(ev.Frame, frames))
	case unix.NL80211_CMD_DISASSOCIATE:
		b.WriteString("disassoc" + frameText(ev.Frame, frames))
	case unix.NL80211_CMD_UNPROT_DEAUTHENTICATE:
		b.WriteString("unprotected deauth" + frameText(ev.Frame, frames))
	case unix.NL80211_CMD_UNPROT_DISASSOCIATE:
		b.WriteString("unprotected disassoc" + frameText(ev.Frame, frames))
	case unix.NL80211_CMD_CONNECT:
		var status uint16
		switch {
		case ev.TimedOut:
			b.WriteString("timed out")
		case ev.StatusCode == nil:
			b.WriteString("unknown connect status")
		case *ev.StatusCode == 0:
			b.WriteString("connected")
		default:
			status = *ev.StatusCode
			b.WriteString("failed to connect")
		}
		if ev.MAC != nil {
			fmt.Fprintf(&b, " to %s", ev.MAC)
		}
		if status != 0 {
			fmt.Fprintf(&b, ", status: %d: %s", status, nl80211.StatusText(status))
		}
	case unix.NL80211_CMD_ROAM:
		b.WriteString("roamed")
		if ev.MAC != nil {
			fmt.Fprintf(&b, " to %s", ev.MAC)
		}
	case unix.NL80211_CMD_DISCONNECT:
		b.WriteString("disconnected")
		if ev.ByAP {
			b.WriteString(" (by AP)")
		} else {
			b.WriteString(" (local request)")
		}
		if ev.ReasonCode != nil {
			fmt.Fprintf(&b, " reason: %d: %s", *ev.ReasonCode, nl80211.ReasonText(*ev.ReasonCode))
		}
	case unix.NL80211_CMD_NEW_INTERFACE, unix.NL80211_CMD_DEL_INTERFACE, unix.NL80211_CMD_SET_INTERFACE:
		b.WriteString(map[uint8]string{unix.NL80211_CMD_NEW_INTERFACE: "new interface",
			unix.NL80211_CMD_DEL_INTERFACE: "del interface", unix.NL80211_CMD_SET_INTERFACE: "set interface"}[ev.Cmd])
		if ev.IfType != nil {
			name, ok := eventIfTypeNames[*ev.IfType]
			if !ok {
				name = fmt.Sprintf("unknown (%d)", uint32(*ev.IfType))
			}
			b.WriteString(" type " + name)
		}
		if ev.MeshID != nil {
			b.WriteString(" meshid " + escapeSSID(ev.MeshID))
		}
		if ev.FourAddr != nil {
			fmt.Fprintf(&b, " use 4addr %d", *ev.FourAddr)
		}
	case unix.NL80211_CMD_STOP_AP:
		b.WriteString("stop ap")
	case unix.NL80211_CMD_PMKSA_CANDIDATE:
		b.WriteString("PMKSA candidate found")
	case unix.NL80211_CMD_PROBE_CLIENT:
		var cookie uint64
		if ev.Cookie != nil {
			cookie = *ev.Cookie
		}
		fmt.Fprintf(&b, "probe client %s (cookie %x): %s", mac(), cookie, yesNo(ev.Ack, "acked", "no ack"))
	default:
		fmt.Fprintf(&b, "unknown event %d (%s)", ev.Cmd, nl80211.CommandName(uint32(ev.Cmd)))
	}
	return b.String()
}

// eventPrinter keeps what printing events needs between them: interface
// names by index (the events carry only the index) and the time of the
// first event for -r.
type eventPrinter struct {
	e     *env
	opts  eventOptions
	names map[int]string
	first time.Time
}

func (p *eventPrinter) refreshNames() {
	ifcs, err := p.e.client.Interfaces()
	if err != nil {
		return // names are a courtesy: the event is printed anyway
	}
	p.names = map[int]string{}
	for _, ifc := range ifcs {
		if ifc.Index != 0 {
			p.names[ifc.Index] = ifc.Name
		}
	}
}

// name returns the interface name of an index, looking again once when it
// is new. A removed interface has no name any more, as with iw.
func (p *eventPrinter) name(ev nl80211.Event) (string, bool) {
	if ev.Ifindex == nil {
		return "", false
	}
	if ev.Cmd == unix.NL80211_CMD_DEL_INTERFACE {
		delete(p.names, *ev.Ifindex)
		return "", false
	}
	if ev.Cmd == unix.NL80211_CMD_NEW_INTERFACE && ev.Ifname != "" {
		p.names[*ev.Ifindex] = ev.Ifname
	}
	n, ok := p.names[*ev.Ifindex]
	if !ok {
		p.refreshNames()
		n, ok = p.names[*ev.Ifindex]
	}
	return n, ok
}

func (p *eventPrinter) prefix(ev nl80211.Event, ifname string, named bool) string {
	switch {
	case ev.Ifindex != nil && ev.Wiphy != nil:
		if named {
			return fmt.Sprintf("%s (phy #%d): ", ifname, *ev.Wiphy)
		}
		return fmt.Sprintf("phy #%d: ", *ev.Wiphy)
	case ev.WDev != nil && ev.Wiphy != nil:
		return fmt.Sprintf("wdev 0x%x (phy #%d): ", *ev.WDev, *ev.Wiphy)
	case ev.Ifindex != nil:
		return ifname + ": "
	case ev.WDev != nil:
		return fmt.Sprintf("wdev 0x%x: ", *ev.WDev)
	case ev.Wiphy != nil:
		return fmt.Sprintf("phy #%d: ", *ev.Wiphy)
	}
	return ""
}

func (p *eventPrinter) stamp(now time.Time) string {
	switch p.opts.stamp {
	case 't':
		return fmt.Sprintf("%d.%06d: ", now.Unix(), now.Nanosecond()/1000)
	case 'r':
		if p.first.IsZero() {
			p.first = now
		}
		d := now.Sub(p.first)
		return fmt.Sprintf("%d.%06d: ", d/time.Second, (d%time.Second)/time.Microsecond)
	case 'T':
		return fmt.Sprintf("[%s.%06d]: ", now.Format("2006-01-02 15:04:05"), now.Nanosecond()/1000)
	}
	return ""
}

func (p *eventPrinter) print(ev nl80211.Event) {
	now := time.Now()
	ifname, named := p.name(ev)
	text := eventText(ev, p.opts.frames)
	if !p.e.opts.json {
		fmt.Fprintf(p.e.stdout, "%s%s%s\n", p.stamp(now), p.prefix(ev, ifname, named), text)
		return
	}
	v := eventJSON{Time: now.Format(time.RFC3339Nano), Event: nl80211.CommandName(uint32(ev.Cmd)), Text: text,
		Ifname: ifname, Ifindex: ev.Ifindex, Wiphy: ev.Wiphy, Wdev: ev.WDev, Status: ev.StatusCode, Reason: ev.ReasonCode,
		ByAP: ev.ByAP, TimedOut: ev.TimedOut, Freqs: ev.ScanFreqs, Country: ev.RegAlpha2, WiphyName: ev.WiphyName, Freq: ev.Freq}
	if ev.MAC != nil {
		v.MAC = ev.MAC.String()
	}
	for _, s := range ev.ScanSSIDs {
		text, _ := ssidJSON(s)
		v.SSIDs = append(v.SSIDs, text)
	}
	if ev.IfType != nil {
		v.Type = ev.IfType.String()
	}
	if ev.Frame != nil {
		v.Frame = hex.EncodeToString(ev.Frame)
	}
	_ = printJSON(p.e, v)
}

// lost reports notifications the kernel dropped, in the output stream so a
// reader knows its picture may be stale.
func (p *eventPrinter) lost(err error) {
	if p.e.opts.json {
		_ = printJSON(p.e, eventJSON{Time: time.Now().Format(time.RFC3339Nano), Event: "lost", Error: err.Error()})
		return
	}
	fmt.Fprintf(p.e.stderr, "giw: events were lost: %v\n", err)
}

func runEvent(e *env, _ target, args []string) error {
	o, err := parseEventArgs(args)
	if err != nil {
		return err
	}
	p := &eventPrinter{e: e, opts: o}
	p.refreshNames()
	return e.client.Events(e.ctx, p.print, p.lost)
}
