package link

import (
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// humanNum prints a counter as -h does: plain below the base, else scaled
// with a k/M/G/T/P/E suffix and as many decimals as fit three digits (and
// an "i" with -iec).
func humanNum(v uint64, g *env.Global) string {
	if !g.Human {
		return strconv.FormatUint(v, 10)
	}
	base := uint64(1000)
	if g.IEC {
		base = 1024
	}
	if v < base {
		return strconv.FormatUint(v, 10)
	}
	const prefixes = "kMGTPE"
	i := 0
	pow := base
	for v/base >= pow && i < len(prefixes)-1 {
		pow *= base
		i++
	}
	prec := 2
	for j := uint64(10); prec > 0; prec-- {
		if v/pow < j {
			break
		}
		j *= 10
	}
	s := strconv.FormatFloat(float64(v)/float64(pow), 'f', prec, 64) + string(prefixes[i])
	if g.IEC {
		s += "i"
	}
	return s
}

// Stats64 prints a bare struct rtnl_link_stats64 as ip's print_stats64
// does without carrier changes: columns in text, "stats64" in JSON (ip
// stats' link and cpu_hit).
func Stats64(f *format.Fields, s *rtnl.LinkStats, g *env.Global) {
	printStats(f, &rtnl.Link{Stats: s}, g)
}

// HumanNum is a counter as ip prints it: plain, or scaled with -h.
func HumanNum(v uint64, g *env.Global) string { return humanNum(v, g) }

// printStats prints the -s block: columns in text, "stats64" in JSON.
func printStats(f *format.Fields, l *rtnl.Link, g *env.Global) {
	if f.JSON() {
		statsJSON(f, l, g)
		return
	}
	statsText(f, l, g)
}

// statsText lays out ip's statistics block: a header row and a value
// row for RX and TX (and error rows with -s -s), columns as wide as their
// widest header or value.
func statsText(f *format.Fields, l *rtnl.Link, g *env.Global) {
	var t strings.Builder
	line := func() {
		f.Line()
		f.Literal(t.String())
		t.Reset()
	}
	s := l.Stats
	n := func(v uint64) string { return humanNum(v, g) }
	rx := []string{n(s.RxBytes), n(s.RxPackets), n(s.RxErrors), n(s.RxDropped), n(s.RxMissedErrors), n(s.Multicast)}
	tx := []string{n(s.TxBytes), n(s.TxPackets), n(s.TxErrors), n(s.TxDropped), n(s.TxCarrierErrors), n(s.Collisions)}
	rxe := []string{n(s.RxLengthErrors), n(s.RxCRCErrors), n(s.RxFrameErrors), n(s.RxFIFOErrors), n(s.RxOverErrors)}
	txe := []string{n(s.TxAbortedErrors), n(s.TxFIFOErrors), n(s.TxWindowErrors), n(s.TxHeartbeatErrors), n(uint64(l.CarrierChg))}
	txeH := []string{"aborted", "fifo", "window", "heartbt", "transns"}
	if !l.Has(unix.IFLA_CARRIER_CHANGES) {
		// Without carrier changes (ip stats) the column has no title
		// and no value.
		txe, txeH[4] = txe[:4], ""
	}
	rxH := []string{"bytes", "packets", "errors", "dropped", "missed", "mcast"}
	txH := []string{"bytes", "packets", "errors", "dropped", "carrier", "collsns"}
	rxeH := []string{"length", "crc", "frame", "fifo", "overrun"}
	// Column 0 is wide enough for "RX errors:" and every byte count;
	// columns 1.. for their headers and values.
	w := make([]int, 7)
	w[0] = len("RX errors:")
	w[6] = len("compressed")
	fit := func(col int, s string) {
		if len(s) > w[col] {
			w[col] = len(s)
		}
	}
	for i := range 6 {
		fit(i, rx[i])
		fit(i, tx[i])
		if i > 0 {
			fit(i, rxH[i])
			fit(i, txH[i])
		}
	}
	if g.Stats > 1 {
		for i := range 5 {
			fit(i+1, rxe[i])
			if i < len(txe) {
				fit(i+1, txe[i])
			}
			fit(i+1, rxeH[i])
			fit(i+1, txeH[i])
		}
	}
	pad := func(s string, n int) string {
		if len(s) >= n {
			return s
		}
		return strings.Repeat(" ", n-len(s)) + s
	}
	header := func(label string, h []string, main, compressed bool) {
		t.WriteString("    " + label + pad(h[0], w[0]-len(label)))
		for i := 1; i < len(h); i++ {
			t.WriteString(" " + pad(h[i], w[i]))
		}
		if compressed {
			t.WriteString(" " + pad("compressed", w[6]))
		} else if main {
			t.WriteString(" " + pad("", w[6]))
		}
		line()
	}
	values := func(first string, v []string, extra []string) {
		t.WriteString("    " + pad(first, w[0]) + " ")
		for i, x := range v {
			t.WriteString(pad(x, w[i+1]) + " ")
		}
		for _, x := range extra {
			t.WriteString(pad(x, w[6]) + " ")
		}
		line()
	}
	var rxc, txc []string
	if s.RxCompressed != 0 {
		rxc = []string{n(s.RxCompressed)}
	}
	if s.TxCompressed != 0 {
		txc = []string{n(s.TxCompressed)}
	}
	header("RX: ", rxH, true, s.RxCompressed != 0)
	values(rx[0], rx[1:], rxc)
	if g.Stats > 1 {
		header("RX errors:", append([]string{""}, rxeH...), false, false)
		values("", rxe, nil)
	}
	header("TX: ", txH, true, s.TxCompressed != 0)
	values(tx[0], tx[1:], txc)
	if g.Stats > 1 {
		header("TX errors:", append([]string{""}, txeH...), false, false)
		values("", txe, nil)
	}
}

// statsJSON prints "stats64": {"rx": {...}, "tx": {...}}.
func statsJSON(f *format.Fields, l *rtnl.Link, g *env.Global) {
	s := l.Stats
	u := func(key string, v uint64) { f.Uint(key, "", v) }
	f.Open("stats64")
	f.Open("rx")
	u("bytes", s.RxBytes)
	u("packets", s.RxPackets)
	u("errors", s.RxErrors)
	u("dropped", s.RxDropped)
	u("over_errors", s.RxOverErrors)
	u("multicast", s.Multicast)
	if s.RxCompressed != 0 {
		u("compressed", s.RxCompressed)
	}
	if g.Stats > 1 {
		u("length_errors", s.RxLengthErrors)
		u("crc_errors", s.RxCRCErrors)
		u("frame_errors", s.RxFrameErrors)
		u("fifo_errors", s.RxFIFOErrors)
		u("missed_errors", s.RxMissedErrors)
	}
	if s.RxNoHandler != 0 {
		u("nohandler", s.RxNoHandler)
	}
	if s.RxOtherhostDropped != 0 {
		u("otherhost_dropped", s.RxOtherhostDropped)
	}
	f.Close()
	f.Open("tx")
	u("bytes", s.TxBytes)
	u("packets", s.TxPackets)
	u("errors", s.TxErrors)
	u("dropped", s.TxDropped)
	u("carrier_errors", s.TxCarrierErrors)
	u("collisions", s.Collisions)
	if s.TxCompressed != 0 {
		u("compressed", s.TxCompressed)
	}
	if g.Stats > 1 {
		u("aborted_errors", s.TxAbortedErrors)
		u("fifo_errors", s.TxFIFOErrors)
		u("window_errors", s.TxWindowErrors)
		u("heartbeat_errors", s.TxHeartbeatErrors)
		if l.Has(unix.IFLA_CARRIER_CHANGES) {
			u("carrier_changes", uint64(l.CarrierChg))
		}
	}
	f.Close()
	f.Close()
}
