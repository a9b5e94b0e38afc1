package main

import (
	"net"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

const schedScanArgs = "[interval <in_msecs> | scan_plans [<interval_secs:iterations>*] <interval_secs>] " +
	"[delay <in_secs>] [freqs <freq>+] [matches [ssid <ssid>]+]] [active [ssid <ssid>]+|passive] " +
	"[randomise[=<addr>/<mask>]] [coloc] [flush]"

const schedScanHelp = "Start a scheduled scan at the specified interval on the given frequencies\n" +
	"with probing for the given SSIDs (or wildcard if not given) unless passive\n" +
	"scanning is requested.  If matches are specified, only matching results\n" +
	"will be returned."

// schedScanParser reads iw's scheduled scan grammar. Lists (freqs,
// matches, active, scan_plans) run until a word that does not belong to
// them; a word iw does not know at the top level ends the arguments, and
// the request then goes out with only what came before it (interval,
// delay, random address), as iw sends it.
type schedScanParser struct {
	r                                 nl80211.SchedScanRequest
	rest                              argList
	haveMatches, haveFreqs, havePlans bool
	active, passive                   bool
	ssids                             [][]byte
}

func parseSchedScan(args []string) (nl80211.SchedScanRequest, error) {
	r, _, err := parseSchedScanPrefix(args)
	return r, err
}

// parseSchedScanPrefix reads the scheduled scan arguments args starts
// with; rest is what follows them, from the first word that is not one.
func parseSchedScanPrefix(args []string) (r nl80211.SchedScanRequest, rest []string, err error) {
	p := &schedScanParser{rest: argList(args)}
	complete, err := p.parse()
	if err != nil {
		return p.r, nil, err
	}
	if !complete {
		return nl80211.SchedScanRequest{Interval: p.r.Interval, Delay: p.r.Delay,
			RandomAddr: p.r.RandomAddr, RandomMask: p.r.RandomMask}, p.rest, nil
	}
	if !p.passive {
		p.r.SSIDs = p.ssids
		if p.r.SSIDs == nil {
			p.r.SSIDs = [][]byte{{}}
		}
	}
	if !p.haveFreqs {
		p.r.Flags |= nl80211.ScanFlagColocated6G
	}
	return p.r, nil, nil
}

// parse reads the arguments; complete is false when an unknown word
// ended them.
func (p *schedScanParser) parse() (complete bool, err error) {
	for len(p.rest) > 0 {
		before := p.rest
		w, _ := p.rest.next()
		switch {
		case w == "interval":
			v, ok := p.rest.next()
			n, whole := cNumber(v)
			if !ok || p.r.Interval != nil || p.havePlans || !whole || n == 0 {
				return false, unix.EINVAL
			}
			iv := uint32(n)
			p.r.Interval = &iv
		case w == "scan_plans":
			if p.havePlans || p.r.Interval != nil {
				return false, unix.EINVAL
			}
			p.havePlans = true
			if err := p.plans(); err != nil {
				return false, err
			}
		case w == "delay":
			v, ok := p.rest.next()
			n, whole := cNumber(v)
			if !ok || p.r.Delay != nil || !whole {
				return false, unix.EINVAL
			}
			d := uint32(n)
			p.r.Delay = &d
		case w == "matches":
			if p.haveMatches {
				return false, unix.EINVAL
			}
			var err error
			if p.r.Matches, err = p.ssidList(); err != nil {
				return false, err
			}
			p.haveMatches = len(p.r.Matches) > 0
		case w == "freqs":
			if p.haveFreqs {
				return false, unix.EINVAL
			}
			p.haveFreqs = true
			if err := p.freqs(); err != nil {
				return false, err
			}
		case w == "active":
			if p.active || p.passive {
				return false, unix.EINVAL
			}
			p.active = true
			var err error
			if p.ssids, err = p.ssidList(); err != nil {
				return false, err
			}
		case w == "passive":
			if p.active || p.passive {
				return false, unix.EINVAL
			}
			p.passive = true
		case strings.HasPrefix(w, "randomise") || strings.HasPrefix(w, "randomize"):
			addr, mask, err := parseRandomMAC(w[len("randomise"):])
			if err != nil {
				return false, err
			}
			p.r.Flags |= nl80211.ScanFlagRandomAddr
			p.r.RandomAddr, p.r.RandomMask = addr, mask
		case strings.HasPrefix(w, "coloc"):
			p.r.Flags |= nl80211.ScanFlagColocated6G
		case strings.HasPrefix(w, "flush"):
			p.r.Flags |= nl80211.ScanFlagFlush
		default:
			p.rest = before
			return false, nil
		}
	}
	return true, nil
}

// ssidList reads "ssid <ssid>" pairs; an empty list followed by another
// word is EINVAL, one at the end of the arguments is empty.
func (p *schedScanParser) ssidList() ([][]byte, error) {
	var list [][]byte
	for len(p.rest) > 0 {
		if !p.rest.nextIs("ssid") {
			if len(list) == 0 {
				return nil, unix.EINVAL
			}
			return list, nil
		}
		s, ok := p.rest.next()
		if !ok {
			return nil, unix.EINVAL
		}
		list = append(list, []byte(s))
	}
	return list, nil
}

// freqs reads frequencies up to the first word that is not one.
func (p *schedScanParser) freqs() error {
	p.r.Freqs = []uint32{}
	for len(p.rest) > 0 {
		n, whole := cNumber(p.rest[0])
		if !whole {
			if len(p.r.Freqs) == 0 {
				return unix.EINVAL
			}
			return nil
		}
		p.r.Freqs = append(p.r.Freqs, uint32(n))
		p.rest = p.rest[1:]
	}
	return nil
}

// plans reads "<interval:iterations>*" and the last "<interval>".
func (p *schedScanParser) plans() error {
	for len(p.rest) > 0 {
		w, _ := p.rest.next()
		ivs, its, hasIts := strings.Cut(w, ":")
		iv, whole := cNumber(ivs)
		if !whole {
			return unix.EINVAL
		}
		plan := nl80211.ScanPlan{Interval: uint32(iv)}
		if hasIts {
			n, whole := cNumber(its)
			if !whole || n == 0 {
				return unix.EINVAL
			}
			plan.Iterations = uint32(n)
		}
		p.r.Plans = append(p.r.Plans, plan)
		if !hasIts {
			return nil
		}
	}
	return nil
}

// parseRandomMAC reads what follows "randomise": nothing (random but for
// the multicast bit) or "=<addr>/<mask>"; anything else is a usage error.
func parseRandomMAC(s string) (addr, mask net.HardwareAddr, err error) {
	if s == "" {
		return net.HardwareAddr{0, 0, 0, 0, 0, 0}, net.HardwareAddr{1, 0, 0, 0, 0, 0}, nil
	}
	a, m, ok := strings.Cut(strings.TrimPrefix(s, "="), "/")
	if s[0] != '=' || !ok {
		return nil, nil, &usageError{}
	}
	if addr, err = net.ParseMAC(a); err != nil || len(addr) != 6 {
		return nil, nil, &usageError{}
	}
	if mask, err = net.ParseMAC(m); err != nil || len(mask) != 6 {
		return nil, nil, &usageError{}
	}
	return addr, mask, nil
}

func runSchedStart(e *env, tg target, args []string) error {
	r, err := parseSchedScan(args)
	if err != nil {
		return err
	}
	return e.client.StartSchedScan(tg.dev.Index, r)
}

func runSchedStop(e *env, tg target, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	return e.client.StopSchedScan(tg.dev.Index)
}
