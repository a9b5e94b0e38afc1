package main

import (
	"net"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

const tidconfArgs = "[peer <MAC address>] tids <mask> [override] [sretry <num>] [lretry <num>] " +
	"[ampdu [on|off]] [amsdu [on|off]] [noack [on|off]] [rtscts [on|off]]" +
	"[bitrates <type [auto|fixed|limit]> [legacy-<2.4|5> <legacy rate in Mbps>*] [ht-mcs-<2.4|5> <MCS index>*]" +
	" [vht-mcs-<2.4|5> <NSS:MCSx,MCSy... | NSS:MCSx-MCSy>*] [sgi-2.4|lgi-2.4] [sgi-5|lgi-5]]"

const tidconfHelp = "Setup per-node TID specific configuration for TIDs selected by bitmask.\n" +
	"If MAC address is not specified, then supplied TID configuration\n" +
	"applied to all the peers.\n" +
	"Examples:\n" +
	"  $ giw dev wlan0 set tidconf tids 0x1 ampdu off\n" +
	"  $ giw dev wlan0 set tidconf tids 0x5 ampdu off amsdu off rtscts on\n" +
	"  $ giw dev wlan0 set tidconf tids 0x3 override ampdu on noack on rtscts on\n" +
	"  $ giw dev wlan0 set tidconf peer xx:xx:xx:xx:xx:xx tids 0x1 ampdu off tids 0x3 amsdu off rtscts on\n" +
	"  $ giw dev wlan0 set tidconf peer xx:xx:xx:xx:xx:xx tids 0x2 bitrates auto\n" +
	"  $ giw dev wlan0 set tidconf peer xx:xx:xx:xx:xx:xx tids 0x2 bitrates limit vht-mcs-5 4:9"

// tidconfRequest is what "set tidconf" asks for.
type tidconfRequest struct {
	peer  net.HardwareAddr
	confs []nl80211.TIDConfig
}

// failed2 is iw's way out of a handler that returns 2: its message on
// standard error, exit status 2.
func failed2(msg string) error { return &exitError{code: 2, msg: msg} }

// tidconfWords are the words "set tidconf" takes after "tids <mask>";
// for the on/off settings, the field the word sets.
var tidconfWords = map[string]func(*nl80211.TIDConfig) **bool{
	"tids": nil, "override": nil, "sretry": nil, "lretry": nil, "bitrates": nil,
	"ampdu":  func(c *nl80211.TIDConfig) **bool { return &c.AMPDU },
	"amsdu":  func(c *nl80211.TIDConfig) **bool { return &c.AMSDU },
	"noack":  func(c *nl80211.TIDConfig) **bool { return &c.NoAck },
	"rtscts": func(c *nl80211.TIDConfig) **bool { return &c.RTSCTS },
}

var txRateTypes = map[string]uint8{
	"auto": unix.NL80211_TX_RATE_AUTOMATIC, "fixed": unix.NL80211_TX_RATE_FIXED, "limit": unix.NL80211_TX_RATE_LIMITED,
}

// parseTIDConf reads iw's "set tidconf" grammar: an optional "peer MAC",
// then groups of "tids <mask>" each followed by its settings, with iw's
// messages: a missing word or an unknown setting prints a line and the
// usage, a bad value prints a line and exits 2.
func parseTIDConf(args []string) (tidconfRequest, error) {
	var r tidconfRequest
	var cur *nl80211.TIDConfig
	if len(args) > 0 && args[0] == "peer" {
		if len(args) < 2 {
			return r, &usageError{msg: "Not enough args for peer"}
		}
		mac, err := net.ParseMAC(args[1])
		if err != nil || len(mac) != 6 {
			return r, failed2("Invalid MAC address")
		}
		r.peer, args = mac, args[2:]
	} else if len(args) > 0 && args[0] != "tids" {
		return r, &usageError{msg: "Peer MAC address expected"}
	}
	if len(args) > 0 && args[0] != "tids" {
		return r, &usageError{msg: "TID mask expected"}
	}
	for len(args) > 0 {
		w := args[0]
		onOffField, known := tidconfWords[w]
		if !known {
			return r, &usageError{msg: "Unknown parameter: " + w}
		}
		if w != "override" && len(args) < 2 {
			return r, &usageError{msg: "not enough args for " + w}
		}
		switch w {
		case "tids":
			v, ok := cNumberAnyBase(args[1])
			if !ok {
				return r, failed2("Invalid TID mask value: " + args[1])
			}
			r.confs = append(r.confs, nl80211.TIDConfig{TIDs: uint16(v)})
			cur = &r.confs[len(r.confs)-1]
		case "override":
			cur.Override = true
			args = args[1:]
			continue
		case "sretry", "lretry":
			v, ok := cNumberAnyBase(args[1])
			if !ok {
				name := map[string]string{"sretry": "short_retry", "lretry": "long_retry"}[w]
				return r, failed2("Invalid " + name + " value: " + args[1])
			}
			if w == "sretry" {
				cur.RetryShort = ptrTo(uint8(v))
			} else {
				cur.RetryLong = ptrTo(uint8(v))
			}
		case "bitrates":
			typ, ok := txRateTypes[args[1]]
			if !ok {
				return r, refusal("Invalid parameter: " + w)
			}
			cur.TxRateType = &typ
			args = args[2:]
			if typ == unix.NL80211_TX_RATE_AUTOMATIC {
				continue
			}
			m, n, err := parseBitrateWords(args, true)
			if err != nil || n < 2 {
				return r, &usageError{}
			}
			cur.TxRate, args = m, args[n:]
			continue
		default: // an on/off setting
			on, ok := onOff(args[1])
			if !ok {
				return r, failed2("Invalid " + w + " parameter: " + args[1])
			}
			*onOffField(cur) = &on
		}
		args = args[2:]
	}
	return r, nil
}

func runSetTIDConf(e *env, tg target, args []string) error {
	r, err := parseTIDConf(args)
	if err != nil {
		return err
	}
	return e.client.SetTIDConfig(tg.dev.Index, r.peer, r.confs)
}
