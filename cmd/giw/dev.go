package main

import (
	"fmt"
	"net"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// ifaceJSON is the JSON view of an interface (giw -j dev, giw -j dev X info).
type ifaceJSON struct {
	Ifname  string       `json:"ifname"`
	Ifindex int          `json:"ifindex"`
	Wiphy   int          `json:"wiphy"`
	Wdev    uint64       `json:"wdev"`
	Addr    string       `json:"addr"`
	SSID    *string      `json:"ssid,omitempty"`
	SSIDHex *string      `json:"ssid_hex,omitempty"`
	Type    string       `json:"type"`
	Channel *channelJSON `json:"channel,omitempty"`
	TxPower *float64     `json:"txpower_dbm,omitempty"`
	Addr4   bool         `json:"4addr"`
}

type channelJSON struct {
	Channel     int    `json:"channel"`
	Freq        uint32 `json:"freq"`
	FreqOffset  uint32 `json:"freq_offset_khz,omitempty"`
	Width       string `json:"width,omitempty"`
	WidthMHz    int    `json:"width_mhz,omitempty"`
	CenterFreq1 uint32 `json:"center1,omitempty"`
	CenterFreq2 uint32 `json:"center2,omitempty"`
	Type        string `json:"channel_type,omitempty"`
}

func ifaceView(ifc nl80211.Interface) ifaceJSON {
	v := ifaceJSON{
		Ifname: ifc.Name, Ifindex: ifc.Index, Wiphy: ifc.Wiphy, Wdev: ifc.WDev,
		Addr: ifc.HardwareAddr.String(), Type: ifc.Type.String(), Addr4: ifc.FourAddr,
	}
	if ifc.SSID != nil {
		s, h := ssidJSON(ifc.SSID)
		v.SSID, v.SSIDHex = &s, &h
	}
	if ch := ifc.Channel; ch != nil {
		cv := &channelJSON{Channel: nl80211.FreqToChannel(ch.Freq), Freq: ch.Freq, FreqOffset: ch.FreqOffset,
			CenterFreq1: ch.CenterFreq1, CenterFreq2: ch.CenterFreq2}
		if ch.Width != nil {
			cv.Width, cv.WidthMHz = ch.Width.String(), ch.Width.MHz()
		} else if ch.Type != nil {
			cv.Type = nl80211.ChannelTypeName(*ch.Type)
		}
		v.Channel = cv
	}
	if ifc.TxPower != nil {
		p := float64(*ifc.TxPower) / 100
		v.TxPower = &p
	}
	return v
}

// printIface writes an interface block as iw's print_iface_handler does;
// inDump selects "iw dev" (indented under its phy, no wiphy line) over
// "iw dev X info".
func printIface(t *tw, ifc nl80211.Interface, inDump bool) {
	in := ""
	if inDump {
		in = "\t"
	}
	if ifc.Name != "" {
		t.f("%sInterface %s\n", in, ifc.Name)
	} else {
		t.f("%sUnnamed/non-netdev interface\n", in)
	}
	if ifc.Index != 0 {
		t.f("%s\tifindex %d\n", in, ifc.Index)
	}
	t.f("%s\twdev 0x%x\n", in, ifc.WDev)
	if ifc.HardwareAddr != nil {
		t.f("%s\taddr %s\n", in, ifc.HardwareAddr)
	}
	if ifc.SSID != nil {
		t.f("%s\tssid %s\n", in, escapeSSID(ifc.SSID))
	}
	t.f("%s\ttype %s\n", in, ifc.Type)
	if !inDump {
		t.f("%s\twiphy %d\n", in, ifc.Wiphy)
	}
	if ch := ifc.Channel; ch != nil {
		t.f("%s\t%s\n", in, channelText(ch))
	}
	if ifc.TxPower != nil {
		t.f("%s\ttxpower %s dBm\n", in, dbm100(*ifc.TxPower))
	}
	if ifc.FourAddr {
		t.f("%s\t4addr: on\n", in)
	}
}

func channelText(ch *nl80211.Channel) string {
	s := fmt.Sprintf("channel %d (%d MHz)", nl80211.FreqToChannel(ch.Freq), ch.Freq)
	switch {
	case ch.Width != nil:
		s += ", width: " + ch.Width.String()
		if ch.CenterFreq1 != 0 {
			s += fmt.Sprintf(", center1: %d MHz", ch.CenterFreq1)
		}
		if ch.CenterFreq2 != 0 {
			s += fmt.Sprintf(", center2: %d MHz", ch.CenterFreq2)
		}
	case ch.Type != nil:
		s += " " + nl80211.ChannelTypeName(*ch.Type)
	}
	return s
}

func noArgs(args []string) error {
	if len(args) > 0 {
		return &usageError{}
	}
	return nil
}

func runDevList(e *env, _ target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	ifcs, err := e.client.Interfaces()
	if err != nil {
		return err
	}
	if e.opts.json {
		out := make([]ifaceJSON, 0, len(ifcs))
		for _, ifc := range ifcs {
			out = append(out, ifaceView(ifc))
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	last := -1
	for _, ifc := range ifcs {
		if ifc.Wiphy != last {
			t.f("phy#%d\n", ifc.Wiphy)
			last = ifc.Wiphy
		}
		printIface(t, ifc, true)
	}
	return t.err
}

func runDevInfo(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	ifc, err := e.client.Interface(tg.dev.Index)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, ifaceView(ifc))
	}
	t := &tw{w: e.stdout}
	printIface(t, ifc, false)
	return t.err
}

// parseType reads an interface type argument, with iw's messages.
func parseType(s string) (nl80211.IfType, error) {
	t, err := nl80211.ParseIfType(s)
	if err == nl80211.ErrNeedDaemon {
		return 0, &exitError{code: 2, msg: "You need to run a management daemon, e.g. hostapd,\n" +
			"see http://wireless.kernel.org/en/users/Documentation/hostapd\n" +
			"for more information on how to do that."}
	}
	if err != nil {
		return 0, &exitError{code: 2, msg: err.Error()}
	}
	return t, nil
}

func runSetType(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	typ, err := parseType(args[0])
	if err != nil {
		return err
	}
	return e.client.SetInterfaceType(tg.dev.Index, typ)
}

func runDel(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return e.client.DelInterface(tg.dev.Index)
}

// interfaceAddOptions are the arguments of "interface add".
type interfaceAddOptions struct {
	req nl80211.NewInterfaceRequest
}

// parseInterfaceAdd reads "<name> type <type>" and then, as iw does, any
// number of "addr <mac-addr>" and at most one of "mesh_id <meshid>",
// "4addr on|off" or "flags <flag>*" (which takes all that follows); other
// words after that are a usage error.
func parseInterfaceAdd(args []string) (interfaceAddOptions, error) {
	var o interfaceAddOptions
	if len(args) < 3 || args[1] != "type" {
		return o, &usageError{}
	}
	o.req.Name = args[0]
	typ, err := parseType(args[2])
	if err != nil {
		return o, err
	}
	o.req.Type = typ
	rest := args[3:]
	for len(rest) > 0 {
		if len(rest) < 2 {
			return o, &usageError{}
		}
		switch rest[0] {
		case "addr":
			mac, err := net.ParseMAC(rest[1])
			if err != nil || len(mac) != 6 {
				return o, &exitError{code: 2, msg: "Invalid MAC address"}
			}
			o.req.HardwareAddr, rest = mac, rest[2:]
			continue
		case "mesh_id":
			o.req.MeshID, rest = []byte(rest[1]), rest[2:]
		case "4addr":
			on, ok := onOff(rest[1])
			if !ok {
				return o, &exitError{code: 2, msg: "4addr error"}
			}
			o.req.FourAddr, rest = &on, rest[2:]
		case "flags":
			m, err := parseMonitorFlags(rest[1:])
			if err != nil {
				msg := "flags error"
				if why := monitorFlagsProblem(err); why != "" {
					msg = why + "\n" + msg
				}
				return o, &exitError{code: 2, msg: msg}
			}
			o.req.Monitor, rest = &m, nil
		default:
			return o, &usageError{}
		}
		break
	}
	if len(rest) > 0 {
		return o, &usageError{}
	}
	return o, nil
}

func ptrTo[T any](v T) *T { return &v }

func runInterfaceAdd(e *env, tg target, args []string) error {
	o, err := parseInterfaceAdd(args)
	if err != nil {
		return err
	}
	wiphy := tg.phy.Index
	if tg.by != byPhy {
		wiphy = tg.dev.Wiphy
	}
	ifc, err := e.client.NewInterface(wiphy, o.req)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, ifaceView(ifc))
	}
	return nil
}
