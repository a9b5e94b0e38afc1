package main

import (
	"encoding/hex"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

const apStartArgs = "<SSID> <control freq> [5|10|20|40|80|80+80|160] [<center1_freq> [<center2_freq>]] " +
	"<beacon interval in TU> <DTIM period> [hidden-ssid|zeroed-ssid] head <beacon head in hexadecimal> " +
	"[tail <beacon tail in hexadecimal>] [inactivity-time <inactivity time in seconds>] [key0:abcde d:1:6162636465]"

const apStartHelp = "Start an AP. Note that this usually requires hostapd or similar:\n" +
	"the kernel beacons with the head and tail given, but leaves\n" +
	"authentication and association of stations to user space."

// argList walks a command's arguments.
type argList []string

// next returns the next argument, if any, and moves past it.
func (a *argList) next() (string, bool) {
	if len(*a) == 0 {
		return "", false
	}
	s := (*a)[0]
	*a = (*a)[1:]
	return s, true
}

// nextIs moves past the next argument if it is word.
func (a *argList) nextIs(word string) bool {
	if len(*a) > 0 && (*a)[0] == word {
		*a = (*a)[1:]
		return true
	}
	return false
}

// parseAPStart reads iw's "ap start" arguments, with its answers: a
// missing or misplaced word is a usage error, a number or hex string that
// does not parse is EINVAL.
func parseAPStart(args []string) (nl80211.APRequest, error) {
	var r nl80211.APRequest
	if len(args) < 6 {
		return r, &usageError{}
	}
	r.SSID = []byte(args[0])
	ch, used, err := parseFreqChan(args[1:])
	if err != nil {
		return r, err
	}
	r.Channel = ch
	rest := argList(args[1+used:])
	for _, v := range []*uint32{&r.BeaconInterval, &r.DTIMPeriod} {
		s, ok := rest.next()
		if !ok {
			return r, &usageError{}
		}
		n, whole := cNumber(s)
		if !whole {
			return r, unix.EINVAL
		}
		*v = uint32(n)
	}
	switch {
	case rest.nextIs("hidden-ssid"):
		r.Hidden = nl80211.SSIDZeroLength
	case rest.nextIs("zeroed-ssid"):
		r.Hidden = nl80211.SSIDZeroContents
	}
	if !rest.nextIs("head") {
		return r, &usageError{}
	}
	s, ok := rest.next()
	if !ok {
		return r, &usageError{}
	}
	if r.BeaconHead, err = beaconHex(s); err != nil {
		return r, err
	}
	if rest.nextIs("tail") {
		s, ok := rest.next()
		if !ok {
			return r, unix.EINVAL
		}
		if r.BeaconTail, err = beaconHex(s); err != nil {
			return r, err
		}
	}
	if rest.nextIs("inactivity-time") {
		s, ok := rest.next()
		n, whole := cNumber(s)
		if !ok || s == "" || !whole {
			return r, unix.EINVAL
		}
		v := uint16(n)
		r.InactivityTimeout = &v
	}
	if len(rest) == 0 {
		return r, nil
	}
	r.Keys, err = parseKeysClause(rest)
	return r, err
}

// beaconHex reads a beacon part: an even, non-zero number of hex digits.
func beaconHex(s string) ([]byte, error) {
	if s == "" || len(s)%2 != 0 {
		return nil, unix.EINVAL
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, unix.EINVAL
	}
	return b, nil
}

func runAPStart(e *env, tg target, args []string) error {
	r, err := parseAPStart(args)
	if err != nil {
		return err
	}
	return e.client.StartAP(tg.dev.Index, r)
}

func runAPStop(e *env, tg target, _ []string) error {
	// iw sends the request whatever follows "stop".
	return e.client.StopAP(tg.dev.Index)
}
