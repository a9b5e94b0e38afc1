package atomic

import (
	"errors"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// A dump reports attributes a request may not carry (a macvlan's queue
// length in use, a nexthop's hardware statistics). The kernel's extended
// acknowledgement points at the one it refused; a restoring request is
// sent again without it, a few times at most.

const maxDrops = 8

// headerLen is the fixed header of each request type a rollback sends,
// before its attributes.
func headerLen(typ uint16) int {
	switch typ {
	case unix.RTM_NEWLINK, unix.RTM_DELLINK, unix.RTM_SETLINK:
		return unix.SizeofIfInfomsg
	case unix.RTM_NEWADDR, unix.RTM_DELADDR:
		return unix.SizeofIfAddrmsg
	case unix.RTM_NEWROUTE, unix.RTM_DELROUTE, unix.RTM_NEWRULE, unix.RTM_DELRULE, unix.RTM_NEWNEIGH, unix.RTM_DELNEIGH:
		return 12
	case unix.RTM_NEWNEXTHOP, unix.RTM_DELNEXTHOP:
		return 8
	case unix.RTM_NEWQDISC, unix.RTM_DELQDISC, unix.RTM_NEWTCLASS, unix.RTM_DELTCLASS, unix.RTM_NEWTFILTER, unix.RTM_DELTFILTER:
		return rtnl.TCMsgLen
	}
	return -1
}

// execute sends m; when the kernel refuses an attribute it names by its
// offset, m goes again without it.
func (t *Txn) execute(m nl.Message) error {
	_, err := t.conn.Execute(m)
	for range maxDrops {
		var op *nl.OpError
		if err == nil || !errors.As(err, &op) || op.Offset < unix.NLMSG_HDRLEN {
			return err
		}
		hdr := headerLen(m.Header.Type)
		if hdr < 0 {
			return err
		}
		data, ok := dropAttrAt(m.Data, hdr, int(op.Offset)-unix.NLMSG_HDRLEN)
		if !ok {
			return err
		}
		m.Data = data
		_, err = t.conn.Execute(m)
	}
	return err
}

// dropAttrAt removes the attribute starting at byte off of data (after a
// fixed header of hdr bytes), looking into nested attributes, and fixes
// the lengths of those that held it.
func dropAttrAt(data []byte, hdr, off int) ([]byte, bool) {
	out, ok := dropIn(data[hdr:], off-hdr)
	if !ok {
		return nil, false
	}
	return append(append([]byte(nil), data[:hdr]...), out...), true
}

func dropIn(b []byte, off int) ([]byte, bool) {
	for pos := 0; pos+4 <= len(b); {
		n := int(ne.Uint16(b[pos:]))
		if n < 4 || pos+n > len(b) {
			return nil, false
		}
		next := pos + nl.Align(n)
		if next > len(b) {
			next = len(b)
		}
		switch {
		case off == pos:
			return append(append([]byte(nil), b[:pos]...), b[next:]...), true
		case off > pos+4 && off < pos+n:
			inner, ok := dropIn(b[pos+4:pos+n], off-pos-4)
			if !ok {
				return nil, false
			}
			out := append([]byte(nil), b[:pos]...)
			out = ne.AppendUint16(out, uint16(4+len(inner)))
			out = append(out, b[pos+2:pos+4]...)
			out = append(out, inner...)
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
			return append(out, b[next:]...), true
		}
		pos = next
	}
	return nil, false
}
