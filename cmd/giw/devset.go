package main

import (
	"encoding/hex"
	"errors"
	"net"
	"strconv"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// invalidParameter is iw's answer to a word it does not know (exit 2).
func invalidParameter(word string) error {
	return refusal("Invalid parameter: " + word)
}

// parseTxPower reads "<auto|fixed|limit> [<tx power in mBm>]".
func parseTxPower(args []string) (nl80211.TxPower, error) {
	if len(args) == 0 || len(args) > 2 {
		return nl80211.TxPower{}, &usageError{}
	}
	var p nl80211.TxPower
	switch args[0] {
	case "auto":
		if len(args) > 1 {
			return p, &usageError{}
		}
		return nl80211.TxPower{Mode: nl80211.TxPowerAuto}, nil
	case "fixed":
		p.Mode = nl80211.TxPowerFixed
	case "limit":
		p.Mode = nl80211.TxPowerLimited
	default:
		return p, invalidParameter(args[0])
	}
	if len(args) == 1 {
		return p, refusal("Missing TX power level argument.")
	}
	v, err := strconv.ParseInt(args[1], 10, 32)
	if err != nil {
		return p, &exitError{code: 2} // iw exits 2 without a word
	}
	p.Level = int32(v)
	return p, nil
}

func runSetTxPower(e *env, tg target, args []string) error {
	p, err := parseTxPower(args)
	if err != nil {
		return err
	}
	return setWiphy(e, tg, nl80211.WiphySettings{TxPower: &p})
}

// onOff reads iw's "on" or "off".
func onOff(s string) (bool, bool) {
	switch s {
	case "on":
		return true, true
	case "off":
		return false, true
	}
	return false, false
}

func runSetPowerSave(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	on, ok := onOff(args[0])
	if !ok {
		return invalidParameter(args[0])
	}
	return e.client.SetPowerSave(tg.dev.Index, on)
}

// powerSaveJSON is the JSON view of "get power_save".
type powerSaveJSON struct {
	Ifname    string `json:"ifname"`
	PowerSave bool   `json:"power_save"`
}

// runGetPowerSave prints the power save state; like iw it ignores extra
// arguments.
func runGetPowerSave(e *env, tg target, _ []string) error {
	on, known, err := e.client.PowerSave(tg.dev.Index)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, powerSaveJSON{Ifname: tg.dev.Name, PowerSave: on})
	}
	if !known {
		return nil
	}
	state := "off"
	if on {
		state = "on"
	}
	t := &tw{w: e.stdout}
	t.f("Power save: %s\n", state)
	return t.err
}

func runSet4addr(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	on, ok := onOff(args[0])
	if !ok {
		return &usageError{}
	}
	return e.client.SetInterface(tg.dev.Index, nl80211.InterfaceSettings{FourAddr: &on})
}

// runSetNoAckMap takes the map in hexadecimal, "0x" optional, as iw does.
func runSetNoAckMap(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	s := trimHex(args[0])
	v, err := strconv.ParseUint(s, 16, 16)
	if err != nil {
		return &usageError{}
	}
	m := uint16(v)
	return e.client.SetInterface(tg.dev.Index, nl80211.InterfaceSettings{NoAckMap: &m})
}

// parseMbps reads a rate in Mb/s into 100 kbit/s units, as iw does.
func parseMbps(s string) (uint32, error) {
	v, err := strconv.ParseFloat(s, 32)
	if err != nil {
		return 0, &usageError{}
	}
	return uint32(int32(float32(v) * 10)), nil
}

func runSetMcastRate(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	r, err := parseMbps(args[0])
	if err != nil {
		return err
	}
	return e.client.SetMcastRate(tg.dev.Index, r)
}

func runSetMeshID(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	return e.client.SetInterface(tg.dev.Index, nl80211.InterfaceSettings{MeshID: []byte(args[0])})
}

var monitorFlagNames = map[string]uint32{
	"none":     0,
	"fcsfail":  1 << nl80211.MonitorFCSFail,
	"plcpfail": 1 << nl80211.MonitorPLCPFail,
	"control":  1 << nl80211.MonitorControl,
	"otherbss": 1 << nl80211.MonitorOtherBSS,
	"cook":     1 << nl80211.MonitorCook,
	"active":   1 << nl80211.MonitorActive,
}

// monitorFlagsProblem is what iw says about a bad flag list before
// "flags error": the bad MU-MIMO argument, nothing for an unknown flag.
func monitorFlagsProblem(err error) string {
	var ue *usageError
	if errors.As(err, &ue) {
		return ue.msg
	}
	return ""
}

// muMIMOGroupLen is the size of a VHT MU-MIMO group: 8 bytes of
// membership, 32 of user positions.
const muMIMOGroupLen = 40

// parseMonitorFlags reads iw's monitor flag words.
func parseMonitorFlags(args []string) (nl80211.MonitorFlags, error) {
	var m nl80211.MonitorFlags
	for len(args) > 0 {
		switch args[0] {
		case "mumimo-groupid":
			if len(args) < 2 {
				return m, &usageError{}
			}
			b, err := hex.DecodeString(args[1])
			if err != nil || len(b) != muMIMOGroupLen {
				return m, &usageError{msg: "Invalid groupID: " + args[1]}
			}
			m.MUMIMOGroup, args = b, args[2:]
			continue
		case "mumimo-follow-mac":
			if len(args) < 2 {
				return m, &usageError{}
			}
			mac, err := net.ParseMAC(args[1])
			if err != nil || len(mac) != 6 {
				return m, &usageError{msg: "Invalid MU-MIMO MAC address: " + args[1]}
			}
			m.MUMIMOFollow, args = mac, args[2:]
			continue
		}
		f, ok := monitorFlagNames[args[0]]
		if !ok {
			return m, &exitError{code: 2, msg: "unknown flag " + args[0]}
		}
		m.Flags |= f
		args = args[1:]
	}
	return m, nil
}

func runSetMonitor(e *env, tg target, args []string) error {
	m, err := parseMonitorFlags(args)
	if err != nil {
		return err
	}
	return e.client.SetInterface(tg.dev.Index, nl80211.InterfaceSettings{Monitor: &m})
}

// runSetChannel and runSetFreq tune a device or a wiphy.
func runSetChannel(e *env, tg target, args []string) error {
	c, err := parseChannel(args)
	if err != nil {
		return err
	}
	return setWiphy(e, tg, nl80211.WiphySettings{Channel: &c})
}

func runSetFreq(e *env, tg target, args []string) error {
	c, err := parseFreq(args)
	if err != nil {
		return err
	}
	return setWiphy(e, tg, nl80211.WiphySettings{Channel: &c})
}

// setWiphy sends wiphy settings through the device or to the wiphy the
// command names.
func setWiphy(e *env, tg target, s nl80211.WiphySettings) error {
	if tg.dev.Index != 0 {
		return e.client.SetWiphyOf(tg.dev.Index, s)
	}
	return e.client.SetWiphy(tg.phy.Index, s)
}

func runSetPeer(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	mac, err := net.ParseMAC(args[0])
	if err != nil || len(mac) != 6 {
		return &exitError{code: 2, msg: "Invalid MAC address"}
	}
	return e.client.SetWDSPeer(tg.dev.Index, mac)
}
