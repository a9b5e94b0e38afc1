package rtnl

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// prefixMsgLen is struct prefixmsg.
const prefixMsgLen = 12

// Prefix flags (IF_PREFIX_* in the kernel's include/net/if_inet6.h).
const (
	PrefixOnlink   = 0x01
	PrefixAutoconf = 0x02
)

// Prefix is an RTM_NEWPREFIX notification: an IPv6 prefix a router
// advertised on a link (its prefix information option).
type Prefix struct {
	Family  uint8
	Ifindex int32
	Type    uint8 // the ND option type: 3, prefix information
	Len     uint8
	Flags   uint8 // PrefixOnlink, PrefixAutoconf
	Addr    netip.Addr
	// Cache is PREFIX_CACHEINFO, when sent: the lifetimes, in seconds.
	Cache *PrefixCacheInfo
}

// PrefixCacheInfo is struct prefix_cacheinfo.
type PrefixCacheInfo struct {
	Preferred, Valid uint32
}

// ParsePrefix decodes an RTM_NEWPREFIX message.
func ParsePrefix(m nl.Message) (*Prefix, error) {
	b := m.Data
	if len(b) < prefixMsgLen {
		return nil, ErrShortHeader
	}
	p := &Prefix{Family: b[0], Ifindex: int32(ne.Uint32(b[4:])), Type: b[8], Len: b[9], Flags: b[10]}
	d := nl.NewAttrDecoder(b[prefixMsgLen:])
	for d.Next() {
		switch d.Type() {
		case unix.PREFIX_ADDRESS:
			p.Addr = d.Addr()
		case unix.PREFIX_CACHEINFO:
			c := d.Bytes()
			if len(c) < 8 {
				return nil, fmt.Errorf("rtnl: prefix cache info of %d bytes", len(c))
			}
			p.Cache = &PrefixCacheInfo{Preferred: ne.Uint32(c), Valid: ne.Uint32(c[4:])}
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return p, nil
}
