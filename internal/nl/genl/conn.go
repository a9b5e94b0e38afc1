package genl

import (
	"fmt"
	"iter"
	"time"

	"github.com/gip-suite/gip/internal/nl"
)

// Conn is a generic netlink socket bound to one family: its requests carry
// the family's id and version, its replies are returned without the netlink
// header. Like nl.Conn it is driven by one goroutine at a time.
type Conn struct {
	nl     *nl.Conn
	family Family
}

// Dial opens a generic netlink socket configured by cfg (which may be nil),
// resolves the family called name and joins the family's multicast groups
// named in groups. A family the kernel lacks is ErrFamilyNotFound; an
// unknown group name is an error too. cfg.Groups is ignored: group ids are
// only known after resolution.
func Dial(name string, cfg *nl.Config, groups ...string) (*Conn, error) {
	var c nl.Config
	if cfg != nil {
		c = *cfg
	}
	c.Groups = nil
	ctl, err := nl.Dial(nl.Generic, &c)
	if err != nil {
		return nil, err
	}
	fam, err := GetFamily(ctl, name)
	if err != nil {
		ctl.Close()
		return nil, err
	}
	if len(groups) == 0 {
		return &Conn{nl: ctl, family: fam}, nil
	}
	// Groups are joined when a socket is opened: open the family's own
	// socket now that their ids are known.
	ctl.Close()
	for _, g := range groups {
		id, ok := fam.Group(g)
		if !ok {
			return nil, fmt.Errorf("genl: family %s has no multicast group %q", name, g)
		}
		c.Groups = append(c.Groups, id)
	}
	sock, err := nl.Dial(nl.Generic, &c)
	if err != nil {
		return nil, err
	}
	return &Conn{nl: sock, family: fam}, nil
}

// NewConn binds an open netlink socket to a family already resolved, for
// tests with a fake kernel and for callers that resolve once and open
// several sockets.
func NewConn(c *nl.Conn, f Family) *Conn { return &Conn{nl: c, family: f} }

// Family returns the family the Conn is bound to.
func (c *Conn) Family() Family { return c.family }

// NL returns the netlink socket underneath.
func (c *Conn) NL() *nl.Conn { return c.nl }

// Close closes the socket.
func (c *Conn) Close() error { return c.nl.Close() }

// SetReadDeadline sets a deadline for reads; see nl.Conn.SetReadDeadline.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.nl.SetReadDeadline(t) }

func (c *Conn) request(cmd uint8, flags nl.Flags, attrs []byte) nl.Message {
	data := Header{Command: cmd, Version: uint8(c.family.Version)}.Append(make([]byte, 0, HeaderLen+len(attrs)))
	data = append(data, attrs...)
	return nl.Message{Header: nl.Header{Type: c.family.ID, Flags: flags}, Data: data}
}

// Execute sends command cmd with the encoded attributes attrs and waits for
// the acknowledgement, returning the replies that came before it. Refusals
// are *nl.OpError.
func (c *Conn) Execute(cmd uint8, flags nl.Flags, attrs []byte) ([]Message, error) {
	msgs, err := c.nl.Execute(c.request(cmd, flags, attrs))
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		if m.Header.Type != c.family.ID {
			continue
		}
		g, perr := Parse(m.Data)
		if perr != nil {
			if err == nil {
				err = perr
			}
			continue
		}
		out = append(out, g)
	}
	return out, err
}

// Dump runs command cmd as a dump and streams the replies. A message's Attrs
// alias the receive buffer and are valid until the loop body returns.
func (c *Conn) Dump(cmd uint8, attrs []byte) iter.Seq2[Message, error] {
	return func(yield func(Message, error) bool) {
		for m, err := range c.nl.Dump(c.request(cmd, 0, attrs)) {
			if err != nil {
				yield(Message{}, err)
				return
			}
			if m.Header.Type != c.family.ID {
				continue
			}
			g, err := Parse(m.Data)
			if !yield(g, err) || err != nil {
				return
			}
		}
	}
}

// Receive waits for the next datagram of multicast notifications and returns
// the family's messages in it (copied). Messages of other types are skipped.
func (c *Conn) Receive() ([]Message, error) {
	msgs, err := c.nl.Receive()
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		if m.Header.Type != c.family.ID {
			continue
		}
		g, perr := Parse(m.Data)
		if perr != nil {
			if err == nil {
				err = perr
			}
			continue
		}
		out = append(out, g)
	}
	return out, err
}
