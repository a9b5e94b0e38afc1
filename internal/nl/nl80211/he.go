package nl80211

import (
	"encoding/binary"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// HE (802.11ax, Wi-Fi 6) and EHT (802.11be, Wi-Fi 7) capabilities, as a
// band offers them to some interface types (NL80211_BAND_ATTR_IFTYPE_DATA)
// and as the HE/EHT Capabilities and Operation elements carry them.

// Element ID extensions (the first payload byte of element 255).
const (
	IEExtHECapabilities  = 35
	IEExtHEOperation     = 36
	IEExtEHTOperation    = 106
	IEExtMultiLink       = 107
	IEExtEHTCapabilities = 108
)

// IfTypeData is what a band offers to the interface types in IfTypes.
type IfTypeData struct {
	IfTypes []IfType
	HE      *HECapabilities  // nil when the kernel sent none of its fields
	HE6GHz  *uint16          // HE 6 GHz Band Capabilities
	EHT     *EHTCapabilities // nil when the kernel sent none of its fields
}

// HECapabilities are the fields of an HE Capabilities element. The
// capability fields keep the bits as the standard numbers them (bit n is
// bit n%8 of byte n/8); a field the sender cut short is just shorter.
type HECapabilities struct {
	MAC []byte // HE MAC Capabilities Information (6 bytes)
	PHY []byte // HE PHY Capabilities Information (11 bytes)
	// MCSNSS is the Supported HE-MCS And NSS Set: 2-byte RX and TX maps
	// for <= 80 MHz, then for 160 and for 80+80 MHz when PHY says so.
	MCSNSS []byte
	PPE    []byte // PPE Thresholds; nil when absent
}

// EHTCapabilities are the fields of an EHT Capabilities element.
type EHTCapabilities struct {
	MAC []byte // EHT MAC Capabilities Information (2 bytes)
	PHY []byte // EHT PHY Capabilities Information (9 bytes)
	// MCSNSS is the Supported EHT-MCS And NSS Set: one byte (RX NSS in
	// the low, TX NSS in the high nibble) per MCS group and width.
	MCSNSS []byte
	PPE    []byte
}

// Bit reports whether bit n of a capability field is set; bits past its
// end are clear.
func Bit(field []byte, n int) bool { return Bits(field, n, 1) != 0 }

// Bits reads the width-bit value starting at bit n of a capability field.
func Bits(field []byte, n, width int) uint {
	var v uint
	for i := width - 1; i >= 0; i-- {
		b := n + i
		v <<= 1
		if b/8 < len(field) && field[b/8]&(1<<(b%8)) != 0 {
			v |= 1
		}
	}
	return v
}

// Capability bits the decoders and printers look at (bit n is bit n%8 of
// byte n/8 of the field): the HE PHY bits that say which MCS and NSS sets
// follow, and those that say PPE thresholds do.
const (
	HEPHYWidth40In24GHz   = 1 // HE40 in 2.4 GHz
	HEPHYWidth40And80In5G = 2 // HE40/HE80 in 5 and 6 GHz
	HEPHYWidth160In5G     = 3
	HEPHYWidth80P80In5G   = 4
	HEPHYPPEThresholds    = 55
	EHTPHYWidth320In6GHz  = 1
	EHTPHYPPEThresholds   = 43
)

// Sizes of the fixed parts of the elements, and the operation parameter
// bits that say which optional parts follow.
const (
	heMACLen, hePHYLen     = 6, 11
	ehtMACLen, ehtPHYLen   = 2, 9
	heOperationFixedLen    = 6
	ehtOperationFixedLen   = 5
	heOperationVHTInfo     = 14
	heOperationCohosted    = 15
	heOperation6GHzInfo    = 17
	ehtOperationInfo       = 0
	ehtOperationDisabledSC = 1
)

// heMCSNSSLen is the size of the MCS and NSS set the PHY capabilities
// announce.
func heMCSNSSLen(phy []byte) int {
	n := 4
	if Bit(phy, HEPHYWidth160In5G) {
		n += 4
	}
	if Bit(phy, HEPHYWidth80P80In5G) {
		n += 4
	}
	return n
}

// ParseHECapabilities decodes an HE Capabilities element's payload after
// the extension ID. Bytes past the MCS and NSS sets are the PPE
// thresholds.
func ParseHECapabilities(data []byte) (HECapabilities, error) {
	if len(data) < heMACLen+hePHYLen+4 {
		return HECapabilities{}, fmt.Errorf("nl80211: HE capabilities of %d bytes: %w", len(data), ErrIETruncated)
	}
	c := HECapabilities{MAC: data[:heMACLen], PHY: data[heMACLen : heMACLen+hePHYLen]}
	rest := data[heMACLen+hePHYLen:]
	n := min(heMCSNSSLen(c.PHY), len(rest))
	c.MCSNSS, rest = rest[:n], rest[n:]
	if len(rest) > 0 {
		c.PPE = rest
	}
	return c, nil
}

// ParseEHTCapabilities decodes an EHT Capabilities element's payload after
// the extension ID. How much of the rest is the MCS and NSS set depends on
// the HE capabilities of the same frame (nil when it has none) and on
// whether an access point sent it.
func ParseEHTCapabilities(data []byte, he *HECapabilities, fromAP bool) (EHTCapabilities, error) {
	if len(data) < ehtMACLen+ehtPHYLen {
		return EHTCapabilities{}, fmt.Errorf("nl80211: EHT capabilities of %d bytes: %w", len(data), ErrIETruncated)
	}
	c := EHTCapabilities{MAC: data[:ehtMACLen], PHY: data[ehtMACLen : ehtMACLen+ehtPHYLen]}
	rest := data[ehtMACLen+ehtPHYLen:]
	var hePHY []byte
	if he != nil {
		hePHY = he.PHY
	}
	n := 4 // a 20 MHz-only station: one byte per MCS group
	if fromAP || Bits(hePHY, HEPHYWidth40In24GHz, 7) != 0 {
		n = 3 // <= 80 MHz: one byte each for MCS 0-9, 10-11, 12-13
		if Bit(hePHY, HEPHYWidth160In5G) {
			n += 3
		}
		if Bit(c.PHY, EHTPHYWidth320In6GHz) {
			n += 3
		}
	}
	n = min(n, len(rest))
	c.MCSNSS, rest = rest[:n], rest[n:]
	if len(rest) > 0 {
		c.PPE = rest
	}
	return c, nil
}

// HEOperation is the HE Operation element.
type HEOperation struct {
	Params       uint32 // HE Operation Parameters (24 bits)
	BSSColor     uint8  // BSS Color Information
	BasicMCSNSS  uint16 // Basic HE-MCS And NSS Set
	VHTInfo      []byte // VHT Operation Information (width, center 0, center 1), nil when absent
	MaxCohosted  *uint8 // Max Co-Hosted BSSID Indicator
	SixGHz       []byte // 6 GHz Operation Information (primary, control, center 0, center 1, min rate)
	DefaultPE    uint8  // default PE duration
	TWTRequired  bool
	TXOPDuration uint16 // TXOP duration RTS threshold, 1023 for disabled
	ERSUDisable  bool
}

// ParseHEOperation decodes an HE Operation element's payload after the
// extension ID.
func ParseHEOperation(data []byte) (HEOperation, error) {
	if len(data) < heOperationFixedLen {
		return HEOperation{}, fmt.Errorf("nl80211: HE operation of %d bytes: %w", len(data), ErrIETruncated)
	}
	o := HEOperation{
		Params:      uint32(data[0]) | uint32(data[1])<<8 | uint32(data[2])<<16,
		BSSColor:    data[3],
		BasicMCSNSS: binary.LittleEndian.Uint16(data[4:]),
	}
	o.DefaultPE = uint8(o.Params & 7)
	o.TWTRequired = o.Params&(1<<3) != 0
	o.TXOPDuration = uint16(o.Params>>4) & 0x3ff
	o.ERSUDisable = o.Params&(1<<16) != 0
	rest := data[heOperationFixedLen:]
	take := func(n int) ([]byte, error) {
		if len(rest) < n {
			return nil, fmt.Errorf("nl80211: HE operation of %d bytes: %w", len(data), ErrIETruncated)
		}
		b := rest[:n]
		rest = rest[n:]
		return b, nil
	}
	var err error
	if o.Params&(1<<heOperationVHTInfo) != 0 {
		if o.VHTInfo, err = take(3); err != nil {
			return o, err
		}
	}
	if o.Params&(1<<heOperationCohosted) != 0 {
		b, err := take(1)
		if err != nil {
			return o, err
		}
		o.MaxCohosted = &b[0]
	}
	if o.Params&(1<<heOperation6GHzInfo) != 0 {
		if o.SixGHz, err = take(5); err != nil {
			return o, err
		}
	}
	return o, nil
}

// EHTOperation is the EHT Operation element.
type EHTOperation struct {
	Params      uint8
	BasicMCSNSS [4]byte // Basic EHT-MCS And NSS Set
	// Info is the EHT Operation Information (control, CCFS 0, CCFS 1),
	// nil when absent; DisabledSubchannels is set when present.
	Info                []byte
	DisabledSubchannels *uint16
}

// ParseEHTOperation decodes an EHT Operation element's payload after the
// extension ID.
func ParseEHTOperation(data []byte) (EHTOperation, error) {
	if len(data) < ehtOperationFixedLen {
		return EHTOperation{}, fmt.Errorf("nl80211: EHT operation of %d bytes: %w", len(data), ErrIETruncated)
	}
	o := EHTOperation{Params: data[0]}
	copy(o.BasicMCSNSS[:], data[1:5])
	rest := data[ehtOperationFixedLen:]
	if o.Params&(1<<ehtOperationInfo) == 0 {
		return o, nil
	}
	if len(rest) < 3 {
		return o, fmt.Errorf("nl80211: EHT operation of %d bytes: %w", len(data), ErrIETruncated)
	}
	o.Info, rest = rest[:3], rest[3:]
	if o.Params&(1<<ehtOperationDisabledSC) != 0 {
		if len(rest) < 2 {
			return o, fmt.Errorf("nl80211: EHT operation of %d bytes: %w", len(data), ErrIETruncated)
		}
		o.DisabledSubchannels = ptr(binary.LittleEndian.Uint16(rest))
	}
	return o, nil
}

// parseIfTypeData decodes the NL80211_BAND_ATTR_IFTYPE_DATA nest: one
// nested entry per set of interface types.
func parseIfTypeData(d *nl.AttrDecoder) []IfTypeData {
	var out []IfTypeData
	d.Decode(func(entries *nl.AttrDecoder) error {
		for entries.Next() {
			var it IfTypeData
			entries.Decode(func(a *nl.AttrDecoder) error {
				he := func() *HECapabilities {
					if it.HE == nil {
						it.HE = &HECapabilities{}
					}
					return it.HE
				}
				eht := func() *EHTCapabilities {
					if it.EHT == nil {
						it.EHT = &EHTCapabilities{}
					}
					return it.EHT
				}
				for a.Next() {
					switch a.Type() {
					case unix.NL80211_BAND_IFTYPE_ATTR_IFTYPES:
						it.IfTypes = ifTypeList(a)
						if it.IfTypes == nil {
							it.IfTypes = []IfType{}
						}
					case unix.NL80211_BAND_IFTYPE_ATTR_HE_CAP_MAC:
						he().MAC = clone(a.Bytes())
					case unix.NL80211_BAND_IFTYPE_ATTR_HE_CAP_PHY:
						he().PHY = clone(a.Bytes())
					case unix.NL80211_BAND_IFTYPE_ATTR_HE_CAP_MCS_SET:
						he().MCSNSS = clone(a.Bytes())
					case unix.NL80211_BAND_IFTYPE_ATTR_HE_CAP_PPE:
						he().PPE = clone(a.Bytes())
					case unix.NL80211_BAND_IFTYPE_ATTR_HE_6GHZ_CAPA:
						it.HE6GHz = ptr(a.Uint16())
					case unix.NL80211_BAND_IFTYPE_ATTR_EHT_CAP_MAC:
						eht().MAC = clone(a.Bytes())
					case unix.NL80211_BAND_IFTYPE_ATTR_EHT_CAP_PHY:
						eht().PHY = clone(a.Bytes())
					case unix.NL80211_BAND_IFTYPE_ATTR_EHT_CAP_MCS_SET:
						eht().MCSNSS = clone(a.Bytes())
					case unix.NL80211_BAND_IFTYPE_ATTR_EHT_CAP_PPE:
						eht().PPE = clone(a.Bytes())
					}
				}
				return nil
			})
			out = append(out, it)
		}
		return nil
	})
	return out
}

// clone copies an attribute's payload, keeping an empty one non-nil (the
// kernel sent the field, with nothing in it).
func clone(b []byte) []byte { return append([]byte{}, b...) }
