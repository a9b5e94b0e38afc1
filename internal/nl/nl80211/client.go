package nl80211

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"os"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// FamilyName is the generic netlink family of cfg80211.
const FamilyName = unix.NL80211_GENL_NAME

// Multicast groups of the family.
const (
	GroupConfig = unix.NL80211_MULTICAST_GROUP_CONFIG
	GroupScan   = unix.NL80211_MULTICAST_GROUP_SCAN
	GroupReg    = unix.NL80211_MULTICAST_GROUP_REG
	GroupMLME   = unix.NL80211_MULTICAST_GROUP_MLME
)

// ErrNotFound is returned by Dial when the kernel has no nl80211 family
// (no cfg80211). It matches genl.ErrFamilyNotFound and os.ErrNotExist.
var ErrNotFound = fmt.Errorf("nl80211 not found: %w", genl.ErrFamilyNotFound)

// ErrNoDevice is returned when a named interface or wiphy does not exist
// (as a wireless device) in the socket's namespace. It matches unix.ENODEV.
var ErrNoDevice = unix.ENODEV

// Client is a socket bound to the nl80211 family. One goroutine drives it
// at a time.
type Client struct {
	c     *genl.Conn
	cfg   nl.Config
	debug io.Writer
	// wdev, when set, addresses every request to this wireless device
	// instead of the interface index it names (see OnWdev).
	wdev *uint64
}

// Dial opens an nl80211 socket configured by cfg (nil for the caller's
// namespace and defaults).
func Dial(cfg *nl.Config) (*Client, error) {
	var conf nl.Config
	if cfg != nil {
		conf = *cfg
	}
	c, err := genl.Dial(FamilyName, &conf)
	if err != nil {
		if errors.Is(err, genl.ErrFamilyNotFound) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	return &Client{c: c, cfg: conf}, nil
}

// NewClient binds an already open generic netlink Conn (for nl80211) into a
// Client, for tests with a fake kernel.
func NewClient(c *genl.Conn) *Client { return &Client{c: c} }

// Close closes the socket.
func (c *Client) Close() error { return c.c.Close() }

// SetDebug traces every message of the Client's sockets, including those
// it opens to wait for events, to w (nil turns it off).
func (c *Client) SetDebug(w io.Writer) {
	c.debug = w
	c.c.NL().SetDebug(w)
}

// OnWdev returns a Client on the same socket whose requests address the
// wireless device id (NL80211_ATTR_WDEV, as "iw wdev ID ..."), which may
// have no network interface (a P2P or NAN device): the wdev comes first in
// every request, and the interface index given to its methods is left out.
func (c *Client) OnWdev(id uint64) *Client {
	w := *c
	w.wdev = &id
	return &w
}

// fromDevice returns a test for events about the device the Client's
// requests address: the wdev of OnWdev (a P2P device's events carry no
// interface index), else the interface ifindex.
func (c *Client) fromDevice(ifindex int) func(attrs []byte) bool {
	if c.wdev != nil {
		want := *c.wdev
		return func(b []byte) bool {
			id, ok := eventWdev(b)
			return ok && id == want
		}
	}
	return func(b []byte) bool { return eventIfindex(b) == ifindex }
}

// Conn returns the generic netlink Conn underneath.
func (c *Client) Conn() *genl.Conn { return c.c }

// listen opens a second socket joined to the named multicast groups, in the
// same namespace as the Client. Events must be listened for before the
// request that causes them is sent.
func (c *Client) listen(groups ...string) (*genl.Conn, error) {
	fam := c.c.Family()
	cfg := c.cfg
	cfg.Groups = nil
	for _, g := range groups {
		id, ok := fam.Group(g)
		if !ok {
			return nil, fmt.Errorf("nl80211: the kernel's nl80211 has no multicast group %q", g)
		}
		cfg.Groups = append(cfg.Groups, id)
	}
	s, err := nl.Dial(nl.Generic, &cfg)
	if err != nil {
		return nil, err
	}
	if c.debug != nil {
		s.SetDebug(c.debug)
	}
	return genl.NewConn(s, fam), nil
}

// attrs is a small helper to encode request attributes.
func attrs(fn func(e *nl.AttrEncoder)) ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	if fn != nil {
		fn(e)
	}
	b, err := e.Encode()
	if err != nil {
		return nil, fmt.Errorf("nl80211: encoding request: %w", err)
	}
	return b, nil
}

func ifindexAttrs(ifindex int) func(*nl.AttrEncoder) {
	return func(e *nl.AttrEncoder) { e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex)) }
}

// request encodes a request's attributes, addressed to the Client's wdev
// if it has one.
func (c *Client) request(fn func(e *nl.AttrEncoder)) ([]byte, error) {
	b, err := attrs(fn)
	if err != nil || c.wdev == nil {
		return b, err
	}
	return addressWdev(b, *c.wdev)
}

// addressWdev puts NL80211_ATTR_WDEV id first in encoded request
// attributes, as iw does, and drops their top-level NL80211_ATTR_IFINDEX.
func addressWdev(b []byte, id uint64) ([]byte, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint64(unix.NL80211_ATTR_WDEV, id)
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() != unix.NL80211_ATTR_IFINDEX {
			e.Bytes(d.RawType(), d.Bytes())
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("nl80211: addressing wdev 0x%x: %w", id, err)
	}
	out, err := e.Encode()
	if err != nil {
		return nil, fmt.Errorf("nl80211: encoding request: %w", err)
	}
	return out, nil
}

// execute runs a command and returns its replies.
func (c *Client) execute(cmd uint8, fn func(e *nl.AttrEncoder)) ([]genl.Message, error) {
	b, err := c.request(fn)
	if err != nil {
		return nil, err
	}
	return c.c.Execute(cmd, 0, b)
}

// dump runs a command as a dump.
func (c *Client) dump(cmd uint8, fn func(e *nl.AttrEncoder)) iter.Seq2[genl.Message, error] {
	b, err := c.request(fn)
	if err != nil {
		return func(yield func(genl.Message, error) bool) { yield(genl.Message{}, err) }
	}
	return c.c.Dump(cmd, b)
}

// dumpEach runs a dump and hands each message to fn. When the kernel marks
// the dump interrupted (the table changed while it was read, which the scan
// table does with every beacon) it starts over, calling reset first, up to
// nl.DumpRetries times; after that it keeps the last data, complete but
// perhaps inconsistent, as iw does.
func (c *Client) dumpEach(cmd uint8, fn func(e *nl.AttrEncoder), reset func(), each func(genl.Message) error) error {
	for try := 0; ; try++ {
		reset()
		interrupted := false
		for m, err := range c.dump(cmd, fn) {
			if errors.Is(err, nl.ErrDumpInterrupted) {
				interrupted = true
				break
			}
			if err != nil {
				return err
			}
			if err := each(m); err != nil {
				return err
			}
		}
		if !interrupted || try >= nl.DumpRetries {
			return nil
		}
	}
}

// CommandName returns the name of an nl80211 command, lower-case without
// its prefix ("trigger_scan"), or "Unknown command (N)".
func CommandName(cmd uint32) string {
	if int(cmd) < len(commandNames) && commandNames[cmd] != "" {
		return commandNames[cmd]
	}
	return fmt.Sprintf("Unknown command (%d)", cmd)
}

// isNotExist reports errors that mean "no such object".
func isNotExist(err error) bool {
	return errors.Is(err, os.ErrNotExist) || errors.Is(err, unix.ENODEV)
}
