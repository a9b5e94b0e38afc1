package nftables

import (
	"errors"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/nfnl"
	"golang.org/x/sys/unix"
)

// Conn is a connection to the kernel's nf_tables subsystem. Like nl.Conn
// it is used by one goroutine at a time.
type Conn struct{ nc *nl.Conn }

// Dial opens a netfilter netlink socket, in network namespace netns when
// it is not empty.
func Dial(netns string, warn func(string)) (*Conn, error) {
	nc, err := nl.Dial(nl.Netfilter, &nl.Config{NetNS: netns, Warn: warn})
	if err != nil {
		return nil, err
	}
	return &Conn{nc: nc}, nil
}

// New returns a Conn over an open netfilter socket.
func New(nc *nl.Conn) *Conn { return &Conn{nc: nc} }

// Close closes the socket.
func (c *Conn) Close() error { return c.nc.Close() }

// NL returns the underlying netlink connection.
func (c *Conn) NL() *nl.Conn { return c.nc }

func message(msg uint8, flags nl.Flags, f Family, attrs []byte) nl.Message {
	return nfnl.NewMessage(nfnl.SubsysNFTables, msg, nl.Request|flags,
		nfnl.Header{Family: uint8(f), Version: nfnl.Version0}, attrs)
}

// dump runs a dump of msg for family f (FamilyUnspec: every family) and
// decodes each reply with dec.
func dump[T any](c *Conn, msg uint8, f Family, attrs []byte, dec func(Family, []byte) (T, error)) ([]T, error) {
	msgs, err := c.nc.DumpAll(message(msg, 0, f, attrs))
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(msgs))
	for _, m := range msgs {
		h, b, err := nfnl.Parse(m.Data)
		if err != nil {
			return nil, err
		}
		v, err := dec(Family(h.Family), b)
		if err != nil {
			return nil, fmt.Errorf("nftables: decoding %s: %w", msgName(nfnl.MsgOf(m.Header.Type)), err)
		}
		out = append(out, v)
	}
	return out, nil
}

// Tables lists the tables of family f.
func (c *Conn) Tables(f Family) ([]Table, error) {
	return dump(c, unix.NFT_MSG_GETTABLE, f, nil, decodeTable)
}

// Chains lists the chains of family f.
func (c *Conn) Chains(f Family) ([]Chain, error) {
	return dump(c, unix.NFT_MSG_GETCHAIN, f, nil, decodeChain)
}

// Sets lists the sets and maps of family f, anonymous ones included.
func (c *Conn) Sets(f Family) ([]Set, error) {
	return dump(c, unix.NFT_MSG_GETSET, f, nil, decodeSet)
}

// Rules lists the rules of family f; table and chain, when not empty,
// narrow the dump.
func (c *Conn) Rules(f Family, table, chain string) ([]Rule, error) {
	e := newEncoder()
	if table != "" {
		e.String(unix.NFTA_RULE_TABLE, table)
	}
	if chain != "" {
		e.String(unix.NFTA_RULE_CHAIN, chain)
	}
	attrs, err := e.Encode()
	if err != nil {
		return nil, err
	}
	return dump(c, unix.NFT_MSG_GETRULE, f, attrs, decodeRule)
}

// Elements lists the elements of a set. The replies are decoded as they
// arrive, into one slice: a set may hold millions.
func (c *Conn) Elements(s *Set) ([]Element, error) {
	e := newEncoder()
	e.String(unix.NFTA_SET_ELEM_LIST_TABLE, s.Table)
	e.String(unix.NFTA_SET_ELEM_LIST_SET, s.Name)
	attrs, err := e.Encode()
	if err != nil {
		return nil, err
	}
	m := message(unix.NFT_MSG_GETSETELEM, 0, s.Family, attrs)
	for attempt := 0; ; attempt++ {
		out, err := c.elements(m)
		if errors.Is(err, nl.ErrDumpInterrupted) && attempt < nl.DumpRetries {
			continue
		}
		return out, err
	}
}

func (c *Conn) elements(m nl.Message) ([]Element, error) {
	var out []Element
	for msg, err := range c.nc.Dump(m) {
		if err != nil {
			return nil, err
		}
		h, b, err := nfnl.Parse(msg.Data)
		if err != nil {
			return nil, err
		}
		l, err := decodeElementsInto(Family(h.Family), b, out)
		if err != nil {
			return nil, fmt.Errorf("nftables: decoding set elements: %w", err)
		}
		out = l.Elems
	}
	return out, nil
}

var msgNames = map[uint8]string{
	unix.NFT_MSG_NEWTABLE: "table", unix.NFT_MSG_DELTABLE: "table",
	unix.NFT_MSG_NEWCHAIN: "chain", unix.NFT_MSG_DELCHAIN: "chain",
	unix.NFT_MSG_NEWRULE: "rule", unix.NFT_MSG_DELRULE: "rule",
	unix.NFT_MSG_NEWSET: "set", unix.NFT_MSG_DELSET: "set",
	unix.NFT_MSG_NEWSETELEM: "set element", unix.NFT_MSG_DELSETELEM: "set element",
	unix.NFT_MSG_NEWOBJ: "object", unix.NFT_MSG_DELOBJ: "object",
}

func msgName(m uint8) string {
	if n, ok := msgNames[m]; ok {
		return n
	}
	return fmt.Sprintf("message %d", m)
}
