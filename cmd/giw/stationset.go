package main

import (
	"net"
	"strconv"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// parseMAC reads a station address; iw refuses a bad one with exit 2.
func parseMAC(s, what string) (net.HardwareAddr, error) {
	mac, err := net.ParseMAC(s)
	if err != nil || len(mac) != 6 {
		return nil, &exitError{code: 2, msg: "invalid " + what}
	}
	return mac, nil
}

var (
	plinkActions   = map[string]uint8{"open": nl80211.PlinkActionOpen, "block": nl80211.PlinkActionBlock}
	meshPowerModes = map[string]uint32{"active": nl80211.MeshPowerActive, "light": nl80211.MeshPowerLight, "deep": nl80211.MeshPowerDeep}
)

// parseStationSet reads "<MAC> plink_action|vlan|mesh_power_mode|
// airtime_weight|txpwr ..." with iw's messages.
func parseStationSet(args []string) (net.HardwareAddr, nl80211.StationSettings, error) {
	var s nl80211.StationSettings
	if len(args) < 2 {
		return nil, s, &usageError{}
	}
	mac, err := parseMAC(args[0], "mac address")
	if err != nil {
		return nil, s, err
	}
	key, vals := args[1], args[2:]
	if key == "txpwr" {
		return mac, s, parseStationTxPower(vals, &s)
	}
	if len(vals) != 1 {
		return nil, s, &usageError{}
	}
	v := vals[0]
	switch key {
	case "plink_action":
		a, ok := plinkActions[v]
		if !ok {
			return nil, s, &exitError{code: 2, msg: "plink action not supported"}
		}
		s.PlinkAction = &a
	case "vlan":
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return nil, s, &usageError{}
		}
		s.VLAN = ptrTo(uint32(n))
	case "mesh_power_mode":
		m, ok := meshPowerModes[v]
		if !ok {
			return nil, s, &exitError{code: 2, msg: "unknown mesh power mode"}
		}
		s.MeshPowerMode = &m
	case "airtime_weight":
		n, err := strconv.ParseUint(v, 10, 16)
		if err != nil {
			return nil, s, &exitError{code: 2, msg: "invalid airtime weight"}
		}
		s.AirtimeWeight = ptrTo(uint16(n))
	default:
		return nil, s, &usageError{}
	}
	return mac, s, nil
}

// parseStationTxPower reads "<auto|limit> [<tx power dBm>]".
func parseStationTxPower(args []string, s *nl80211.StationSettings) error {
	if len(args) == 0 || len(args) > 2 {
		return &usageError{}
	}
	switch args[0] {
	case "auto":
		if len(args) > 1 {
			return &usageError{}
		}
		s.TxPowerMode = ptrTo(nl80211.TxPowerAuto)
		return nil
	case "limit":
	default:
		return invalidParameter(args[0])
	}
	if len(args) == 1 {
		return refusal("Missing TX power level argument.")
	}
	v, err := strconv.ParseInt(args[1], 10, 16)
	if err != nil {
		return &exitError{code: 2}
	}
	s.TxPowerMode, s.TxPower = ptrTo(nl80211.TxPowerLimited), ptrTo(int16(v))
	return nil
}

func runStationSet(e *env, tg target, args []string) error {
	mac, s, err := parseStationSet(args)
	if err != nil {
		return err
	}
	return e.client.SetStation(tg.dev.Index, mac, s)
}

// parseStationDel reads "<MAC> [subtype <subtype>] [reason-code <code>]":
// the subtype in hexadecimal ("0xA"), the code in decimal.
func parseStationDel(args []string) (net.HardwareAddr, nl80211.DelStationRequest, error) {
	var r nl80211.DelStationRequest
	if len(args) == 0 {
		return nil, r, &usageError{}
	}
	mac, err := parseMAC(args[0], "mac address")
	if err != nil {
		return nil, r, err
	}
	for rest := args[1:]; len(rest) > 0; rest = rest[2:] {
		if len(rest) < 2 {
			return nil, r, &usageError{}
		}
		switch rest[0] {
		case "subtype":
			v, err := strconv.ParseUint(trimHex(rest[1]), 16, 8)
			if err != nil {
				return nil, r, &usageError{}
			}
			r.Subtype = ptrTo(uint8(v))
		case "reason-code":
			v, err := strconv.ParseUint(rest[1], 10, 16)
			if err != nil {
				return nil, r, &usageError{}
			}
			r.Reason = ptrTo(uint16(v))
		default:
			return nil, r, &usageError{}
		}
	}
	return mac, r, nil
}

// trimHex drops a "0x" prefix, which C's strtoul takes in base 16.
func trimHex(s string) string {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:]
	}
	return s
}

func runStationDel(e *env, tg target, args []string) error {
	mac, r, err := parseStationDel(args)
	if err != nil {
		return err
	}
	return e.client.DelStation(tg.dev.Index, mac, r)
}
