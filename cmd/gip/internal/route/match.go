package route

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// match is filter_nlmsg for the selectors the kernel does not apply.
func (f *filter) match(r *rtnl.Route) bool {
	if f.family != unix.AF_UNSPEC && r.Family != f.family {
		return false
	}
	if r.Family == unix.AF_INET6 && r.Table != unix.RT_TABLE_MAIN {
		f.ip6MultipleTables = true
	}
	if f.cloned != (r.Flags&unix.RTM_F_CLONED != 0) {
		return false
	}
	return f.tableMatch(r) && f.keyMatch(r) && f.addrMatch(r) && f.restMatch(r)
}

// tableMatch is the table test: before a dump has shown IPv6 routes in
// other tables than main, ip tells IPv6 tables apart by type.
func (f *filter) tableMatch(r *rtnl.Route) bool {
	if f.table == 0 {
		return true
	}
	if r.Family != unix.AF_INET6 || f.ip6MultipleTables {
		return f.table == r.Table
	}
	switch f.table {
	case unix.RT_TABLE_LOCAL:
		return r.Type == unix.RTN_LOCAL
	case unix.RT_TABLE_MAIN:
		return r.Type != unix.RTN_LOCAL
	}
	return false
}

// keyMatch tests protocol, scope, type and tos.
func (f *filter) keyMatch(r *rtnl.Route) bool {
	return (!f.protoSet || r.Protocol == f.proto) &&
		(!f.scopeSet || r.Scope == f.scope) &&
		(!f.typeSet || r.Type == f.typ) &&
		(!f.tosSet || r.TOS == f.tos)
}

// addrMatch tests the destination, source, gateway and preferred source
// selectors.
func (f *filter) addrMatch(r *rtnl.Route) bool {
	dstLen, srcLen := r.Dst.Bits(), 0
	if r.Family == unix.AF_MPLS {
		dstLen = 20
	}
	if r.Src.IsValid() {
		srcLen = r.Src.Bits()
	}
	if !selLenOK(f.rdst, r.Family, func(s grammar.PrefixSel) bool { return s.Bits > dstLen }) ||
		!selLenOK(f.mdst, r.Family, func(s grammar.PrefixSel) bool { return s.Bits >= 0 && s.Bits < dstLen }) ||
		!selLenOK(f.rsrc, r.Family, func(s grammar.PrefixSel) bool { return s.Bits > srcLen }) ||
		!selLenOK(f.msrc, r.Family, func(s grammar.PrefixSel) bool { return s.Bits >= 0 && s.Bits < srcLen }) {
		return false
	}
	if f.rvia.Set && f.rvia.Family != 0 {
		fam := r.Family
		if vf := viaFamily(r, r.Gateway); vf != 0 {
			fam = vf
		}
		if fam != f.rvia.Family {
			return false
		}
	}
	if f.prefsrc.Set && f.prefsrc.Family != 0 && r.Family != f.prefsrc.Family {
		return false
	}
	dst := r.Dst.Addr()
	if f.rdst.Set && !grammar.PrefixMatch(dst, f.rdst.Addr, f.rdst.Bits) && f.rdst.Addr.IsValid() {
		return false
	}
	if f.mdst.Set && f.mdst.Bits >= 0 && f.mdst.Addr.IsValid() && !grammar.PrefixMatch(dst, f.mdst.Addr, dstLen) {
		return false
	}
	src := r.Src.Addr()
	return selAddrOK(f.rsrc, src, f.rsrc.Bits) &&
		(f.msrc.Bits < 0 || selAddrOK(f.msrc, src, srcLen)) &&
		selAddrOK(f.rvia, r.Gateway, f.rvia.Bits) &&
		selAddrOK(f.prefsrc, r.PrefSrc, f.prefsrc.Bits)
}

// restMatch tests realms, devices, mark and metric.
func (f *filter) restMatch(r *rtnl.Route) bool {
	if f.realmMask != 0 && (r.Realms^f.realms)&f.realmMask != 0 {
		return false
	}
	if f.iif != 0 && r.IIF != f.iif || f.oif != 0 && r.OIF != f.oif {
		return false
	}
	if f.markSet && r.Mark != f.mark {
		return false
	}
	if f.metricSet {
		var m uint32
		if r.Priority != nil {
			m = *r.Priority
		}
		return m == f.metric
	}
	return true
}

// selLenOK applies a selector's family and length test.
func selLenOK(s grammar.PrefixSel, family uint8, reject func(grammar.PrefixSel) bool) bool {
	if !s.Set {
		return true
	}
	if s.Family != 0 && family != s.Family {
		return false
	}
	return !reject(s)
}

// selAddrOK tests a's first bits against a set selector with an address;
// a missing a counts as the zero address of the selector's family, as ip
// compares a zeroed buffer.
func selAddrOK(s grammar.PrefixSel, a netip.Addr, bits int) bool {
	if !s.Set || !s.Addr.IsValid() {
		return true
	}
	return grammar.PrefixMatch(orZero(a, s.Addr), s.Addr, bits)
}

// orZero stands in the zero address of like's family for a missing one.
func orZero(a, like netip.Addr) netip.Addr {
	if a.IsValid() {
		return a
	}
	if like.Is4() {
		return netip.IPv4Unspecified()
	}
	return netip.IPv6Unspecified()
}
