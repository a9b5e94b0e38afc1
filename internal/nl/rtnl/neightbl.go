package rtnl

import (
	"iter"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// NeighTableHdrLen is the size of struct ndtmsg.
const NeighTableHdrLen = 4

// Attributes of a neighbour table (NDTA_*) and of its parameters
// (NDTPA_*), linux/neighbour.h.
const (
	ndtaName       = 1
	ndtaThresh1    = 2
	ndtaThresh2    = 3
	ndtaThresh3    = 4
	ndtaConfig     = 5
	ndtaParms      = 6
	ndtaStats      = 7
	ndtaGCInterval = 8

	ndtpaIfindex           = 1
	ndtpaRefcnt            = 2
	ndtpaReachableTime     = 3
	ndtpaBaseReachableTime = 4
	ndtpaRetransTime       = 5
	ndtpaGCStaletime       = 6
	ndtpaDelayProbeTime    = 7
	ndtpaQueueLen          = 8
	ndtpaAppProbes         = 9
	ndtpaUcastProbes       = 10
	ndtpaMcastProbes       = 11
	ndtpaAnycastDelay      = 12
	ndtpaProxyDelay        = 13
	ndtpaProxyQlen         = 14
	ndtpaLocktime          = 15
	ndtpaQueueLenBytes     = 16
	ndtpaMcastReprobes     = 17
	ndtpaIntervalProbeTime = 19 // NDTPA_INTERVAL_PROBE_TIME_MS

	ndtConfigLen = 32 // struct ndt_config
	ndtStatsLen  = 88 // struct ndt_stats
)

// NeighTable is one neighbour table (ARP's arp_cache, IPv6's
// ndisc_cache), or one device's parameters in it, as RTM_NEWNEIGHTBL
// carries them and RTM_SETNEIGHTBL changes them. A nil field was not
// sent.
type NeighTable struct {
	Family uint8
	Name   string // NDTA_NAME, "" when absent

	Thresh1, Thresh2, Thresh3 *uint32
	GCInterval                *uint64 // milliseconds

	Config *NeighTableConfig // NDTA_CONFIG
	Parms  *NeighTableParms  // NDTA_PARMS
	Stats  *NeighTableStats  // NDTA_STATS
}

// NeighTableConfig is struct ndt_config.
type NeighTableConfig struct {
	KeyLen, EntrySize                               uint16
	Entries, LastFlush, LastRand, HashRnd, HashMask uint32
	HashChainGC, ProxyQlen                          uint32
}

// NeighTableStats is struct ndt_stats.
type NeighTableStats struct {
	Allocs, Destroys, HashGrows, ResFailed, Lookups, Hits uint64
	RcvProbesMcast, RcvProbesUcast                        uint64
	PeriodicGCRuns, ForcedGCRuns, TableFulls              uint64
}

// NeighTableParms is the nest of NDTPA_* parameters: the table's
// defaults, or a device's (Ifindex set). Times are in milliseconds.
type NeighTableParms struct {
	Ifindex, Refcnt                               *uint32
	ReachableTime, BaseReachableTime, RetransTime *uint64
	GCStaletime, DelayProbeTime                   *uint64
	QueueLen, AppProbes, UcastProbes, McastProbes *uint32
	AnycastDelay, ProxyDelay                      *uint64
	ProxyQlen                                     *uint32
	Locktime                                      *uint64
	QueueLenBytes, McastReprobes                  *uint32
	IntervalProbeTime                             *uint64
}

// u32s and u64s list the parameters by attribute, for decoding and
// encoding in one place.
func (p *NeighTableParms) u32s() []struct {
	typ uint16
	v   **uint32
} {
	return []struct {
		typ uint16
		v   **uint32
	}{
		{ndtpaIfindex, &p.Ifindex}, {ndtpaRefcnt, &p.Refcnt}, {ndtpaQueueLen, &p.QueueLen},
		{ndtpaAppProbes, &p.AppProbes}, {ndtpaUcastProbes, &p.UcastProbes}, {ndtpaMcastProbes, &p.McastProbes},
		{ndtpaProxyQlen, &p.ProxyQlen}, {ndtpaQueueLenBytes, &p.QueueLenBytes}, {ndtpaMcastReprobes, &p.McastReprobes},
	}
}

func (p *NeighTableParms) u64s() []struct {
	typ uint16
	v   **uint64
} {
	return []struct {
		typ uint16
		v   **uint64
	}{
		{ndtpaReachableTime, &p.ReachableTime}, {ndtpaBaseReachableTime, &p.BaseReachableTime},
		{ndtpaRetransTime, &p.RetransTime}, {ndtpaGCStaletime, &p.GCStaletime},
		{ndtpaDelayProbeTime, &p.DelayProbeTime}, {ndtpaAnycastDelay, &p.AnycastDelay},
		{ndtpaProxyDelay, &p.ProxyDelay}, {ndtpaLocktime, &p.Locktime}, {ndtpaIntervalProbeTime, &p.IntervalProbeTime},
	}
}

// ParseNeighTable decodes an RTM_NEWNEIGHTBL (or RTM_SETNEIGHTBL) message.
func ParseNeighTable(m nl.Message) (*NeighTable, error) {
	b := m.Data
	if len(b) < NeighTableHdrLen {
		return nil, ErrShortHeader
	}
	t := &NeighTable{Family: b[0]}
	d := nl.NewAttrDecoder(b[NeighTableHdrLen:])
	u32 := func() *uint32 { v := d.Uint32(); return &v }
	for d.Next() {
		switch d.Type() {
		case ndtaName:
			t.Name = d.String()
		case ndtaThresh1:
			t.Thresh1 = u32()
		case ndtaThresh2:
			t.Thresh2 = u32()
		case ndtaThresh3:
			t.Thresh3 = u32()
		case ndtaGCInterval:
			v := d.Uint64()
			t.GCInterval = &v
		case ndtaConfig:
			if d.Len() >= ndtConfigLen {
				t.Config = parseNeighTableConfig(d.Bytes())
			}
		case ndtaStats:
			if d.Len() >= ndtStatsLen {
				t.Stats = parseNeighTableStats(d.Bytes())
			}
		case ndtaParms:
			p, err := parseNeighTableParms(d.Nested())
			if err != nil {
				return nil, err
			}
			t.Parms = p
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

func parseNeighTableConfig(b []byte) *NeighTableConfig {
	return &NeighTableConfig{
		KeyLen: ne.Uint16(b), EntrySize: ne.Uint16(b[2:]), Entries: ne.Uint32(b[4:]),
		LastFlush: ne.Uint32(b[8:]), LastRand: ne.Uint32(b[12:]), HashRnd: ne.Uint32(b[16:]),
		HashMask: ne.Uint32(b[20:]), HashChainGC: ne.Uint32(b[24:]), ProxyQlen: ne.Uint32(b[28:]),
	}
}

func (c *NeighTableConfig) append(b []byte) []byte {
	b = ne.AppendUint16(b, c.KeyLen)
	b = ne.AppendUint16(b, c.EntrySize)
	for _, v := range []uint32{c.Entries, c.LastFlush, c.LastRand, c.HashRnd, c.HashMask, c.HashChainGC, c.ProxyQlen} {
		b = ne.AppendUint32(b, v)
	}
	return b
}

func (s *NeighTableStats) fields() []*uint64 {
	return []*uint64{&s.Allocs, &s.Destroys, &s.HashGrows, &s.ResFailed, &s.Lookups, &s.Hits,
		&s.RcvProbesMcast, &s.RcvProbesUcast, &s.PeriodicGCRuns, &s.ForcedGCRuns, &s.TableFulls}
}

func parseNeighTableStats(b []byte) *NeighTableStats {
	s := &NeighTableStats{}
	for i, f := range s.fields() {
		*f = ne.Uint64(b[8*i:])
	}
	return s
}

func parseNeighTableParms(d nl.AttrDecoder) (*NeighTableParms, error) {
	p := &NeighTableParms{}
	u32s, u64s := p.u32s(), p.u64s()
	for d.Next() {
		for _, f := range u32s {
			if f.typ == d.Type() {
				v := d.Uint32()
				*f.v = &v
			}
		}
		for _, f := range u64s {
			if f.typ == d.Type() {
				v := d.Uint64()
				*f.v = &v
			}
		}
	}
	return p, d.Err()
}

// Message encodes t as a request of type typ with flags: the name, the
// thresholds, the interval, then the parameters (config and stats, which
// the kernel only reports, too, for fakes and round trips).
func (t *NeighTable) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	e := nl.NewAttrEncoder(nil)
	if t.Name != "" {
		e.String(ndtaName, t.Name)
	}
	for _, a := range []struct {
		typ uint16
		v   *uint32
	}{{ndtaThresh1, t.Thresh1}, {ndtaThresh2, t.Thresh2}, {ndtaThresh3, t.Thresh3}} {
		if a.v != nil {
			e.Uint32(a.typ, *a.v)
		}
	}
	if t.GCInterval != nil {
		e.Uint64(ndtaGCInterval, *t.GCInterval)
	}
	if t.Config != nil {
		e.Bytes(ndtaConfig, t.Config.append(nil))
	}
	if t.Parms != nil {
		e.NestPlain(ndtaParms)
		for _, f := range t.Parms.u32s() {
			if *f.v != nil {
				e.Uint32(f.typ, **f.v)
			}
		}
		for _, f := range t.Parms.u64s() {
			if *f.v != nil {
				e.Uint64(f.typ, **f.v)
			}
		}
		e.Unnest()
	}
	if t.Stats != nil {
		var b []byte
		for _, f := range t.Stats.fields() {
			b = ne.AppendUint64(b, *f)
		}
		e.Bytes(ndtaStats, b)
	}
	return request(typ, flags, []byte{t.Family, 0, 0, 0}, e)
}

// NeighTables streams the neighbour tables of family (AF_UNSPEC: all):
// each table's own record, then one per device with its parameters.
func NeighTables(c *nl.Conn, family uint8) iter.Seq2[*NeighTable, error] {
	return func(yield func(*NeighTable, error) bool) {
		m, _ := request(unix.RTM_GETNEIGHTBL, 0, []byte{family, 0, 0, 0}, nil)
		for r, err := range c.Dump(m) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != unix.RTM_NEWNEIGHTBL {
				continue
			}
			t, err := ParseNeighTable(r)
			if !yield(t, err) || err != nil {
				return
			}
		}
	}
}
