package ipsettest

import (
	"encoding/binary"
	"slices"
	"sync"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/ipset"
	"github.com/gip-suite/gip/internal/nl/nfnl"
	"github.com/gip-suite/gip/internal/nl/nltest"
	"golang.org/x/sys/unix"
)

// Set is a set the fake kernel holds.
type Set struct {
	Name     string
	Type     string
	Revision uint8
	Family   uint8
	// Members are the DATA payloads of the elements added, as sent.
	Members [][]byte
}

// Kernel is the fake ipset subsystem.
type Kernel struct {
	// ProtocolMax and ProtocolMin are the versions it claims to speak.
	ProtocolMax, ProtocolMin uint8
	// Revisions holds, for the types named, the oldest and newest
	// revision the kernel has, as an older or newer kernel would; the
	// other types have those ipset 7.17 knows.
	Revisions map[string][2]uint8

	mu       sync.Mutex
	sets     []*Set
	requests []nl.Message
}

// Dial returns an ipset Conn over a new fake kernel speaking protocol 7
// (minimum 6), and the kernel.
func Dial(t testing.TB) (*ipset.Conn, *Kernel) {
	t.Helper()
	k := &Kernel{ProtocolMax: 7, ProtocolMin: 6}
	c, err := k.Dial(t)
	if err != nil {
		t.Fatalf("ipsettest: %v", err)
	}
	return c, k
}

// Dial opens another Conn to the same fake kernel.
func (k *Kernel) Dial(t testing.TB) (*ipset.Conn, error) {
	nc := nl.NewConn(nltest.NewKernel(k.handle), nl.Netfilter, nil)
	t.Cleanup(func() { nc.Close() })
	return ipset.New(nc)
}

// Requests returns every request received over all its Conns, in order.
func (k *Kernel) Requests() []nl.Message {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.requests)
}

// Sets returns the sets the kernel holds.
func (k *Kernel) Sets() []Set {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := make([]Set, len(k.sets))
	for i, s := range k.sets {
		out[i] = *s
	}
	return out
}

// revisions returns the oldest and newest revision of t the kernel has.
func (k *Kernel) revisions(t *ipset.TypeInfo) (lo, hi uint8) {
	if r, ok := k.Revisions[t.Name]; ok {
		return r[0], r[1]
	}
	return t.MinRevision, t.Revision
}

func (k *Kernel) find(name string) (int, *Set) {
	for i, s := range k.sets {
		if s.Name == name {
			return i, s
		}
	}
	return -1, nil
}

// request is a decoded ipset request.
type request struct {
	cmd     ipset.Cmd
	name    string
	name2   string // typename at create, second set at rename/swap
	family  uint8
	rev     uint8
	flags   uint32
	data    []byte   // DATA payload
	adt     [][]byte // DATA payloads inside ADT
	lineno  bool
	hasData bool
}

func decode(m nl.Message) (request, bool) {
	var r request
	if nfnl.SubsysOf(m.Header.Type) != nfnl.SubsysIPSet {
		return r, false
	}
	r.cmd = ipset.Cmd(nfnl.MsgOf(m.Header.Type))
	_, attrs, err := nfnl.Parse(m.Data)
	if err != nil {
		return r, false
	}
	d := nl.NewAttrDecoderOrder(attrs, binary.BigEndian)
	for d.Next() {
		switch d.Type() {
		case ipset.AttrSetName:
			r.name = d.String()
		case ipset.AttrTypeName:
			r.name2 = d.String()
		case ipset.AttrFamily:
			r.family = d.Uint8()
		case ipset.AttrRevision:
			r.rev = d.Uint8()
		case ipset.AttrFlags:
			r.flags = d.Uint32()
		case ipset.AttrData:
			r.data = append([]byte(nil), d.Bytes()...)
			r.hasData = true
		case ipset.AttrLineNo:
			r.lineno = true
		case ipset.AttrADT:
			ad := d.Nested()
			for ad.Next() {
				r.adt = append(r.adt, append([]byte(nil), ad.Bytes()...))
			}
		}
	}
	return r, d.Err() == nil
}

func reply(req nl.Message, cmd ipset.Cmd, fill func(e *nl.AttrEncoder)) []byte {
	return replyProto(req, cmd, ipset.Protocol, fill)
}

func replyProto(req nl.Message, cmd ipset.Cmd, proto uint8, fill func(e *nl.AttrEncoder)) []byte {
	e := nl.NewAttrEncoderOrder(nil, binary.BigEndian)
	e.Uint8(ipset.AttrProtocol, proto)
	if fill != nil {
		fill(e)
	}
	attrs, _ := e.Encode()
	data := nfnl.Header{Family: unix.AF_INET}.Append(nil)
	data = append(data, attrs...)
	return nltest.Msg(req, nfnl.MsgType(nfnl.SubsysIPSet, uint8(cmd)), 0, data)
}

func ack(req nl.Message, errno unix.Errno) []nltest.Datagram {
	return []nltest.Datagram{nltest.FromKernel(nltest.Ack(req, errno, "", 0))}
}

func (k *Kernel) handle(req nl.Message) []nltest.Datagram {
	k.mu.Lock()
	defer k.mu.Unlock()
	req.Data = slices.Clone(req.Data)
	k.requests = append(k.requests, req)
	r, ok := decode(req)
	if !ok {
		return ack(req, ipset.ErrProtocol)
	}
	excl := req.Header.Flags&nl.Excl != 0
	switch r.cmd {
	case ipset.CmdProtocol:
		return []nltest.Datagram{nltest.FromKernel(replyProto(req, r.cmd, k.ProtocolMax, func(e *nl.AttrEncoder) {
			if k.ProtocolMin != 0 {
				e.Uint8(ipset.AttrProtocolMin, k.ProtocolMin)
			}
		}), nltest.Ack(req, 0, "", 0))}
	case ipset.CmdType:
		t, ok := ipset.LookupType(r.name2)
		if !ok {
			return ack(req, ipset.ErrFindType)
		}
		lo, hi := k.revisions(t)
		return []nltest.Datagram{nltest.FromKernel(reply(req, r.cmd, func(e *nl.AttrEncoder) {
			e.String(ipset.AttrTypeName, t.Name)
			e.Uint8(ipset.AttrFamily, r.family)
			e.Uint8(ipset.AttrRevision, hi)
			e.Uint8(ipset.AttrRevisionMin, lo)
		}), nltest.Ack(req, 0, "", 0))}
	case ipset.CmdCreate:
		if t, ok := ipset.LookupType(r.name2); ok {
			if lo, hi := k.revisions(t); r.rev < lo || r.rev > hi {
				return ack(req, ipset.ErrFindType)
			}
		}
		if _, s := k.find(r.name); s != nil {
			if excl || s.Type != r.name2 {
				return ack(req, unix.EEXIST)
			}
			return ack(req, 0)
		}
		k.sets = append(k.sets, &Set{Name: r.name, Type: r.name2, Revision: r.rev, Family: r.family})
		return ack(req, 0)
	case ipset.CmdHeader:
		_, s := k.find(r.name)
		if s == nil {
			return ack(req, unix.ENOENT)
		}
		return []nltest.Datagram{nltest.FromKernel(reply(req, r.cmd, func(e *nl.AttrEncoder) {
			e.String(ipset.AttrSetName, s.Name)
			e.String(ipset.AttrTypeName, s.Type)
			e.Uint8(ipset.AttrRevision, s.Revision)
			e.Uint8(ipset.AttrFamily, s.Family)
		}), nltest.Ack(req, 0, "", 0))}
	case ipset.CmdDestroy, ipset.CmdFlush:
		if r.name == "" {
			if r.cmd == ipset.CmdDestroy {
				k.sets = nil
			} else {
				for _, s := range k.sets {
					s.Members = nil
				}
			}
			return ack(req, 0)
		}
		i, s := k.find(r.name)
		if s == nil {
			if r.cmd == ipset.CmdDestroy && !excl {
				return ack(req, 0)
			}
			return ack(req, unix.ENOENT)
		}
		if r.cmd == ipset.CmdDestroy {
			k.sets = slices.Delete(k.sets, i, i+1)
		} else {
			s.Members = nil
		}
		return ack(req, 0)
	case ipset.CmdRename, ipset.CmdSwap:
		_, a := k.find(r.name)
		_, b := k.find(r.name2)
		switch {
		case a == nil:
			return ack(req, unix.ENOENT)
		case r.cmd == ipset.CmdRename && b != nil:
			return ack(req, ipset.ErrExistSetName2)
		case r.cmd == ipset.CmdSwap && b == nil:
			return ack(req, ipset.ErrExistSetName2)
		case r.cmd == ipset.CmdSwap && a.Type != b.Type:
			return ack(req, ipset.ErrTypeMismatch)
		}
		if r.cmd == ipset.CmdRename {
			a.Name = r.name2
		} else {
			a.Name, b.Name = b.Name, a.Name
		}
		return ack(req, 0)
	case ipset.CmdAdd, ipset.CmdDel, ipset.CmdTest:
		_, s := k.find(r.name)
		if s == nil {
			return ack(req, unix.ENOENT)
		}
		elems := r.adt
		if r.hasData {
			elems = append(elems, r.data)
		}
		for _, el := range elems {
			key := stripLineNo(el)
			fail := func(errno unix.Errno) []nltest.Datagram {
				if !r.lineno {
					return ack(req, errno)
				}
				// Like the kernel: the request comes back whole, its
				// line number replaced by the failing element's.
				return []nltest.Datagram{nltest.FromKernel(nltest.AckUncapped(withLineNo(req, lineNoOf(el)), errno, "", 0))}
			}
			i := slices.IndexFunc(s.Members, func(m []byte) bool { return string(m) == string(key) })
			switch {
			case r.cmd == ipset.CmdTest && i < 0:
				return ack(req, ipset.ErrExist)
			case r.cmd == ipset.CmdAdd && i >= 0 && excl:
				return fail(ipset.ErrExist)
			case r.cmd == ipset.CmdAdd && i < 0:
				s.Members = append(s.Members, key)
			case r.cmd == ipset.CmdDel && i < 0 && excl:
				return fail(ipset.ErrExist)
			case r.cmd == ipset.CmdDel && i >= 0:
				s.Members = slices.Delete(s.Members, i, i+1)
			}
		}
		return ack(req, 0)
	case ipset.CmdList, ipset.CmdSave:
		var out []nltest.Datagram
		for _, s := range k.sets {
			if r.name != "" && s.Name != r.name {
				continue
			}
			s := s
			out = append(out, nltest.FromKernel(reply(req, ipset.CmdList, func(e *nl.AttrEncoder) {
				e.String(ipset.AttrSetName, s.Name)
				if r.flags&ipset.FlagListSetName != 0 {
					return
				}
				e.String(ipset.AttrTypeName, s.Type)
				e.Uint8(ipset.AttrRevision, s.Revision)
				e.Uint8(ipset.AttrFamily, s.Family)
				e.Nest(ipset.AttrData)
				e.Uint32(ipset.AttrElements|nl.AttrNetByteOrder, uint32(len(s.Members)))
				e.Uint32(ipset.AttrReferences|nl.AttrNetByteOrder, 0)
				e.Uint32(ipset.AttrMemSize|nl.AttrNetByteOrder, 100)
				e.Unnest()
				if r.flags&ipset.FlagListHeader != 0 || len(s.Members) == 0 {
					return
				}
				e.Nest(ipset.AttrADT)
				for _, m := range s.Members {
					e.Bytes(ipset.AttrData|nl.AttrNested, m)
				}
				e.Unnest()
			})))
		}
		if r.name != "" && len(out) == 0 {
			return ack(req, unix.ENOENT)
		}
		return append(out, nltest.FromKernel(nltest.Done(req, 0, "")))
	}
	return ack(req, ipset.ErrProtocol)
}

// stripLineNo removes the line number from an element's DATA payload, so
// that the same element sent from two lines compares equal.
func stripLineNo(data []byte) []byte {
	e := nl.NewAttrEncoderOrder(nil, binary.BigEndian)
	d := nl.NewAttrDecoderOrder(data, binary.BigEndian)
	for d.Next() {
		if d.Type() == ipset.AttrCADTLine {
			continue
		}
		e.Bytes(d.RawType(), d.Bytes())
	}
	b, _ := e.Encode()
	return b
}

func lineNoOf(data []byte) uint32 {
	d := nl.NewAttrDecoderOrder(data, binary.BigEndian)
	for d.Next() {
		if d.Type() == ipset.AttrCADTLine {
			return d.Uint32()
		}
	}
	return 0
}

// withLineNo returns a copy of req whose top-level line number attribute
// says line, in network byte order.
func withLineNo(req nl.Message, line uint32) nl.Message {
	data := append([]byte(nil), req.Data...)
	off := nfnl.HeaderLen
	for off+nl.AttrHeaderLen <= len(data) {
		n := int(binary.NativeEndian.Uint16(data[off:]))
		typ := binary.NativeEndian.Uint16(data[off+2:]) &^ (nl.AttrNested | nl.AttrNetByteOrder)
		if n < nl.AttrHeaderLen || off+n > len(data) {
			break
		}
		if typ == ipset.AttrLineNo && n == nl.AttrHeaderLen+4 {
			binary.BigEndian.PutUint32(data[off+nl.AttrHeaderLen:], line)
		}
		off += nl.Align(n)
	}
	req.Data = data
	return req
}
