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

// statColumns lays out ip's statistics block: a header row and a value
// row for RX and TX (and error rows with -s -s), columns as wide as their
// widest header or value.
func linkStatsText(t *format.Text, l *rtnl.Link, g *env.Global) {
	s := l.Stats
	n := func(v uint64) string { return humanNum(v, g) }
	rx := []string{n(s.RxBytes), n(s.RxPackets), n(s.RxErrors), n(s.RxDropped), n(s.RxMissedErrors), n(s.Multicast)}
	tx := []string{n(s.TxBytes), n(s.TxPackets), n(s.TxErrors), n(s.TxDropped), n(s.TxCarrierErrors), n(s.Collisions)}
	rxe := []string{n(s.RxLengthErrors), n(s.RxCRCErrors), n(s.RxFrameErrors), n(s.RxFIFOErrors), n(s.RxOverErrors)}
	txe := []string{n(s.TxAbortedErrors), n(s.TxFIFOErrors), n(s.TxWindowErrors), n(s.TxHeartbeatErrors), n(uint64(l.CarrierChg))}
	rxH := []string{"bytes", "packets", "errors", "dropped", "missed", "mcast"}
	txH := []string{"bytes", "packets", "errors", "dropped", "carrier", "collsns"}
	rxeH := []string{"length", "crc", "frame", "fifo", "overrun"}
	txeH := []string{"aborted", "fifo", "window", "heartbt", "transns"}
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
			fit(i+1, txe[i])
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
		t.Break()
		t.S("    ", label, pad(h[0], w[0]-len(label)))
		for i := 1; i < len(h); i++ {
			t.S(" ", pad(h[i], w[i]))
		}
		if compressed {
			t.S(" ", pad("compressed", w[6]))
		} else if main {
			t.S(" ", pad("", w[6]))
		}
	}
	values := func(first string, v []string, extra []string) {
		t.Break()
		t.S("    ", pad(first, w[0]), " ")
		for i, x := range v {
			t.S(pad(x, w[i+1]), " ")
		}
		for _, x := range extra {
			t.S(pad(x, w[6]), " ")
		}
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

func linkStatsJSON(l *rtnl.Link, g *env.Global) *format.Obj {
	s := l.Stats
	rx := &format.Obj{}
	rx.Set("bytes", s.RxBytes).Set("packets", s.RxPackets).Set("errors", s.RxErrors).
		Set("dropped", s.RxDropped).Set("over_errors", s.RxOverErrors).Set("multicast", s.Multicast)
	if s.RxCompressed != 0 {
		rx.Set("compressed", s.RxCompressed)
	}
	tx := &format.Obj{}
	tx.Set("bytes", s.TxBytes).Set("packets", s.TxPackets).Set("errors", s.TxErrors).
		Set("dropped", s.TxDropped).Set("carrier_errors", s.TxCarrierErrors).Set("collisions", s.Collisions)
	if s.TxCompressed != 0 {
		tx.Set("compressed", s.TxCompressed)
	}
	if g.Stats > 1 {
		rx.Set("length_errors", s.RxLengthErrors).Set("crc_errors", s.RxCRCErrors).
			Set("frame_errors", s.RxFrameErrors).Set("fifo_errors", s.RxFIFOErrors).
			Set("missed_errors", s.RxMissedErrors)
		tx.Set("aborted_errors", s.TxAbortedErrors).Set("fifo_errors", s.TxFIFOErrors).
			Set("window_errors", s.TxWindowErrors).Set("heartbeat_errors", s.TxHeartbeatErrors)
		if l.Has(unix.IFLA_CARRIER_CHANGES) {
			tx.Set("carrier_changes", l.CarrierChg)
		}
	}
	if s.RxNoHandler != 0 {
		rx.Set("nohandler", s.RxNoHandler)
	}
	if s.RxOtherhostDropped != 0 {
		rx.Set("otherhost_dropped", s.RxOtherhostDropped)
	}
	o := &format.Obj{}
	o.Set("rx", rx).Set("tx", tx)
	return o
}
