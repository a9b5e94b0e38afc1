package main

import (
	"net"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// parseAuth reads iw's "auth <SSID> <bssid> <type:open|shared> <freq in
// MHz> [key ...]": keys only, and always, with shared key authentication;
// anything else is a usage error.
func parseAuth(args []string) (nl80211.AuthRequest, error) {
	var r nl80211.AuthRequest
	if len(args) < 4 {
		return r, &usageError{}
	}
	r.SSID = []byte(args[0])
	mac, err := net.ParseMAC(args[1])
	if err != nil || len(mac) != 6 {
		return r, &usageError{}
	}
	r.BSSID = mac
	switch args[2] {
	case "open":
		r.Auth = nl80211.AuthOpen
	case "shared":
		r.Auth = nl80211.AuthShared
	default:
		return r, &usageError{}
	}
	freq, whole := cNumber(args[3])
	if !whole {
		return r, &usageError{}
	}
	r.Freq = uint32(freq)
	rest := argList(args[4:])
	needKey := r.Auth == nl80211.AuthShared
	if (len(rest) > 0) != needKey {
		return r, &usageError{}
	}
	if len(rest) == 0 {
		return r, nil
	}
	r.Keys, err = parseKeysClause(rest)
	return r, err
}

func runAuth(e *env, tg target, args []string) error {
	r, err := parseAuth(args)
	if err != nil {
		return err
	}
	return e.client.Authenticate(tg.dev.Index, r)
}
