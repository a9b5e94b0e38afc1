package main

import (
	"net"

	"github.com/gip-suite/gip/internal/nl/nl80211"
)

// mpathJSON is the JSON view of a mesh path or proxy path.
type mpathJSON struct {
	Dst                string  `json:"dst"`
	NextHop            string  `json:"next_hop,omitempty"`
	Proxy              string  `json:"proxy,omitempty"`
	Ifname             string  `json:"ifname"`
	SN                 *uint32 `json:"sn,omitempty"`
	Metric             *uint32 `json:"metric,omitempty"`
	QLen               *uint32 `json:"qlen,omitempty"`
	ExpTimeMs          *uint32 `json:"exptime_ms,omitempty"`
	DiscoveryTimeoutMs *uint32 `json:"discovery_timeout_ms,omitempty"`
	DiscoveryRetries   *uint8  `json:"discovery_retries,omitempty"`
	Flags              *uint8  `json:"flags,omitempty"`
	HopCount           *uint8  `json:"hop_count,omitempty"`
	PathChange         *uint32 `json:"path_change,omitempty"`
}

func mpathView(p nl80211.MeshPath, ifname string, proxy bool) mpathJSON {
	v := mpathJSON{Dst: p.Dst.String(), Ifname: ifname, SN: p.SN, Metric: p.Metric, QLen: p.QLen, ExpTimeMs: p.ExpTime,
		DiscoveryTimeoutMs: p.DiscoveryTimeout, DiscoveryRetries: p.DiscoveryRetries, Flags: p.Flags,
		HopCount: p.HopCount, PathChange: p.PathChange}
	if proxy {
		v.Proxy = p.NextHop.String()
	} else {
		v.NextHop = p.NextHop.String()
	}
	return v
}

const (
	mpathHeader = "DEST ADDR         NEXT HOP          IFACE\tSN\tMETRIC\tQLEN\tEXPTIME\tDTIM\tDRET\tFLAGS\tHOP_COUNT\tPATH_CHANGE\n"
	mppHeader   = "DEST ADDR         PROXY NODE        IFACE\n"
)

// printMeshPath writes one line as iw's print_mpath_handler does.
func printMeshPath(t *tw, p nl80211.MeshPath, ifname string) {
	t.f("%s %s %s", p.Dst, p.NextHop, ifname)
	u32 := func(v *uint32) {
		if v != nil {
			t.f("\t%d", *v)
		}
	}
	u8 := func(v *uint8) {
		if v != nil {
			t.f("\t%d", *v)
		}
	}
	u32(p.SN)
	u32(p.Metric)
	u32(p.QLen)
	u32(p.ExpTime)
	u32(p.DiscoveryTimeout)
	u8(p.DiscoveryRetries)
	if p.Flags != nil {
		t.f("\t0x%x", *p.Flags)
	}
	u8(p.HopCount)
	u32(p.PathChange)
	t.f("\n")
}

func printMeshPaths(e *env, ps []nl80211.MeshPath, ifname string, proxy bool) error {
	if e.opts.json {
		out := make([]mpathJSON, 0, len(ps))
		for _, p := range ps {
			out = append(out, mpathView(p, ifname, proxy))
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	if proxy {
		t.f("%s", mppHeader)
	} else {
		t.f("%s", mpathHeader)
	}
	for _, p := range ps {
		printPathLine(t, p, ifname, proxy)
	}
	return t.err
}

// printPathLine writes a path's line, or a proxy path's (destination,
// proxy, interface).
func printPathLine(t *tw, p nl80211.MeshPath, ifname string, proxy bool) {
	if proxy {
		t.f("%s %s %s\n", p.Dst, p.NextHop, ifname)
	} else {
		printMeshPath(t, p, ifname)
	}
}

func runMpathDump(e *env, tg target, args []string) error { return meshPathDump(e, tg, args, false) }
func runMppDump(e *env, tg target, args []string) error   { return meshPathDump(e, tg, args, true) }

func meshPathDump(e *env, tg target, args []string, proxy bool) error {
	if err := noArgs(args); err != nil {
		return err
	}
	ps, err := e.client.MeshPaths(tg.dev.Index, proxy)
	if err != nil {
		return err
	}
	return printMeshPaths(e, ps, tg.dev.Name, proxy)
}

func runMpathGet(e *env, tg target, args []string) error { return meshPathGet(e, tg, args, false) }
func runMppGet(e *env, tg target, args []string) error   { return meshPathGet(e, tg, args, true) }

func meshPathGet(e *env, tg target, args []string, proxy bool) error {
	if len(args) != 1 {
		return &usageError{}
	}
	dst, err := parseMAC(args[0], "mac address")
	if err != nil {
		return err
	}
	p, err := e.client.MeshPath(tg.dev.Index, dst, proxy)
	if err != nil {
		return err
	}
	if e.opts.json {
		return printJSON(e, mpathView(p, tg.dev.Name, proxy))
	}
	// One path: iw prints its line without the table's header.
	t := &tw{w: e.stdout}
	printPathLine(t, p, tg.dev.Name, proxy)
	return t.err
}

// parseMpathNew reads "<destination MAC address> next_hop <next hop MAC
// address>".
func parseMpathNew(args []string) (dst, nextHop net.HardwareAddr, err error) {
	if len(args) != 3 || args[1] != "next_hop" {
		return nil, nil, &usageError{}
	}
	if dst, err = parseMAC(args[0], "destination mac address"); err != nil {
		return nil, nil, err
	}
	if nextHop, err = parseMAC(args[2], "next hop mac address"); err != nil {
		return nil, nil, err
	}
	return dst, nextHop, nil
}

func runMpathNew(e *env, tg target, args []string) error {
	dst, hop, err := parseMpathNew(args)
	if err != nil {
		return err
	}
	return e.client.NewMeshPath(tg.dev.Index, dst, hop)
}

func runMpathSet(e *env, tg target, args []string) error {
	dst, hop, err := parseMpathNew(args)
	if err != nil {
		return err
	}
	return e.client.SetMeshPath(tg.dev.Index, dst, hop)
}

func runMpathDel(e *env, tg target, args []string) error {
	if len(args) != 1 {
		return &usageError{}
	}
	dst, err := parseMAC(args[0], "mac address")
	if err != nil {
		return err
	}
	return e.client.DelMeshPath(tg.dev.Index, dst)
}

// parseMpathProbe reads iw's "<destination MAC address> frame <frame>"
// (the frame as hex bytes "ab:cd:..."), with iw's messages; arguments
// after the frame are ignored, as iw ignores them.
func parseMpathProbe(args []string) (net.HardwareAddr, []byte, error) {
	if len(args) < 3 {
		return nil, nil, &usageError{}
	}
	dst, err := parseMAC(args[0], "mac address")
	if err != nil {
		return nil, nil, err
	}
	if args[1] != "frame" {
		return nil, nil, &usageError{}
	}
	frame, ok := parseHexPattern(args[2])
	if !ok {
		return nil, nil, &exitError{code: 2, msg: "invalid frame pattern: (nil)"}
	}
	return dst, frame, nil
}

func runMpathProbe(e *env, tg target, args []string) error {
	dst, frame, err := parseMpathProbe(args)
	if err != nil {
		return err
	}
	return e.client.ProbeMeshLink(tg.dev.Index, dst, frame)
}
