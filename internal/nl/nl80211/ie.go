package nl80211

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Element IDs of the information elements decoded here (IEEE 802.11).
const (
	IESSID             = 0
	IESupportedRates   = 1
	IEDSParams         = 3
	IETIM              = 5
	IECountry          = 7
	IEBSSLoad          = 11
	IEPowerConstraint  = 32
	IETPCReport        = 35
	IEERP              = 42
	IEHTCapabilities   = 45
	IEHTOperation      = 61
	IEOperatingClasses = 59
	IERSN              = 48
	IEExtRates         = 50
	IEMeshID           = 114
	IEExtCapabilities  = 127
	IEVendor           = 221
	IEExtension        = 255
)

// IE is one information element: its ID and payload.
type IE struct {
	ID   uint8
	Data []byte
}

// ErrIETruncated is returned by ParseIEs when the buffer ends inside an
// element.
var ErrIETruncated = errors.New("nl80211: information element runs past the end of the buffer")

// ParseIEs splits a buffer of information elements. The payloads alias b.
// Elements up to a truncated one are returned together with ErrIETruncated.
func ParseIEs(b []byte) ([]IE, error) {
	var out []IE
	for len(b) > 0 {
		if len(b) < 2 || len(b)-2 < int(b[1]) {
			return out, fmt.Errorf("%w (%d bytes left)", ErrIETruncated, len(b))
		}
		n := int(b[1])
		out = append(out, IE{ID: b[0], Data: b[2 : 2+n]})
		b = b[2+n:]
	}
	return out, nil
}

// FindIE returns the payload of the first element with id.
func FindIE(ies []IE, id uint8) ([]byte, bool) {
	for _, ie := range ies {
		if ie.ID == id {
			return ie.Data, true
		}
	}
	return nil, false
}

// OUIs of vendor-specific elements and of cipher and AKM suites.
var (
	OUIMicrosoft = [3]byte{0x00, 0x50, 0xf2} // WPA, WMM, WPS
	OUIIEEE      = [3]byte{0x00, 0x0f, 0xac} // RSN suites
	OUIWFA       = [3]byte{0x50, 0x6f, 0x9a}
)

// Vendor splits a vendor-specific element into OUI, type and the rest; ok
// is false for elements shorter than four bytes.
func Vendor(data []byte) (oui [3]byte, typ uint8, rest []byte, ok bool) {
	if len(data) < 4 {
		return oui, 0, nil, false
	}
	copy(oui[:], data)
	return oui, data[3], data[4:], true
}

// Suite is a cipher or AKM suite selector: OUI in the high three bytes,
// type in the low byte (00-0f-ac:4 is 0x000fac04).
type Suite uint32

func suiteAt(b []byte) Suite { return Suite(binary.BigEndian.Uint32(b)) }

// OUI returns the suite's organisation identifier.
func (s Suite) OUI() [3]byte { return [3]byte{byte(s >> 24), byte(s >> 16), byte(s >> 8)} }

// Type returns the suite type within its OUI.
func (s Suite) Type() uint8 { return uint8(s) }

// String is the selector as "00-0f-ac:4".
func (s Suite) String() string {
	o := s.OUI()
	return fmt.Sprintf("%02x-%02x-%02x:%d", o[0], o[1], o[2], s.Type())
}

// CipherName names a cipher suite as iw's scan output does ("CCMP",
// "TKIP", ...), or the selector when unknown.
func (s Suite) CipherName() string {
	o := s.OUI()
	if o == OUIMicrosoft || o == OUIIEEE {
		switch s.Type() {
		case 0:
			return "Use group cipher suite"
		case 1:
			return "WEP-40"
		case 2:
			return "TKIP"
		case 4:
			return "CCMP"
		case 5:
			return "WEP-104"
		}
		if o == OUIIEEE {
			switch s.Type() {
			case 6:
				return "AES-128-CMAC"
			case 7:
				return "NO-GROUP"
			case 8:
				return "GCMP"
			}
		}
	}
	return s.String()
}

var akmNames = map[uint8]string{
	1: "IEEE 802.1X", 2: "PSK", 3: "FT/IEEE 802.1X", 4: "FT/PSK",
	5: "IEEE 802.1X/SHA-256", 6: "PSK/SHA-256", 7: "TDLS/TPK", 8: "SAE",
	9: "FT/SAE", 11: "IEEE 802.1X/SUITE-B", 12: "IEEE 802.1X/SUITE-B-192",
	13: "FT/IEEE 802.1X/SHA-384", 14: "FILS/SHA-256", 15: "FILS/SHA-384",
	16: "FT/FILS/SHA-256", 17: "FT/FILS/SHA-384", 18: "OWE",
}

// AKMName names an authentication and key management suite as iw does
// ("PSK", "SAE", "IEEE 802.1X", ...), or the selector when unknown.
func (s Suite) AKMName() string {
	switch s.OUI() {
	case OUIMicrosoft:
		switch s.Type() {
		case 1:
			return "IEEE 802.1X"
		case 2:
			return "PSK"
		}
	case OUIIEEE:
		if n, ok := akmNames[s.Type()]; ok {
			return n
		}
	case OUIWFA:
		switch s.Type() {
		case 1:
			return "OSEN"
		case 2:
			return "DPP"
		}
	}
	return s.String()
}

// RSN is a decoded RSN element (or the WPA vendor element, which has the
// same layout). Parts the element leaves out are nil: the standard's
// defaults then apply (see DefaultCipher and DefaultAKM).
type RSN struct {
	Version         uint16
	GroupCipher     *Suite
	PairwiseCiphers []Suite // nil when absent
	AKMSuites       []Suite // nil when absent
	Capabilities    *uint16
	PMKIDCount      *uint16
	GroupMgmtCipher *Suite
	// Tail holds bytes the element has beyond what could be decoded
	// (iw calls them "bogus tail data").
	Tail []byte
}

// Defaults the standard gives to parts an element leaves out.
var (
	RSNDefaultCipher = Suite(0x000fac04) // CCMP
	RSNDefaultAKM    = Suite(0x000fac01) // IEEE 802.1X
	WPADefaultCipher = Suite(0x0050f202) // TKIP
	WPADefaultAKM    = Suite(0x0050f201) // IEEE 802.1X
)

// ParseRSN decodes the payload of an RSN element (ID 48), or of a WPA
// vendor element after its OUI and type. It never fails: what cannot be
// decoded is left in Tail, as iw shows it.
func ParseRSN(data []byte) RSN {
	var r RSN
	if len(data) < 2 {
		r.Tail = data
		return r
	}
	r.Version = binary.LittleEndian.Uint16(data)
	data = data[2:]
	if len(data) < 4 {
		return r // group and pairwise ciphers take their defaults
	}
	r.GroupCipher = ptr(suiteAt(data))
	data = data[4:]
	list := func() ([]Suite, bool) {
		n := int(binary.LittleEndian.Uint16(data))
		if 2+4*n > len(data) {
			return nil, false
		}
		out := make([]Suite, 0, n)
		for i := 0; i < n; i++ {
			out = append(out, suiteAt(data[2+4*i:]))
		}
		data = data[2+4*n:]
		return out, true
	}
	if len(data) < 2 {
		return r
	}
	var ok bool
	if r.PairwiseCiphers, ok = list(); !ok {
		r.Tail = data
		return r
	}
	if len(data) < 2 {
		return r
	}
	if r.AKMSuites, ok = list(); !ok {
		r.Tail = data
		return r
	}
	if len(data) >= 2 {
		r.Capabilities = ptr(binary.LittleEndian.Uint16(data))
		data = data[2:]
	}
	if len(data) >= 2 {
		n := binary.LittleEndian.Uint16(data)
		if len(data) < 2+16*int(n) {
			r.Tail = data
			return r
		}
		r.PMKIDCount = ptr(n)
		data = data[2+16*int(n):]
	}
	if len(data) >= 4 {
		r.GroupMgmtCipher = ptr(suiteAt(data))
		data = data[4:]
	}
	if len(data) > 0 {
		r.Tail = data
	}
	return r
}

// Rate is one entry of a Supported Rates element.
type Rate uint8

// Basic reports whether the rate is in the basic rate set.
func (r Rate) Basic() bool { return r&0x80 != 0 }

// Kbps returns the rate in kbit/s (0 for BSS membership selectors).
func (r Rate) Kbps() int {
	if r.Selector() != "" {
		return 0
	}
	return int(r&0x7f) * 500
}

// Selector returns "HT" or "VHT" (or "HE", "SAE-H2E") for membership
// selectors, "" for rates.
func (r Rate) Selector() string {
	if !r.Basic() {
		return ""
	}
	switch r & 0x7f {
	case 127:
		return "HT"
	case 126:
		return "VHT"
	}
	return ""
}

// TIM is a decoded Traffic Indication Map element.
type TIM struct {
	DTIMCount, DTIMPeriod, BitmapControl, Bitmap0 uint8
	Extra                                         int // octets of the bitmap after the first
}

// ParseTIM decodes a TIM element's payload.
func ParseTIM(data []byte) (TIM, error) {
	if len(data) < 4 {
		return TIM{}, fmt.Errorf("nl80211: TIM element of %d bytes", len(data))
	}
	return TIM{data[0], data[1], data[2], data[3], len(data) - 4}, nil
}

// Country is a decoded Country element.
type Country struct {
	Code        string
	Environment uint8 // ' ' any, 'I' indoor, 'O' outdoor
	Triplets    []CountryTriplet
}

// CountryTriplet is a channel range with its power limit, or (with
// Extension set) an operating-class triplet.
type CountryTriplet struct {
	Extension     bool
	FirstChannel  uint8 // or the extension id
	NumChannels   uint8 // or the regulatory class
	MaxPower      int8  // dBm, or the coverage class
	CoverageClass uint8
}

// ParseCountry decodes a Country element's payload.
func ParseCountry(data []byte) (Country, error) {
	if len(data) < 3 {
		return Country{}, fmt.Errorf("nl80211: country element of %d bytes", len(data))
	}
	c := Country{Code: string(data[:2]), Environment: data[2]}
	for data = data[3:]; len(data) >= 3; data = data[3:] {
		t := CountryTriplet{FirstChannel: data[0], NumChannels: data[1], MaxPower: int8(data[2])}
		if data[0] >= 201 {
			t.Extension = true
			t.CoverageClass = data[2]
		}
		c.Triplets = append(c.Triplets, t)
	}
	return c, nil
}

// WMMParams is a decoded WMM parameter element (vendor 00:50:f2 type 2,
// subtype 1).
type WMMParams struct {
	UAPSD bool
	AC    [4]WMMAC
}

// WMMAC is one access category's parameters.
type WMMAC struct {
	ACI   uint8 // 0 BE, 1 BK, 2 VI, 3 VO
	ACM   bool
	CWMin int
	CWMax int
	AIFSN uint8
	TXOP  int // microseconds
}

// ParseWMMParams decodes a WMM parameter element after its OUI and type
// (data[0] is the subtype, 1, data[1] the version).
func ParseWMMParams(data []byte) (WMMParams, error) {
	if len(data) < 20 || data[0] != 1 {
		return WMMParams{}, fmt.Errorf("nl80211: not a WMM parameter element")
	}
	if data[1] != 1 {
		return WMMParams{}, fmt.Errorf("nl80211: WMM parameter element version %d", data[1])
	}
	var p WMMParams
	p.UAPSD = data[2]&0x80 != 0
	ac := data[4:]
	for i := 0; i < 4; i++ {
		a := ac[4*i:]
		p.AC[i] = WMMAC{
			ACI:   (a[0] >> 5) & 3,
			ACM:   a[0]&0x10 != 0,
			AIFSN: a[0] & 0xf,
			CWMin: 1<<(a[1]&0xf) - 1,
			CWMax: 1<<(a[1]>>4) - 1,
			TXOP:  int(binary.LittleEndian.Uint16(a[2:])) * 32,
		}
	}
	return p, nil
}
