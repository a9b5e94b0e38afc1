package nl80211

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// Event is a notification the kernel multicasts on nl80211's groups: scans
// starting and ending, connections, stations coming and going, interfaces
// added and removed, regulatory changes. Cmd says which; the fields the
// event carries are set, the others are nil or empty.
type Event struct {
	Cmd     uint8 // NL80211_CMD_*
	Wiphy   *int
	Ifindex *int
	WDev    *uint64
	Ifname  string
	// WiphyName is set for NEW_WIPHY (a rename).
	WiphyName string
	// MAC is the peer: the BSSID of a connection, a new or removed station.
	MAC        net.HardwareAddr
	Frame      []byte // the management frame of auth/assoc/deauth/disassoc events
	TimedOut   bool
	StatusCode *uint16
	ReasonCode *uint16
	ByAP       bool // a DISCONNECT the access point asked for
	ScanFreqs  []uint32
	ScanSSIDs  [][]byte
	IfType     *IfType
	FourAddr   *uint8
	MeshID     []byte
	// Regulatory changes (enum nl80211_reg_type and nl80211_reg_initiator).
	RegType      *uint8
	RegAlpha2    string
	RegInitiator *uint8
	Freq         *uint32
	Cookie       *uint64
	Ack          bool
}

// ParseEvent decodes a notification's attributes.
func ParseEvent(m genl.Message) (Event, error) {
	ev := Event{Cmd: m.Header.Command}
	d := nl.NewAttrDecoder(m.Attrs)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_WIPHY:
			ev.Wiphy = ptr(int(d.Uint32()))
		case unix.NL80211_ATTR_IFINDEX:
			ev.Ifindex = ptr(int(d.Uint32()))
		case unix.NL80211_ATTR_WDEV:
			ev.WDev = ptr(d.Uint64())
		case unix.NL80211_ATTR_IFNAME:
			ev.Ifname = d.String()
		case unix.NL80211_ATTR_WIPHY_NAME:
			ev.WiphyName = d.String()
		case unix.NL80211_ATTR_MAC:
			ev.MAC = hwaddr(d.Bytes())
		case unix.NL80211_ATTR_FRAME:
			ev.Frame = append([]byte{}, d.Bytes()...)
		case unix.NL80211_ATTR_TIMED_OUT:
			ev.TimedOut = true
		case unix.NL80211_ATTR_STATUS_CODE:
			ev.StatusCode = ptr(d.Uint16())
		case unix.NL80211_ATTR_REASON_CODE:
			ev.ReasonCode = ptr(d.Uint16())
		case unix.NL80211_ATTR_DISCONNECTED_BY_AP:
			ev.ByAP = true
		case unix.NL80211_ATTR_SCAN_FREQUENCIES:
			d.Decode(func(fs *nl.AttrDecoder) error {
				for fs.Next() {
					ev.ScanFreqs = append(ev.ScanFreqs, fs.Uint32())
				}
				return nil
			})
		case unix.NL80211_ATTR_SCAN_SSIDS:
			d.Decode(func(ss *nl.AttrDecoder) error {
				for ss.Next() {
					ev.ScanSSIDs = append(ev.ScanSSIDs, append([]byte{}, ss.Bytes()...))
				}
				return nil
			})
		case unix.NL80211_ATTR_IFTYPE:
			ev.IfType = ptr(IfType(d.Uint32()))
		case unix.NL80211_ATTR_4ADDR:
			ev.FourAddr = ptr(d.Uint8())
		case unix.NL80211_ATTR_MESH_ID:
			ev.MeshID = append([]byte{}, d.Bytes()...)
		case unix.NL80211_ATTR_REG_TYPE:
			ev.RegType = ptr(d.Uint8())
		case unix.NL80211_ATTR_REG_ALPHA2:
			ev.RegAlpha2 = d.String()
		case unix.NL80211_ATTR_REG_INITIATOR:
			ev.RegInitiator = ptr(uint8(d.Uint()))
		case unix.NL80211_ATTR_WIPHY_FREQ:
			ev.Freq = ptr(d.Uint32())
		case unix.NL80211_ATTR_COOKIE:
			ev.Cookie = ptr(d.Uint64())
		case unix.NL80211_ATTR_ACK:
			ev.Ack = true
		}
	}
	if err := d.Err(); err != nil {
		return Event{}, fmt.Errorf("nl80211: decoding %s event: %w", CommandName(uint32(ev.Cmd)), err)
	}
	return ev, nil
}

// EventGroups are the multicast groups Events listens to, as iw event does
// (those the kernel has; vendor and nan are optional).
var EventGroups = []string{GroupConfig, GroupScan, GroupReg, GroupMLME, "vendor", "nan"}

// Events listens to the kernel's nl80211 notifications and hands each to
// handle, until ctx ends (it then returns nil) or the socket fails. When the
// kernel had to drop notifications because the listener fell behind, lost
// is called and listening goes on: events are never lost silently. A
// notification that cannot be decoded is passed to lost too.
func (c *Client) Events(ctx context.Context, handle func(Event), lost func(error)) error {
	fam := c.c.Family()
	var groups []string
	for _, g := range EventGroups {
		if _, ok := fam.Group(g); ok {
			groups = append(groups, g)
		}
	}
	l, err := c.listen(groups...)
	if err != nil {
		return err
	}
	defer l.Close()
	return c.events(ctx, l, handle, lost)
}

func (c *Client) events(ctx context.Context, l *genl.Conn, handle func(Event), lost func(error)) error {
	stop := context.AfterFunc(ctx, func() { _ = l.SetReadDeadline(time.Now()) })
	defer stop()
	for {
		msgs, err := l.Receive()
		switch {
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, nl.ErrOverrun):
			lost(err)
			continue
		case err != nil:
			return err
		}
		for _, m := range msgs {
			ev, err := ParseEvent(m)
			if err != nil {
				lost(err)
				continue
			}
			handle(ev)
		}
	}
}

// ReadEvents is Events on a Conn already joined to the groups, for tests
// with a fake kernel.
func ReadEvents(ctx context.Context, l *genl.Conn, handle func(Event), lost func(error)) error {
	return (&Client{}).events(ctx, l, handle, lost)
}

// WatchMLME listens to the "mlme" group (connections, disconnections,
// authentication and association) and hands each event to handle until
// ctx ends. The socket is joined before WatchMLME returns, so events caused
// by requests sent after it are not missed; the reading goes on in a
// goroutine of its own. Events the kernel dropped or that cannot be decoded
// go to lost.
func (c *Client) WatchMLME(ctx context.Context, handle func(Event), lost func(error)) error {
	l, err := c.listen(GroupMLME)
	if err != nil {
		return err
	}
	go func() {
		defer l.Close()
		_ = c.events(ctx, l, handle, lost)
	}()
	return nil
}
