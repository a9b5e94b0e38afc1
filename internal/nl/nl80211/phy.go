package nl80211

import (
	"encoding/binary"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// Phy is a radio (a wiphy) and what it can do.
type Phy struct {
	Index int
	Name  string
	Bands []Band

	MaxScanSSIDs      *uint8
	MaxScanIELen      *uint16
	MaxSchedScanSSIDs *uint8
	MaxMatchSets      *uint8
	// FragThreshold and RTSThreshold are nil when unset (the kernel says
	// "off" with the value 0xffffffff, which is reported as nil too).
	FragThreshold *uint32
	RTSThreshold  *uint32
	RetryShort    *uint8
	RetryLong     *uint8
	CoverageClass *uint8

	CipherSuites   []uint32 // suite selectors, e.g. 0x000fac04 for CCMP-128
	AntennaAvailTX *uint32
	AntennaAvailRX *uint32
	AntennaTX      *uint32
	AntennaRX      *uint32

	InterfaceModes []IfType // NL80211_ATTR_SUPPORTED_IFTYPES
	SoftwareModes  []IfType // NL80211_ATTR_SOFTWARE_IFTYPES
	Commands       []uint32 // NL80211_ATTR_SUPPORTED_COMMANDS
	SelfManagedReg bool

	// TXQ is the phy's transmit queue setup, for drivers with TXQs.
	TXQ TXQInfo
}

// TXQInfo is a wiphy's transmit queue limits and statistics; nil fields
// were not reported.
type TXQInfo struct {
	Limit       *uint32 // packets
	MemoryLimit *uint32 // bytes
	Quantum     *uint32 // bytes
	Stats       *TXQStats
}

// TXQStats are the counters of NL80211_ATTR_TXQ_STATS.
type TXQStats struct {
	MaxFlows, BacklogPackets, BacklogBytes, Overlimit, Overmemory, Collisions *uint32
}

// Band is one frequency band of a wiphy.
type Band struct {
	// ID is the band (enum nl80211_band): 0 for 2.4 GHz, 1 for 5 GHz, 2
	// for 60 GHz, 3 for 6 GHz, ... iw prints it as "Band ID+1".
	ID     int
	HTCapa *uint16
	// HTAMPDUFactor and HTAMPDUDensity are the A-MPDU length exponent and
	// the minimum MPDU start spacing; HTMCSSet the 16-byte supported MCS
	// set, as in the HT Capabilities element.
	HTAMPDUFactor  *uint8
	HTAMPDUDensity *uint8
	HTMCSSet       []byte
	// VHTCapa and VHTMCSSet are the VHT capabilities field and the 8-byte
	// VHT MCS set, as in the VHT Capabilities element.
	VHTCapa   *uint32
	VHTMCSSet []byte
	// IfTypeData are the HE and EHT capabilities per set of interface
	// types, in the kernel's order.
	IfTypeData []IfTypeData
	// Frequencies and Bitrates are nil when the kernel did not describe
	// them, and empty when it described none.
	Frequencies []Frequency
	Bitrates    []Bitrate
}

// Frequency is one channel of a band and its regulatory state.
type Frequency struct {
	MHz        uint32
	OffsetKHz  uint32
	MaxTxPower *uint32 // mBm
	Disabled   bool
	NoIR       bool
	NoIBSS     bool // the old flag; kernels with NoIR set both
	Radar      bool
	IndoorOnly bool
	// The widths the channel cannot be the control channel of.
	NoHT40Minus, NoHT40Plus, No80MHz, No160MHz, No20MHz bool
	// DFSState (enum nl80211_dfs_state), the time in it (ms) and the
	// channel availability check time (ms), for radar channels.
	DFSState   *uint32
	DFSTime    *uint32
	DFSCACTime *uint32
}

// DFS states of a channel (enum nl80211_dfs_state).
const (
	DFSUsable      = unix.NL80211_DFS_USABLE
	DFSUnavailable = unix.NL80211_DFS_UNAVAILABLE
	DFSAvailable   = unix.NL80211_DFS_AVAILABLE
)

// Bitrate is a legacy (non-HT) bitrate.
type Bitrate struct {
	Rate          uint32 // in units of 100 kbit/s
	ShortPreamble bool   // short preamble supported (2.4 GHz)
}

// Band returns the band with the given ID, adding it if new.
func (p *Phy) band(id int) *Band {
	for i := range p.Bands {
		if p.Bands[i].ID == id {
			return &p.Bands[i]
		}
	}
	p.Bands = append(p.Bands, Band{ID: id})
	return &p.Bands[len(p.Bands)-1]
}

// MergeWiphy decodes one NL80211_CMD_NEW_WIPHY message into p. A split
// dump describes one wiphy in several messages; each adds to p. It returns
// the wiphy index the message is about.
func MergeWiphy(p *Phy, b []byte) error {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_WIPHY:
			p.Index = int(d.Uint32())
		case unix.NL80211_ATTR_WIPHY_NAME:
			p.Name = d.String()
		case unix.NL80211_ATTR_WIPHY_BANDS:
			d.Decode(func(bands *nl.AttrDecoder) error {
				for bands.Next() {
					band := p.band(int(bands.Type()))
					bands.Decode(func(a *nl.AttrDecoder) error { return mergeBand(band, a) })
				}
				return nil
			})
		case unix.NL80211_ATTR_MAX_NUM_SCAN_SSIDS:
			p.MaxScanSSIDs = ptr(d.Uint8())
		case unix.NL80211_ATTR_MAX_SCAN_IE_LEN:
			p.MaxScanIELen = ptr(d.Uint16())
		case unix.NL80211_ATTR_MAX_NUM_SCHED_SCAN_SSIDS:
			p.MaxSchedScanSSIDs = ptr(d.Uint8())
		case unix.NL80211_ATTR_MAX_MATCH_SETS:
			p.MaxMatchSets = ptr(d.Uint8())
		case unix.NL80211_ATTR_WIPHY_FRAG_THRESHOLD:
			if v := d.Uint32(); v != 0xffffffff {
				p.FragThreshold = ptr(v)
			}
		case unix.NL80211_ATTR_WIPHY_RTS_THRESHOLD:
			if v := d.Uint32(); v != 0xffffffff {
				p.RTSThreshold = ptr(v)
			}
		case unix.NL80211_ATTR_WIPHY_RETRY_SHORT:
			p.RetryShort = ptr(d.Uint8())
		case unix.NL80211_ATTR_WIPHY_RETRY_LONG:
			p.RetryLong = ptr(d.Uint8())
		case unix.NL80211_ATTR_WIPHY_COVERAGE_CLASS:
			p.CoverageClass = ptr(d.Uint8())
		case unix.NL80211_ATTR_CIPHER_SUITES:
			raw := d.Bytes()
			if len(raw)%4 != 0 {
				return fmt.Errorf("nl80211: decoding wiphy: %w: cipher suites of %d bytes", nl.ErrAttr, len(raw))
			}
			for i := 0; i+4 <= len(raw); i += 4 {
				p.CipherSuites = append(p.CipherSuites, binary.NativeEndian.Uint32(raw[i:]))
			}
		case unix.NL80211_ATTR_WIPHY_ANTENNA_AVAIL_TX:
			p.AntennaAvailTX = ptr(d.Uint32())
		case unix.NL80211_ATTR_WIPHY_ANTENNA_AVAIL_RX:
			p.AntennaAvailRX = ptr(d.Uint32())
		case unix.NL80211_ATTR_WIPHY_ANTENNA_TX:
			p.AntennaTX = ptr(d.Uint32())
		case unix.NL80211_ATTR_WIPHY_ANTENNA_RX:
			p.AntennaRX = ptr(d.Uint32())
		case unix.NL80211_ATTR_SUPPORTED_IFTYPES:
			p.InterfaceModes = append(p.InterfaceModes, ifTypeList(&d)...)
		case unix.NL80211_ATTR_SOFTWARE_IFTYPES:
			p.SoftwareModes = append(p.SoftwareModes, ifTypeList(&d)...)
		case unix.NL80211_ATTR_SUPPORTED_COMMANDS:
			d.Decode(func(cmds *nl.AttrDecoder) error {
				for cmds.Next() {
					p.Commands = append(p.Commands, cmds.Uint32())
				}
				return nil
			})
		case unix.NL80211_ATTR_WIPHY_SELF_MANAGED_REG:
			p.SelfManagedReg = true
		case unix.NL80211_ATTR_TXQ_LIMIT:
			p.TXQ.Limit = ptr(d.Uint32())
		case unix.NL80211_ATTR_TXQ_MEMORY_LIMIT:
			p.TXQ.MemoryLimit = ptr(d.Uint32())
		case unix.NL80211_ATTR_TXQ_QUANTUM:
			p.TXQ.Quantum = ptr(d.Uint32())
		case unix.NL80211_ATTR_TXQ_STATS:
			d.Decode(func(a *nl.AttrDecoder) error { p.TXQ.Stats = parseTXQStats(a); return nil })
		}
	}
	if err := d.Err(); err != nil {
		return fmt.Errorf("nl80211: decoding wiphy: %w", err)
	}
	return nil
}

// ifTypeList reads a nest whose attribute types are interface types.
func ifTypeList(d *nl.AttrDecoder) []IfType {
	var out []IfType
	d.Decode(func(l *nl.AttrDecoder) error {
		for l.Next() {
			out = append(out, IfType(l.Type()))
		}
		return nil
	})
	return out
}

func mergeBand(band *Band, a *nl.AttrDecoder) error {
	for a.Next() {
		switch a.Type() {
		case unix.NL80211_BAND_ATTR_HT_CAPA:
			band.HTCapa = ptr(a.Uint16())
		case unix.NL80211_BAND_ATTR_HT_AMPDU_FACTOR:
			band.HTAMPDUFactor = ptr(a.Uint8())
		case unix.NL80211_BAND_ATTR_HT_AMPDU_DENSITY:
			band.HTAMPDUDensity = ptr(a.Uint8())
		case unix.NL80211_BAND_ATTR_HT_MCS_SET:
			band.HTMCSSet = append([]byte{}, a.Bytes()...)
		case unix.NL80211_BAND_ATTR_VHT_CAPA:
			band.VHTCapa = ptr(a.Uint32())
		case unix.NL80211_BAND_ATTR_VHT_MCS_SET:
			band.VHTMCSSet = append([]byte{}, a.Bytes()...)
		case unix.NL80211_BAND_ATTR_IFTYPE_DATA:
			band.IfTypeData = append(band.IfTypeData, parseIfTypeData(a)...)
		case unix.NL80211_BAND_ATTR_FREQS:
			if band.Frequencies == nil {
				band.Frequencies = []Frequency{}
			}
			a.Decode(func(fs *nl.AttrDecoder) error {
				for fs.Next() {
					var f Frequency
					fs.Decode(func(fa *nl.AttrDecoder) error { f = parseFrequency(fa); return nil })
					if f.MHz != 0 {
						band.Frequencies = append(band.Frequencies, f)
					}
				}
				return nil
			})
		case unix.NL80211_BAND_ATTR_RATES:
			if band.Bitrates == nil {
				band.Bitrates = []Bitrate{}
			}
			a.Decode(func(rs *nl.AttrDecoder) error {
				for rs.Next() {
					var r Bitrate
					ok := false
					rs.Decode(func(ra *nl.AttrDecoder) error {
						for ra.Next() {
							switch ra.Type() {
							case unix.NL80211_BITRATE_ATTR_RATE:
								r.Rate = ra.Uint32()
								ok = true
							case unix.NL80211_BITRATE_ATTR_2GHZ_SHORTPREAMBLE:
								r.ShortPreamble = true
							}
						}
						return nil
					})
					if ok {
						band.Bitrates = append(band.Bitrates, r)
					}
				}
				return nil
			})
		}
	}
	return nil
}

func parseFrequency(fa *nl.AttrDecoder) Frequency {
	var f Frequency
	for fa.Next() {
		switch fa.Type() {
		case unix.NL80211_FREQUENCY_ATTR_FREQ:
			f.MHz = fa.Uint32()
		case unix.NL80211_FREQUENCY_ATTR_OFFSET:
			f.OffsetKHz = fa.Uint32()
		case unix.NL80211_FREQUENCY_ATTR_MAX_TX_POWER:
			f.MaxTxPower = ptr(fa.Uint32())
		case unix.NL80211_FREQUENCY_ATTR_DISABLED:
			f.Disabled = true
		case unix.NL80211_FREQUENCY_ATTR_NO_IR:
			f.NoIR = true
		case freqAttrNoIBSS:
			f.NoIBSS = true
		case unix.NL80211_FREQUENCY_ATTR_RADAR:
			f.Radar = true
		case unix.NL80211_FREQUENCY_ATTR_INDOOR_ONLY:
			f.IndoorOnly = true
		case unix.NL80211_FREQUENCY_ATTR_NO_HT40_MINUS:
			f.NoHT40Minus = true
		case unix.NL80211_FREQUENCY_ATTR_NO_HT40_PLUS:
			f.NoHT40Plus = true
		case unix.NL80211_FREQUENCY_ATTR_NO_80MHZ:
			f.No80MHz = true
		case unix.NL80211_FREQUENCY_ATTR_NO_160MHZ:
			f.No160MHz = true
		case unix.NL80211_FREQUENCY_ATTR_NO_20MHZ:
			f.No20MHz = true
		case unix.NL80211_FREQUENCY_ATTR_DFS_STATE:
			f.DFSState = ptr(fa.Uint32())
		case unix.NL80211_FREQUENCY_ATTR_DFS_TIME:
			f.DFSTime = ptr(fa.Uint32())
		case unix.NL80211_FREQUENCY_ATTR_DFS_CAC_TIME:
			f.DFSCACTime = ptr(fa.Uint32())
		}
	}
	return f
}

func parseTXQStats(a *nl.AttrDecoder) *TXQStats {
	var s TXQStats
	for a.Next() {
		v := ptr(a.Uint32())
		switch a.Type() {
		case unix.NL80211_TXQ_STATS_MAX_FLOWS:
			s.MaxFlows = v
		case unix.NL80211_TXQ_STATS_BACKLOG_PACKETS:
			s.BacklogPackets = v
		case unix.NL80211_TXQ_STATS_BACKLOG_BYTES:
			s.BacklogBytes = v
		case unix.NL80211_TXQ_STATS_OVERLIMIT:
			s.Overlimit = v
		case unix.NL80211_TXQ_STATS_OVERMEMORY:
			s.Overmemory = v
		case unix.NL80211_TXQ_STATS_COLLISIONS:
			s.Collisions = v
		}
	}
	return &s
}

func ptr[T any](v T) *T { return &v }

// splitDump asks for the split wiphy dump, optionally for one wiphy.
func splitDump(wiphy int) func(e *nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) {
		if wiphy >= 0 {
			e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		}
		e.Flag(unix.NL80211_ATTR_SPLIT_WIPHY_DUMP)
	}
}

// Phys lists the wiphys in the socket's namespace with everything they can
// do, reading the kernel's split dump.
func (c *Client) Phys() ([]Phy, error) { return c.phys(-1) }

// Phy returns one wiphy by index; an unknown index matches ErrNoDevice.
func (c *Client) Phy(index int) (Phy, error) {
	phys, err := c.phys(index)
	if err != nil {
		if isNotExist(err) {
			return Phy{}, fmt.Errorf("nl80211: no wiphy #%d: %w", index, ErrNoDevice)
		}
		return Phy{}, err
	}
	for _, p := range phys {
		if p.Index == index {
			return p, nil
		}
	}
	return Phy{}, fmt.Errorf("nl80211: no wiphy #%d: %w", index, ErrNoDevice)
}

// PhyByName returns a wiphy by name ("phy0"); an unknown name matches
// ErrNoDevice.
func (c *Client) PhyByName(name string) (Phy, error) {
	phys, err := c.phys(-1)
	if err != nil {
		return Phy{}, err
	}
	for _, p := range phys {
		if p.Name == name {
			return p, nil
		}
	}
	return Phy{}, fmt.Errorf("nl80211: no wiphy %q: %w", name, ErrNoDevice)
}

func (c *Client) phys(wiphy int) ([]Phy, error) {
	var out []Phy
	var byIndex map[int]int
	err := c.dumpEach(unix.NL80211_CMD_GET_WIPHY, splitDump(wiphy), func() {
		out, byIndex = nil, map[int]int{}
	}, func(m genl.Message) error {
		// A split dump describes a wiphy in several messages: find the
		// index first so each merges into its wiphy.
		idx, err := wiphyIndex(m.Attrs)
		if err != nil {
			return err
		}
		i, seen := byIndex[idx]
		if !seen {
			out = append(out, Phy{})
			i = len(out) - 1
			byIndex[idx] = i
		}
		return MergeWiphy(&out[i], m.Attrs)
	})
	return out, err
}

func wiphyIndex(b []byte) (int, error) {
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() == unix.NL80211_ATTR_WIPHY {
			return int(d.Uint32()), d.Err()
		}
	}
	if err := d.Err(); err != nil {
		return 0, fmt.Errorf("nl80211: decoding wiphy: %w", err)
	}
	return 0, fmt.Errorf("nl80211: wiphy message without NL80211_ATTR_WIPHY")
}

// CipherName names a cipher suite selector as iw does, e.g.
// "CCMP-128 (00-0f-ac:4)".
func CipherName(c uint32) string {
	names := map[uint32]string{
		0x000fac01: "WEP40", 0x000fac05: "WEP104", 0x000fac02: "TKIP",
		0x000fac04: "CCMP-128", 0x000fac06: "CMAC", 0x000fac08: "GCMP-128",
		0x000fac09: "GCMP-256", 0x000fac0a: "CCMP-256", 0x000fac0b: "GMAC-128",
		0x000fac0c: "GMAC-256", 0x000fac0d: "CMAC-256", 0x00147201: "WPI-SMS4",
	}
	sel := fmt.Sprintf("%02x-%02x-%02x:%d", c>>24, (c>>16)&0xff, (c>>8)&0xff, c&0xff)
	if n, ok := names[c]; ok {
		return n + " (" + sel + ")"
	}
	return sel
}

// freqAttrNoIBSS is __NL80211_FREQUENCY_ATTR_NO_IBSS, the old "no IBSS"
// flag that kernels with NO_IR send together with it.
const freqAttrNoIBSS = 4
