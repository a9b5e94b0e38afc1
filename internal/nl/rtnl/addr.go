package rtnl

import (
	"iter"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// IfAddrLen is the size of struct ifaddrmsg.
const IfAddrLen = unix.SizeofIfAddrmsg

// Forever is the lifetime value meaning "never expires".
const Forever = 0xffffffff

// Addr is an interface address (RTM_NEWADDR).
type Addr struct {
	Family    uint8
	PrefixLen uint8
	Flags     uint32 // ifa_flags, widened by IFA_FLAGS
	Scope     uint8
	Index     int32

	Local     netip.Addr // IFA_LOCAL
	Address   netip.Addr // IFA_ADDRESS: the peer on point-to-point links
	Broadcast netip.Addr
	Anycast   netip.Addr
	Label     string
	Metric    uint32
	Proto     uint8

	// Lifetimes in seconds (Forever for none) and timestamps in
	// hundredths of a second since boot, from IFA_CACHEINFO.
	HasCacheInfo bool
	Preferred    uint32
	Valid        uint32
	Created      uint32
	Updated      uint32

	HasMetric bool
	HasProto  bool
}

// ParseAddr decodes an RTM_NEWADDR message; the result does not alias m.
func ParseAddr(m nl.Message) (*Addr, error) {
	b := m.Data
	if len(b) < IfAddrLen {
		return nil, ErrShortHeader
	}
	a := &Addr{
		Family:    b[0],
		PrefixLen: b[1],
		Flags:     uint32(b[2]),
		Scope:     b[3],
		Index:     int32(ne.Uint32(b[4:])),
	}
	d := nl.NewAttrDecoder(b[IfAddrLen:])
	for d.Next() {
		switch d.Type() {
		case unix.IFA_ADDRESS:
			a.Address = d.Addr()
		case unix.IFA_LOCAL:
			a.Local = d.Addr()
		case unix.IFA_BROADCAST:
			a.Broadcast = d.Addr()
		case unix.IFA_ANYCAST:
			a.Anycast = d.Addr()
		case unix.IFA_LABEL:
			a.Label = d.String()
		case unix.IFA_FLAGS:
			a.Flags = d.Uint32()
		case unix.IFA_RT_PRIORITY:
			a.Metric, a.HasMetric = d.Uint32(), true
		case 11: // IFA_PROTO
			a.Proto, a.HasProto = d.Uint8(), true
		case unix.IFA_CACHEINFO:
			c := d.Bytes()
			if len(c) >= 16 {
				a.HasCacheInfo = true
				a.Preferred = ne.Uint32(c[0:])
				a.Valid = ne.Uint32(c[4:])
				a.Created = ne.Uint32(c[8:])
				a.Updated = ne.Uint32(c[12:])
			}
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// LocalOrAddress is the address itself: IFA_LOCAL, or IFA_ADDRESS when the
// kernel sent no IFA_LOCAL (IPv6).
func (a *Addr) LocalOrAddress() netip.Addr {
	if a.Local.IsValid() {
		return a.Local
	}
	return a.Address
}

// Addrs streams the addresses of family (AF_UNSPEC for all).
func Addrs(c *nl.Conn, family uint8) iter.Seq2[*Addr, error] {
	return func(yield func(*Addr, error) bool) {
		hdr := make([]byte, IfAddrLen)
		hdr[0] = family
		m, _ := request(unix.RTM_GETADDR, 0, hdr, nil)
		for r, err := range c.Dump(m) {
			if err != nil {
				yield(nil, err)
				return
			}
			if r.Header.Type != unix.RTM_NEWADDR {
				continue
			}
			a, err := ParseAddr(r)
			if !yield(a, err) || err != nil {
				return
			}
		}
	}
}

// AddrSpec is an RTM_NEWADDR / RTM_DELADDR request.
type AddrSpec struct {
	Family    uint8
	PrefixLen uint8
	Flags     uint32
	Scope     uint8
	Index     int32

	Local     netip.Addr
	Address   netip.Addr
	Broadcast netip.Addr
	Anycast   netip.Addr
	Label     string
	Metric    *uint32
	Proto     *uint8
	// Lifetimes, sent as IFA_CACHEINFO when either is set.
	Valid, Preferred *uint32
	// SendFlags sends IFA_FLAGS even when Flags has no bit above 0xff.
	SendFlags bool
}

// Message builds the request (typ RTM_NEWADDR or RTM_DELADDR).
func (s *AddrSpec) Message(typ uint16, flags nl.Flags) (nl.Message, error) {
	hdr := make([]byte, IfAddrLen)
	hdr[0] = s.Family
	hdr[1] = s.PrefixLen
	hdr[2] = uint8(s.Flags)
	hdr[3] = s.Scope
	ne.PutUint32(hdr[4:], uint32(s.Index))
	e := nl.NewAttrEncoder(nil)
	if s.Local.IsValid() {
		e.Addr(unix.IFA_LOCAL, s.Local)
	}
	if s.Address.IsValid() {
		e.Addr(unix.IFA_ADDRESS, s.Address)
	}
	if s.Broadcast.IsValid() {
		e.Addr(unix.IFA_BROADCAST, s.Broadcast)
	}
	if s.Anycast.IsValid() {
		e.Addr(unix.IFA_ANYCAST, s.Anycast)
	}
	if s.Label != "" {
		e.String(unix.IFA_LABEL, s.Label)
	}
	if s.Valid != nil || s.Preferred != nil {
		valid, pref := uint32(Forever), uint32(Forever)
		if s.Valid != nil {
			valid = *s.Valid
		}
		if s.Preferred != nil {
			pref = *s.Preferred
		}
		ci := make([]byte, 16)
		ne.PutUint32(ci[0:], pref)
		ne.PutUint32(ci[4:], valid)
		e.Bytes(unix.IFA_CACHEINFO, ci)
	}
	if s.Flags > 0xff || s.SendFlags {
		e.Uint32(unix.IFA_FLAGS, s.Flags)
	}
	if s.Metric != nil {
		e.Uint32(unix.IFA_RT_PRIORITY, *s.Metric)
	}
	if s.Proto != nil {
		e.Uint8(11, *s.Proto)
	}
	return request(typ, flags, hdr, e)
}

// Do sends the request and waits for the answer.
func (s *AddrSpec) Do(c *nl.Conn, typ uint16, flags nl.Flags) error {
	m, err := s.Message(typ, flags)
	if err != nil {
		return err
	}
	_, err = c.Execute(m)
	return err
}
