package main

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// bitrateWord is a keyword of "set bitrates": the band it applies to and
// what it starts.
type bitrateWord struct {
	band int
	kind bitrateKind
}

type bitrateKind int

const (
	rateLegacy bitrateKind = iota
	rateHT
	rateVHT
	rateHE
	rateSGI
	rateLGI
	rateHEGI
	rateHELTF
)

var bitrateWords = map[string]bitrateWord{
	"legacy-2.4": {nl80211.Band2GHz, rateLegacy}, "legacy-5": {nl80211.Band5GHz, rateLegacy},
	"ht-mcs-2.4": {nl80211.Band2GHz, rateHT}, "ht-mcs-5": {nl80211.Band5GHz, rateHT},
	"vht-mcs-2.4": {nl80211.Band2GHz, rateVHT}, "vht-mcs-5": {nl80211.Band5GHz, rateVHT},
	"he-mcs-2.4": {nl80211.Band2GHz, rateHE}, "he-mcs-5": {nl80211.Band5GHz, rateHE}, "he-mcs-6": {nl80211.Band6GHz, rateHE},
	"sgi-2.4": {nl80211.Band2GHz, rateSGI}, "sgi-5": {nl80211.Band5GHz, rateSGI},
	"lgi-2.4": {nl80211.Band2GHz, rateLGI}, "lgi-5": {nl80211.Band5GHz, rateLGI},
	"he-gi-2.4": {nl80211.Band2GHz, rateHEGI}, "he-gi-5": {nl80211.Band5GHz, rateHEGI}, "he-gi-6": {nl80211.Band6GHz, rateHEGI},
	"he-ltf-2.4": {nl80211.Band2GHz, rateHELTF}, "he-ltf-5": {nl80211.Band5GHz, rateHELTF}, "he-ltf-6": {nl80211.Band6GHz, rateHELTF},
}

var (
	heGIValues  = map[string]uint8{"0.8": 0, "1.6": 1, "3.2": 2}
	heLTFValues = map[string]uint8{"1": 0, "2": 1, "4": 2}
)

// parseBitrates reads iw's "set bitrates" arguments into a mask. Rates
// follow the keyword that names their kind and band; a keyword given
// twice, a legacy rate or MCS index that is not a number, or an unknown
// word are usage errors; a VHT or HE spec iw cannot read is EINVAL.
func parseBitrates(args []string) (nl80211.BitrateMask, error) {
	m, _, err := parseBitrateWords(args, false)
	return m, err
}

// parseBitrateWords reads rate words as parseBitrates does; with
// stopAtUnknown, a word that is neither a keyword nor a rate ends the
// rates instead of being an error (the rates of "set tidconf ... bitrates
// fixed", followed by more settings). It returns the words read.
func parseBitrateWords(args []string, stopAtUnknown bool) (nl80211.BitrateMask, int, error) {
	m := nl80211.BitrateMask{}
	seen := map[bitrateWord]bool{}
	var cur *bitrateWord
	band := func(b int) nl80211.BandRates { return m[b] }
	for i := 0; i < len(args); i++ {
		a := args[i]
		if w, ok := bitrateWords[a]; ok {
			if seen[w] && w.kind <= rateHE {
				return nil, 0, &usageError{}
			}
			seen[w] = true
			r := band(w.band)
			switch w.kind {
			case rateLegacy:
				r.Legacy = []byte{}
			case rateHT:
				r.HTMCS = []byte{}
			case rateVHT:
				r.VHTMCS = &[8]uint16{}
			case rateHE:
				r.HEMCS = &[8]uint16{}
			case rateSGI:
				r.GI = unix.NL80211_TXRATE_FORCE_SGI
			case rateLGI:
				r.GI = unix.NL80211_TXRATE_FORCE_LGI
			case rateHEGI, rateHELTF:
				if i+1 >= len(args) {
					return nil, 0, &usageError{}
				}
				i++
				values := heGIValues
				if w.kind == rateHELTF {
					values = heLTFValues
				}
				v, ok := values[args[i]]
				if !ok {
					return nil, 0, &usageError{}
				}
				if w.kind == rateHEGI {
					r.HEGI = &v
				} else {
					r.HELTF = &v
				}
			}
			m[w.band] = r
			cur = &w
			if w.kind > rateHE {
				cur = nil
			}
			continue
		}
		if cur == nil {
			if stopAtUnknown {
				return m, i, nil
			}
			return nil, 0, &usageError{}
		}
		r := band(cur.band)
		switch cur.kind {
		case rateLegacy:
			v, err := strconv.ParseFloat(a, 64)
			if err != nil || v < 1 || v > 255*2 {
				return nil, 0, &usageError{}
			}
			r.Legacy = append(r.Legacy, byte(v*2))
		case rateHT:
			v, err := strconv.ParseInt(a, 0, 64)
			if err != nil || v < 0 || v > 255 {
				return nil, 0, &usageError{}
			}
			r.HTMCS = append(r.HTMCS, byte(v))
		case rateVHT:
			if !parseMCSSpec(a, 9, r.VHTMCS) {
				return nil, 0, unix.EINVAL
			}
		case rateHE:
			if !parseMCSSpec(a, 11, r.HEMCS) {
				return nil, 0, unix.EINVAL
			}
		}
		m[cur.band] = r
	}
	return m, len(args), nil
}

// parseMCSSpec adds "NSS:MCSx,MCSy..." or "NSS:MCSx-MCSy" to the per-stream
// MCS bitmaps; NSS is 1..8 and MCS indices 0..maxMCS.
func parseMCSSpec(s string, maxMCS int, m *[8]uint16) bool {
	nssS, list, ok := strings.Cut(s, ":")
	nss, err := strconv.Atoi(nssS)
	if !ok || err != nil || nss < 1 || nss > 8 {
		return false
	}
	mcs := func(s string) (int, bool) {
		v, err := strconv.Atoi(s)
		return v, err == nil && v >= 0 && v <= maxMCS
	}
	if lo, hi, isRange := strings.Cut(list, "-"); isRange {
		a, ok1 := mcs(lo)
		b, ok2 := mcs(hi)
		if !ok1 || !ok2 || a > b {
			return false
		}
		for i := a; i <= b; i++ {
			m[nss-1] |= 1 << i
		}
		return true
	}
	for _, f := range strings.Split(list, ",") {
		v, ok := mcs(f)
		if !ok {
			return false
		}
		m[nss-1] |= 1 << v
	}
	return true
}

func runSetBitrates(e *env, tg target, args []string) error {
	m, err := parseBitrates(args)
	if err != nil {
		return err
	}
	return e.client.SetBitrateMask(tg.dev.Index, m)
}
