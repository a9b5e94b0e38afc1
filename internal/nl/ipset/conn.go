package ipset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"iter"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nfnl"
	"golang.org/x/sys/unix"
)

var bigEndian = binary.BigEndian

// ErrProtocolVersion is wrapped by the error Dial and New return when the
// kernel speaks no protocol version this package does.
var ErrProtocolVersion = errors.New("ipset: no common protocol version with the kernel")

// Conn is a connection to the kernel's ipset subsystem. Like nl.Conn it is
// used by one goroutine at a time.
type Conn struct {
	nc    *nl.Conn
	proto uint8
}

// Dial opens a netfilter netlink socket, in network namespace netns when it
// is not empty, and negotiates the protocol version.
func Dial(netns string) (*Conn, error) {
	nc, err := nl.Dial(nl.Netfilter, &nl.Config{NetNS: netns})
	if err != nil {
		return nil, err
	}
	c, err := New(nc)
	if err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// New negotiates the protocol version on an open netfilter Conn and
// returns an ipset Conn over it.
func New(nc *nl.Conn) (*Conn, error) {
	c := &Conn{nc: nc, proto: Protocol}
	maxV, minV, err := c.Protocol()
	if err != nil {
		return nil, err
	}
	if minV == 0 {
		minV = maxV
	}
	if maxV < ProtocolMin || minV > Protocol {
		return nil, fmt.Errorf("%w: Cannot communicate with kernel: Kernel support protocol versions %d-%d while userspace supports protocol versions %d-%d",
			ErrProtocolVersion, minV, maxV, ProtocolMin, Protocol)
	}
	c.proto = min(maxV, Protocol)
	return c, nil
}

// Close closes the socket.
func (c *Conn) Close() error { return c.nc.Close() }

// NL returns the underlying netlink connection.
func (c *Conn) NL() *nl.Conn { return c.nc }

// ProtocolVersion returns the negotiated protocol version.
func (c *Conn) ProtocolVersion() uint8 { return c.proto }

// NewRequest builds a request for cmd: nfgenmsg (family AF_INET, as ipset
// sends), the protocol attribute, then whatever fill appends.
func (c *Conn) NewRequest(cmd Cmd, flags nl.Flags, fill func(e *nl.AttrEncoder)) (nl.Message, error) {
	e := newEncoder()
	e.Uint8(AttrProtocol, c.proto)
	if fill != nil {
		fill(e)
	}
	attrs, err := e.Encode()
	if err != nil {
		return nl.Message{}, err
	}
	return nfnl.NewMessage(nfnl.SubsysIPSet, uint8(cmd), flags, nfnl.Header{Family: unix.AF_INET, Version: nfnl.Version0}, attrs), nil
}

func (c *Conn) exec(cmd Cmd, flags nl.Flags, set, typ string, fill func(e *nl.AttrEncoder)) ([]nl.Message, error) {
	m, err := c.NewRequest(cmd, flags, fill)
	if err != nil {
		return nil, err
	}
	replies, err := c.nc.Execute(m)
	return replies, wrap(err, cmd, set, typ)
}

// attrsOf checks a reply's header and returns its attributes.
func attrsOf(m nl.Message, want Cmd) (nl.AttrDecoder, error) {
	if nfnl.SubsysOf(m.Header.Type) != nfnl.SubsysIPSet {
		return nl.AttrDecoder{}, fmt.Errorf("ipset: reply of subsystem %d", nfnl.SubsysOf(m.Header.Type))
	}
	got := Cmd(nfnl.MsgOf(m.Header.Type))
	if want == CmdSave && got == CmdList {
		// The kernel answers a save with list messages.
		got = CmdSave
	}
	if got != want {
		return nl.AttrDecoder{}, fmt.Errorf("ipset: Protocol error, we sent command %s and received %s[%d]", want, got, uint8(got))
	}
	_, attrs, err := nfnl.Parse(m.Data)
	if err != nil {
		return nl.AttrDecoder{}, err
	}
	return nl.NewAttrDecoderOrder(attrs, bigEndian), nil
}

// Protocol asks the kernel for the protocol versions it speaks: the newest
// and, from version 7 on, the oldest (0 if it did not say).
func (c *Conn) Protocol() (maxV, minV uint8, err error) {
	m, err := c.NewRequest(CmdProtocol, 0, nil)
	if err != nil {
		return 0, 0, err
	}
	replies, err := c.nc.Execute(m)
	if err != nil {
		return 0, 0, wrap(err, CmdProtocol, "", "")
	}
	for _, r := range replies {
		d, err := attrsOf(r, CmdProtocol)
		if err != nil {
			return 0, 0, err
		}
		for d.Next() {
			switch d.Type() {
			case AttrProtocol:
				maxV = d.Uint8()
			case AttrProtocolMin:
				minV = d.Uint8()
			}
		}
		if err := d.Err(); err != nil {
			return 0, 0, err
		}
	}
	if maxV == 0 {
		return 0, 0, errors.New("ipset: the kernel did not say its protocol version")
	}
	return maxV, minV, nil
}

// TypeRevisions asks the kernel which revisions of set type name it has
// for family: the newest and the oldest (the newest too when the kernel
// does not say, as ipset takes it). ipset asks with the type's default
// family (TypeInfo.DefaultFamily), before it reads create's options.
func (c *Conn) TypeRevisions(name string, family uint8) (maxRev, minRev uint8, err error) {
	replies, err := c.exec(CmdType, 0, "", name, func(e *nl.AttrEncoder) {
		e.String(AttrTypeName, name)
		e.Uint8(AttrFamily, family)
	})
	if err != nil {
		return 0, 0, err
	}
	hasMin := false
	for _, r := range replies {
		d, err := attrsOf(r, CmdType)
		if err != nil {
			return 0, 0, err
		}
		for d.Next() {
			switch d.Type() {
			case AttrRevision:
				maxRev = d.Uint8()
			case AttrRevisionMin:
				minRev, hasMin = d.Uint8(), true
			}
		}
		if err := d.Err(); err != nil {
			return 0, 0, err
		}
	}
	if !hasMin {
		minRev = maxRev
	}
	return maxRev, minRev, nil
}

func existFlags(exist bool) nl.Flags {
	if exist {
		return 0
	}
	return nl.Excl
}

// CreateMessage builds the request creating s. Without exist the kernel
// refuses a set of that name (EEXIST); with it, an identical set is fine.
func (c *Conn) CreateMessage(s *Set, exist bool) (nl.Message, error) {
	return c.NewRequest(CmdCreate, nl.Create|existFlags(exist), func(e *nl.AttrEncoder) {
		e.String(AttrSetName, s.Name)
		e.String(AttrTypeName, s.Type)
		e.Uint8(AttrRevision, s.Revision)
		e.Uint8(AttrFamily, s.Family)
		s.encodeCreateData(e)
	})
}

// Create creates set s. s.Revision must be one the kernel has (see
// TypeRevisions).
func (c *Conn) Create(s *Set, exist bool) error {
	m, err := c.CreateMessage(s, exist)
	if err != nil {
		return err
	}
	_, err = c.nc.Execute(m)
	return wrap(err, CmdCreate, s.Name, s.Type)
}

func (c *Conn) nameCmd(cmd Cmd, flags nl.Flags, name string) error {
	_, err := c.exec(cmd, flags, name, "", func(e *nl.AttrEncoder) {
		if name != "" {
			e.String(AttrSetName, name)
		}
	})
	return err
}

// Destroy destroys set name, or every set not in use when name is empty.
// With exist, a set that does not exist is not an error.
func (c *Conn) Destroy(name string, exist bool) error {
	return c.nameCmd(CmdDestroy, existFlags(exist), name)
}

// Flush removes every element of set name, or of every set when name is
// empty.
func (c *Conn) Flush(name string) error { return c.nameCmd(CmdFlush, 0, name) }

func (c *Conn) twoNames(cmd Cmd, from, to string) error {
	_, err := c.exec(cmd, 0, from, "", func(e *nl.AttrEncoder) {
		e.String(AttrSetName, from)
		e.String(AttrSetName2, to)
	})
	return err
}

// Rename renames set from to to.
func (c *Conn) Rename(from, to string) error { return c.twoNames(CmdRename, from, to) }

// Swap exchanges the contents (and types) of two sets, atomically.
func (c *Conn) Swap(a, b string) error { return c.twoNames(CmdSwap, a, b) }

// Header returns a set's name, type, revision and family.
func (c *Conn) Header(name string) (*Set, error) {
	replies, err := c.exec(CmdHeader, 0, name, "", func(e *nl.AttrEncoder) {
		e.String(AttrSetName, name)
	})
	if err != nil {
		return nil, err
	}
	s := &Set{Name: name}
	for _, r := range replies {
		d, err := attrsOf(r, CmdHeader)
		if err != nil {
			return nil, err
		}
		for d.Next() {
			switch d.Type() {
			case AttrSetName:
				s.Name = d.String()
			case AttrTypeName:
				s.Type = d.String()
			case AttrRevision:
				s.Revision = d.Uint8()
			case AttrFamily:
				s.Family = d.Uint8()
			}
		}
		if err := d.Err(); err != nil {
			return nil, err
		}
	}
	if s.Type == "" {
		return nil, errors.New("ipset: header reply without a type name")
	}
	return s, nil
}

// ADTMessage builds an add, del or test request of entry en in set. With
// exist, add of a present element and del of an absent one succeed.
func (c *Conn) ADTMessage(cmd Cmd, set string, en *Entry, exist bool) (nl.Message, error) {
	var flags nl.Flags
	if cmd != CmdTest {
		flags = existFlags(exist)
	}
	return c.NewRequest(cmd, flags, func(e *nl.AttrEncoder) {
		e.String(AttrSetName, set)
		en.encodeData(e, cmd != CmdTest)
	})
}

// ADT runs an add, del or test request. typ is the set's type, used only
// to word type-specific refusals.
func (c *Conn) ADT(cmd Cmd, set, typ string, en *Entry, exist bool) error {
	m, err := c.ADTMessage(cmd, set, en, exist)
	if err != nil {
		return err
	}
	_, err = c.nc.Execute(m)
	return wrap(err, cmd, set, typ)
}

// Add adds en to set.
func (c *Conn) Add(set, typ string, en *Entry, exist bool) error {
	return c.ADT(CmdAdd, set, typ, en, exist)
}

// Del deletes en from set.
func (c *Conn) Del(set, typ string, en *Entry, exist bool) error {
	return c.ADT(CmdDel, set, typ, en, exist)
}

// Test reports whether en is in set.
func (c *Conn) Test(set, typ string, en *Entry) (bool, error) {
	err := c.ADT(CmdTest, set, typ, en, false)
	var e *Error
	if errors.As(err, &e) && e.Errno() == ErrExist {
		return false, nil
	}
	return err == nil, err
}

// WrapError words a refusal of a request built with ADTMessage or
// CreateMessage and run by the caller (in an nl.Batch, say) the way the
// Conn's own methods do.
func WrapError(err error, cmd Cmd, set, typ string) error { return wrap(err, cmd, set, typ) }

// Record is one item of a listing: either the header of a set (Set is set)
// or one of its members (Entry is set; SetName says whose).
type Record struct {
	Set     *Set
	SetName string
	Entry   *Entry
}

// List streams the sets (all of them when name is empty) with their
// headers and members, in the kernel's order. flags may hold
// FlagListSetName (names only) or FlagListHeader (no members). With save,
// the kernel is asked for IPSET_CMD_SAVE, which lists the same data.
// A record's Set stays valid; its Entry is reused for the next member and
// is valid only until the loop body returns (Clone keeps one).
func (c *Conn) List(name string, flags uint32, save bool) iter.Seq2[Record, error] {
	cmd := CmdList
	if save {
		cmd = CmdSave
	}
	return func(yield func(Record, error) bool) {
		m, err := c.NewRequest(cmd, 0, func(e *nl.AttrEncoder) {
			if name != "" {
				e.String(AttrSetName, name)
			}
			if flags != 0 {
				e.Uint32(AttrFlags|netOrder, flags)
			}
		})
		if err != nil {
			yield(Record{}, err)
			return
		}
		for msg, err := range c.nc.Dump(m) {
			if err != nil {
				yield(Record{}, wrap(err, cmd, name, ""))
				return
			}
			ok := true
			err = decodeListMessage(msg, cmd, func(r Record) bool {
				ok = yield(r, nil)
				return ok
			})
			if !ok {
				return
			}
			if err != nil {
				yield(Record{}, err)
				return
			}
		}
	}
}

// DecodeListMessage decodes one message of a listing into records, handed
// to fn in order until it returns false. As with List, a record's Entry is
// valid only during the call of fn.
func DecodeListMessage(msg nl.Message, fn func(Record) bool) error {
	return decodeListMessage(msg, Cmd(nfnl.MsgOf(msg.Header.Type)), fn)
}

func decodeListMessage(msg nl.Message, cmd Cmd, fn func(Record) bool) error {
	d, err := attrsOf(msg, cmd)
	if err != nil {
		return err
	}
	var s Set
	header := false
	var adt []byte
	for d.Next() {
		switch d.Type() {
		case AttrSetName:
			s.Name = d.String()
		case AttrTypeName:
			s.Type = d.String()
			header = true
		case AttrRevision:
			s.Revision = d.Uint8()
		case AttrFamily:
			s.Family = d.Uint8()
		case AttrData:
			s.decodeHeaderData(&d)
		case AttrADT:
			adt = d.Bytes()
		}
	}
	if err := d.Err(); err != nil {
		return fmt.Errorf("ipset: Broken %s kernel message: %w", cmd, err)
	}
	if s.Name == "" {
		return fmt.Errorf("ipset: Broken %s kernel message: no set name", cmd)
	}
	if header || adt == nil {
		hs := s
		if !fn(Record{Set: &hs, SetName: s.Name}) {
			return nil
		}
	}
	if adt == nil {
		return nil
	}
	ad := nl.NewAttrDecoderOrder(adt, bigEndian)
	var (
		en   Entry
		vals entryValues
	)
	for ad.Next() {
		if ad.Type() != AttrData {
			continue
		}
		ed := ad.Nested()
		en = Entry{}
		en.decode(&ed, &vals)
		if err := ed.Err(); err != nil {
			return fmt.Errorf("ipset: Broken %s kernel message: %w", cmd, err)
		}
		if !fn(Record{SetName: s.Name, Entry: &en}) {
			return nil
		}
	}
	if err := ad.Err(); err != nil {
		return fmt.Errorf("ipset: Broken %s kernel message: %w", cmd, err)
	}
	return nil
}
