package xfrm

import (
	"github.com/gip-suite/gip/internal/nl"
)

// Attributes of the SPD and SAD counters (XFRMA_SPD_*, XFRMA_SAD_*).
const (
	attrSPDInfo       = 1 // XFRMA_SPD_INFO: struct xfrmu_spdinfo
	attrSPDHInfo      = 2 // XFRMA_SPD_HINFO: struct xfrmu_spdhinfo
	attrSPDIPv4Thresh = 3 // XFRMA_SPD_IPV4_HTHRESH: struct xfrmu_spdhthresh
	attrSPDIPv6Thresh = 4 // XFRMA_SPD_IPV6_HTHRESH: struct xfrmu_spdhthresh

	attrSADCount = 1 // XFRMA_SAD_CNT: u32
	attrSADHInfo = 2 // XFRMA_SAD_HINFO: struct xfrmu_sadhinfo
)

// Thresholds is struct xfrmu_spdhthresh: the prefix lengths from which
// policies are hashed.
type Thresholds struct{ Local, Remote uint8 }

// SPDCounts is XFRMA_SPD_INFO: policies by direction, then socket
// policies by direction.
type SPDCounts struct {
	In, Out, Fwd             uint32
	SockIn, SockOut, SockFwd uint32
}

// HashInfo is struct xfrmu_spdhinfo or xfrmu_sadhinfo: buckets in use
// and their maximum.
type HashInfo struct{ Count, Max uint32 }

// SPDInfo is the answer to GETSPDINFO.
type SPDInfo struct {
	Counts     *SPDCounts
	Hash       *HashInfo
	IPv4, IPv6 *Thresholds
}

// SPDInfoRequest asks for the SPD's counters.
func SPDInfoRequest() nl.Message {
	return nl.Message{Header: nl.Header{Type: MsgGetSPDInfo}, Data: []byte{0xff, 0xff, 0xff, 0xff}}
}

// SetThresholds is the NEWSPDINFO request that sets the hash thresholds
// given.
func SetThresholds(v4, v6 *Thresholds) (nl.Message, error) {
	e := nl.NewAttrEncoder([]byte{0xff, 0xff, 0xff, 0xff})
	if v4 != nil {
		e.Bytes(attrSPDIPv4Thresh, []byte{v4.Local, v4.Remote})
	}
	if v6 != nil {
		e.Bytes(attrSPDIPv6Thresh, []byte{v6.Local, v6.Remote})
	}
	data, err := e.Encode()
	return nl.Message{Header: nl.Header{Type: MsgNewSPDInfo}, Data: data}, err
}

func hashInfo(b []byte) (*HashInfo, error) {
	if len(b) < 8 {
		return nil, ErrShort
	}
	return &HashInfo{ne.Uint32(b), ne.Uint32(b[4:])}, nil
}

func thresholds(b []byte) (*Thresholds, error) {
	if len(b) < 2 {
		return nil, ErrShort
	}
	return &Thresholds{b[0], b[1]}, nil
}

// ParseSPDInfo decodes the answer to GETSPDINFO (or a NEWSPDINFO request).
func ParseSPDInfo(m nl.Message) (*SPDInfo, error) {
	if len(m.Data) < 4 {
		return nil, ErrShort
	}
	s := &SPDInfo{}
	d := nl.NewAttrDecoder(m.Data[4:])
	for d.Next() {
		b := d.Bytes()
		var err error
		switch d.Type() {
		case attrSPDInfo:
			if len(b) < 24 {
				return nil, ErrShort
			}
			u := func(i int) uint32 { return ne.Uint32(b[4*i:]) }
			s.Counts = &SPDCounts{u(0), u(1), u(2), u(3), u(4), u(5)}
		case attrSPDHInfo:
			s.Hash, err = hashInfo(b)
		case attrSPDIPv4Thresh:
			s.IPv4, err = thresholds(b)
		case attrSPDIPv6Thresh:
			s.IPv6, err = thresholds(b)
		}
		if err != nil {
			return nil, err
		}
	}
	return s, d.Err()
}

// SADInfo is the answer to GETSADINFO.
type SADInfo struct {
	Count *uint32
	Hash  *HashInfo
}

// SADInfoRequest asks for the SAD's counters.
func SADInfoRequest() nl.Message {
	return nl.Message{Header: nl.Header{Type: MsgGetSADInfo}, Data: []byte{0xff, 0xff, 0xff, 0xff}}
}

// ParseSADInfo decodes the answer to GETSADINFO.
func ParseSADInfo(m nl.Message) (*SADInfo, error) {
	if len(m.Data) < 4 {
		return nil, ErrShort
	}
	s := &SADInfo{}
	d := nl.NewAttrDecoder(m.Data[4:])
	for d.Next() {
		switch d.Type() {
		case attrSADCount:
			v := d.Uint32()
			s.Count = &v
		case attrSADHInfo:
			h, err := hashInfo(d.Bytes())
			if err != nil {
				return nil, err
			}
			s.Hash = h
		}
	}
	return s, d.Err()
}

// Default actions for traffic no policy matches (XFRM_USERPOLICY_*).
const (
	DefaultUnspec = 0
	DefaultBlock  = 1
	DefaultAccept = 2
)

// Defaults is struct xfrm_userpolicy_default: the action for traffic
// that matches no policy, by direction.
type Defaults struct{ In, Fwd, Out uint8 }

// Message is the request of type typ: SETDEFAULT with the defaults, or
// GETDEFAULT.
func (d Defaults) Message(typ uint16) nl.Message {
	return nl.Message{Header: nl.Header{Type: typ}, Data: []byte{d.In, d.Fwd, d.Out}}
}

// ParseDefaults decodes the answer to GETDEFAULT.
func ParseDefaults(m nl.Message) (Defaults, error) {
	if len(m.Data) < 3 {
		return Defaults{}, ErrShort
	}
	return Defaults{m.Data[0], m.Data[1], m.Data[2]}, nil
}
