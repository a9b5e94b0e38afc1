package main

import (
	"math"
	"net"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// parseIBSSJoin reads iw's "ibss join" arguments: <SSID> <freq> [mode]
// [fixed-freq] [<fixed bssid>] [beacon-interval <TU>] [basic-rates
// <rate,...>] [mcast-rate <rate>] [key|keys KEY...], in that order.
func parseIBSSJoin(args []string) (nl80211.IBSSRequest, error) {
	var r nl80211.IBSSRequest
	if len(args) < 2 {
		return r, &usageError{}
	}
	r.SSID, args = []byte(args[0]), args[1:]
	ch, used, err := parseFreqChan(args)
	if err != nil {
		return r, err
	}
	r.Channel, args = ch, args[used:]
	if len(args) > 0 && args[0] == "fixed-freq" {
		r.FixedFreq, args = true, args[1:]
	}
	if len(args) > 0 {
		if mac, err := net.ParseMAC(args[0]); err == nil && len(mac) == 6 {
			r.BSSID, args = mac, args[1:]
		}
	}
	if len(args) > 1 && args[0] == "beacon-interval" {
		v, err := strconv.ParseUint(args[1], 10, 32)
		if err != nil {
			return r, &usageError{}
		}
		r.BeaconInterval, args = ptrTo(uint32(v)), args[2:]
	}
	if len(args) > 1 && args[0] == "basic-rates" {
		rates, err := parseBasicRates(args[1])
		if err != nil {
			return r, err
		}
		r.BasicRates, args = rates, args[2:]
	}
	if len(args) > 1 && args[0] == "mcast-rate" {
		v, err := parseMbps(args[1])
		if err != nil {
			return r, err
		}
		r.McastRate, args = &v, args[2:]
	}
	if len(args) == 0 {
		return r, nil
	}
	r.Keys, err = parseKeysClause(args)
	return r, err
}

// parseBasicRates reads "1,2,5.5,11" (Mb/s) into 500 kb/s units; a rate
// that is not a multiple of 0.5 Mb/s, zero or above 127.5 is a usage
// error, as with iw.
func parseBasicRates(s string) ([]byte, error) {
	var rates []byte
	for _, f := range strings.Split(s, ",") {
		if f == "" {
			continue // strtok skips empty fields
		}
		v, err := strconv.ParseFloat(f, 32)
		units := float32(v) * 2
		if err != nil || units < 1 || units > 255 || units != float32(math.Trunc(float64(units))) {
			return nil, &usageError{}
		}
		rates = append(rates, byte(units))
	}
	return rates, nil
}

func runIBSSJoin(e *env, tg target, args []string) error {
	r, err := parseIBSSJoin(args)
	if err != nil {
		return err
	}
	return e.client.JoinIBSS(tg.dev.Index, r)
}

// runIBSSLeave leaves the cell; like iw it ignores extra arguments.
func runIBSSLeave(e *env, tg target, _ []string) error {
	return e.client.LeaveIBSS(tg.dev.Index)
}
