package xfrm

import "github.com/gip-suite/gip/internal/nl"

// The notifications only the kernel sends (XFRM_MSG_*).
const (
	MsgNewAE   = 0x1e // an asynchronous event of a state: replay or timer
	MsgReport  = 0x20 // a report (MIPv6)
	MsgMapping = 0x26 // a NAT-T peer changed address or port
)

// Multicast groups (XFRMNLGRP_*).
const (
	GroupAcquire = 1
	GroupExpire  = 2
	GroupSA      = 3
	GroupPolicy  = 4
	GroupAEvents = 5
	GroupReport  = 6
	GroupMigrate = 7
	GroupMapping = 8
)

// Flags of an asynchronous event (XFRM_AE_*) that say why it came.
const (
	AEReplayUpdate = 16 // XFRM_AE_CR
	AETimerExpired = 32 // XFRM_AE_CE
	AEPolicyUpdate = 64 // XFRM_AE_CU
)

// Sizes of the notifications' structures.
const (
	sizeAcquire = 280 // struct xfrm_user_acquire
	sizeReport  = 60  // struct xfrm_user_report
	sizeAEvent  = 48  // struct xfrm_aevent_id
	sizeMapping = 64  // struct xfrm_user_mapping
)

func getSAID(b []byte) SAID {
	return SAID{Dst: Address(b[:16]), SPI: be.Uint32(b[16:]), Family: ne.Uint16(b[20:]), Proto: b[22]}
}

// Acquire is struct xfrm_user_acquire and its attributes: the kernel
// asks a key manager for a state that a policy's template needs.
type Acquire struct {
	ID                             ID
	Src                            Address
	Sel                            Selector
	Policy                         PolicyInfo
	AuthAlgos, EncAlgos, CompAlgos uint32
	Seq                            uint32
	PolicyAttrs
}

// ParseAcquire decodes an ACQUIRE. The result does not alias m.
func ParseAcquire(m nl.Message) (*Acquire, error) {
	b := m.Data
	if len(b) < sizeAcquire {
		return nil, ErrShort
	}
	a := &Acquire{
		ID: getID(b), Src: Address(b[24:40]), Sel: getSelector(b[40:]), Policy: getPolicyInfo(b[96:]),
		AuthAlgos: ne.Uint32(b[264:]), EncAlgos: ne.Uint32(b[268:]), CompAlgos: ne.Uint32(b[272:]), Seq: ne.Uint32(b[276:]),
	}
	if err := a.decode(nl.NewAttrDecoder(b[sizeAcquire:]), nil); err != nil {
		return nil, err
	}
	return a, nil
}

// Report is struct xfrm_user_report and its attributes.
type Report struct {
	Proto uint8
	Sel   Selector
	StateAttrs
}

// ParseReport decodes a REPORT. The result does not alias m.
func ParseReport(m nl.Message) (*Report, error) {
	b := m.Data
	if len(b) < sizeReport {
		return nil, ErrShort
	}
	r := &Report{Proto: b[0], Sel: getSelector(b[4:])}
	if err := r.decode(nl.NewAttrDecoder(b[sizeReport:]), nil); err != nil {
		return nil, err
	}
	return r, nil
}

// AEvent is struct xfrm_aevent_id: which state an asynchronous event
// concerns and why it came (AE* flags).
type AEvent struct {
	ID    SAID
	Src   Address
	Flags uint32
	ReqID uint32
}

// ParseAEvent decodes a NEWAE.
func ParseAEvent(m nl.Message) (*AEvent, error) {
	b := m.Data
	if len(b) < sizeAEvent {
		return nil, ErrShort
	}
	return &AEvent{ID: getSAID(b), Src: Address(b[24:40]), Flags: ne.Uint32(b[40:]), ReqID: ne.Uint32(b[44:])}, nil
}

// Mapping is struct xfrm_user_mapping: the new address and port of a
// NAT-T peer.
type Mapping struct {
	ID                 SAID
	ReqID              uint32
	OldSrc, NewSrc     Address
	OldSport, NewSport uint16 // host order
}

// ParseMapping decodes a MAPPING.
func ParseMapping(m nl.Message) (*Mapping, error) {
	b := m.Data
	if len(b) < sizeMapping {
		return nil, ErrShort
	}
	return &Mapping{
		ID: getSAID(b), ReqID: ne.Uint32(b[24:]), OldSrc: Address(b[28:44]), NewSrc: Address(b[44:60]),
		OldSport: be.Uint16(b[60:]), NewSport: be.Uint16(b[62:]),
	}, nil
}

// ParseFlushSA decodes a FLUSHSA: the protocol whose states went
// (struct xfrm_usersa_flush).
func ParseFlushSA(m nl.Message) (uint8, error) {
	if len(m.Data) < 1 {
		return 0, ErrShort
	}
	return m.Data[0], nil
}

// ParseFlushPolicy decodes a FLUSHPOLICY: the type of the policies that
// went, nil when the kernel does not say.
func ParseFlushPolicy(m nl.Message) (*uint8, error) {
	var a PolicyAttrs
	if err := a.decode(nl.NewAttrDecoder(m.Data), nil); err != nil {
		return nil, err
	}
	return a.Type, nil
}
