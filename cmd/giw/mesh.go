package main

import (
	"strconv"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// parseMeshJoin reads iw's "mesh join" arguments: <mesh ID> [freq <freq>
// [mode]] [basic-rates <rate,...>] [mcast-rate <rate>] [beacon-interval
// <TU>] [dtim-period <value>] [vendor_sync on|off] [<param>=<value>]*, in
// that order. As in iw each keyword needs a word after it to count as one;
// otherwise it is taken for a mesh parameter.
func parseMeshJoin(args []string) (nl80211.MeshJoinRequest, error) {
	var r nl80211.MeshJoinRequest
	if len(args) == 0 {
		return r, &usageError{}
	}
	r.MeshID, args = []byte(args[0]), args[1:]
	if len(args) > 1 && args[0] == "freq" {
		c, used, err := parseFreqChan(args[1:])
		if err != nil {
			return r, err
		}
		r.Channel, args = &c, args[1+used:]
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
	for _, k := range []struct {
		word string
		dst  **uint32
	}{{"beacon-interval", &r.BeaconInterval}, {"dtim-period", &r.DTIMPeriod}} {
		if len(args) > 1 && args[0] == k.word {
			v, err := strconv.ParseUint(args[1], 10, 32)
			if err != nil {
				return r, &usageError{}
			}
			*k.dst, args = ptrTo(uint32(v)), args[2:]
		}
	}
	if len(args) > 1 && args[0] == "vendor_sync" {
		// iw reads any word but "on" as off.
		r.VendorSync, args = ptrTo(args[1] == "on"), args[2:]
	}
	vals, err := parseMeshParams(args)
	if err != nil {
		return r, err
	}
	r.Config = vals
	return r, nil
}

func runMeshJoin(e *env, tg target, args []string) error {
	r, err := parseMeshJoin(args)
	if err != nil {
		return err
	}
	return e.client.JoinMesh(tg.dev.Index, r)
}

// runMeshLeave leaves the mesh; like iw it ignores extra arguments.
func runMeshLeave(e *env, tg target, _ []string) error {
	return e.client.LeaveMesh(tg.dev.Index)
}
