package main

import (
	"context"
	"net"
	"strconv"
	"time"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// connectTimeout bounds "connect -w".
const connectTimeout = 30 * time.Second

// connectOptions are the arguments of connect.
type connectOptions struct {
	wait bool
	// foreground (-f, with psk) keeps the connection: group rekeys,
	// reconnections, until interrupted.
	foreground bool
	req        nl80211.ConnectRequest
	// psk, when set, makes it a WPA2-PSK connection that giw completes
	// itself (see wpa2.go).
	psk *secretSource
}

// secretSource says where the WPA2 passphrase (or 64-digit hex PSK) comes
// from: the command line, a file, or standard input ("-"), the last two
// keeping it out of the process list.
type secretSource struct {
	value string
	file  string // "-" is standard input
}

// parseConnect reads [-w] SSID [freq] [bssid] [auth open|shared]
// [key KEY...|psk PASSPHRASE|psk-file FILE] [mfp:...], as iw does, with
// giw's psk forms in the place of iw's keys.
func parseConnect(args []string) (connectOptions, error) {
	var o connectOptions
	if len(args) > 0 && args[0] == "-w" {
		o.wait, args = true, args[1:]
	} else if len(args) > 0 && args[0] == "-f" {
		o.foreground, args = true, args[1:]
	}
	if len(args) < 1 {
		return o, &usageError{}
	}
	o.req.SSID, args = []byte(args[0]), args[1:]
	if len(args) > 0 {
		if f, err := strconv.ParseUint(args[0], 10, 32); err == nil {
			o.req.Freq, args = uint32(f), args[1:]
		}
	}
	if len(args) > 0 {
		if mac, err := net.ParseMAC(args[0]); err == nil && len(mac) == 6 {
			o.req.BSSID, args = mac, args[1:]
		}
	}
	if len(args) > 0 && args[0] == "auth" {
		if len(args) < 2 {
			return o, &usageError{}
		}
		switch args[1] {
		case "open":
			o.req.Auth = ptrTo(nl80211.AuthOpen)
		case "shared":
			o.req.Auth = ptrTo(nl80211.AuthShared)
		default:
			return o, &usageError{}
		}
		args = args[2:]
	}
	if len(args) > 0 && args[0] == "key" {
		keys, err := parseWEPKeys(args[1:])
		if err != nil {
			return o, err
		}
		o.req.Keys = keys
		return o, nil // the keys take every argument left, as with iw
	}
	if len(args) > 0 && (args[0] == "psk" || args[0] == "psk-file") {
		if len(args) < 2 {
			return o, &usageError{}
		}
		if args[0] == "psk" && args[1] != "-" {
			o.psk = &secretSource{value: args[1]}
		} else {
			o.psk = &secretSource{file: args[1]}
		}
		args = args[2:]
	}
	if len(args) > 0 {
		var v uint32
		switch args[0] {
		case "mfp:req":
			v = 1
		case "mfp:opt":
			v = 2
		case "mfp:no":
			v = 0
		default:
			return o, &usageError{}
		}
		o.req.MFP = &v
		args = args[1:]
	}
	if len(args) > 0 {
		return o, &usageError{}
	}
	if o.foreground && o.psk == nil {
		return o, &exitError{code: 1, msg: "giw connect: -f (stay in the foreground) is for WPA2 networks (psk)"}
	}
	return o, nil
}

// connectJSON is the JSON view of "connect -w".
type connectJSON struct {
	Ifname    string `json:"ifname"`
	Phy       int    `json:"phy"`
	Connected bool   `json:"connected"`
	BSSID     string `json:"bssid,omitempty"`
	Status    uint16 `json:"status"`
	TimedOut  bool   `json:"timed_out"`
}

func runConnect(e *env, tg target, args []string) error {
	o, err := parseConnect(args)
	if err != nil {
		return err
	}
	if o.psk != nil {
		return runConnectPSK(e, tg, o)
	}
	if !o.wait {
		return e.client.Connect(tg.dev.Index, o.req)
	}
	ctx, cancel := context.WithTimeout(e.ctx, connectTimeout)
	defer cancel()
	res, err := e.client.ConnectWait(ctx, tg.dev.Index, o.req)
	if err != nil {
		return err
	}
	return printConnectResult(e, tg, res)
}

// printConnectResult prints the outcome of "connect -w", as iw does.
func printConnectResult(e *env, tg target, res nl80211.ConnectResult) error {
	ok := res.Status == 0 && !res.TimedOut
	if e.opts.json {
		v := connectJSON{Ifname: tg.dev.Name, Phy: tg.dev.Wiphy, Connected: ok, Status: res.Status, TimedOut: res.TimedOut}
		if res.BSSID != nil {
			v.BSSID = res.BSSID.String()
		}
		return printJSON(e, v)
	}
	t := &tw{w: e.stdout}
	t.f("%s (phy #%d): ", tg.dev.Name, tg.dev.Wiphy)
	switch {
	case res.TimedOut:
		t.f("timed out")
	case ok:
		t.f("connected")
	default:
		t.f("failed to connect")
	}
	if res.BSSID != nil {
		t.f(" to %s", res.BSSID)
	}
	if !ok && !res.TimedOut {
		t.f(", status: %d: %s", res.Status, nl80211.StatusText(res.Status))
	}
	t.f("\n")
	return t.err
}

func runDisconnect(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return e.client.Disconnect(tg.dev.Index)
}
