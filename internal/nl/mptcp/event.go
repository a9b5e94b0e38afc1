package mptcp

import (
	"fmt"
	"net/netip"

	"github.com/gip-suite/gip/internal/nl"
)

// EventGroup is the multicast group of the path manager's events
// (MPTCP_PM_EV_GRP_NAME).
const EventGroup = "mptcp_pm_events"

// EventType is an event's command (MPTCP_EVENT_*).
type EventType uint8

// The events.
const (
	EventCreated         EventType = 1
	EventEstablished     EventType = 2
	EventClosed          EventType = 3
	EventAnnounced       EventType = 6
	EventRemoved         EventType = 7
	EventSubEstablished  EventType = 10
	EventSubClosed       EventType = 11
	EventSubPriority     EventType = 13
	EventListenerCreated EventType = 15
	EventListenerClosed  EventType = 16
)

// EventAttr is an attribute of an event (MPTCP_ATTR_*).
type EventAttr uint16

// The attributes of events.
const (
	AttrToken       EventAttr = 1  // u32
	AttrFamily      EventAttr = 2  // u16
	AttrLocID       EventAttr = 3  // u8
	AttrRemID       EventAttr = 4  // u8
	AttrSaddr4      EventAttr = 5  // be32
	AttrSaddr6      EventAttr = 6  // in6_addr
	AttrDaddr4      EventAttr = 7  // be32
	AttrDaddr6      EventAttr = 8  // in6_addr
	AttrSport       EventAttr = 9  // be16
	AttrDport       EventAttr = 10 // be16
	AttrBackup      EventAttr = 11 // u8
	AttrError       EventAttr = 12 // u8
	AttrFlags       EventAttr = 13 // u16
	AttrTimeout     EventAttr = 14 // u32
	AttrIfIndex     EventAttr = 15 // s32
	AttrResetReason EventAttr = 16 // u32
	AttrResetFlags  EventAttr = 17 // u32
	AttrServerSide  EventAttr = 18 // u8
)

// Event is one notification of the path manager. An attribute the kernel
// did not send is zero, and Has says so.
type Event struct {
	Type         EventType
	Token        uint32
	Family       uint16
	LocID, RemID uint8
	Saddr, Daddr netip.Addr // from the 4 or the 6 attribute, as sent
	Sport, Dport uint16
	Backup       uint8
	Error        uint8
	Flags        uint16
	Timeout      uint32
	IfIndex      int32
	ResetReason  uint32
	ResetFlags   uint32
	ServerSide   uint8

	has uint32 // bit n: attribute n was sent
}

// Has reports whether the kernel sent attribute a.
func (ev *Event) Has(a EventAttr) bool { return a < 32 && ev.has&(1<<a) != 0 }

// Set marks attribute a as sent (the field must be set too): for tests
// and fakes.
func (ev *Event) Set(a EventAttr) { ev.has |= 1 << a }

// ParseEvent decodes an event of type typ from its attributes.
func ParseEvent(typ uint8, attrs []byte) (Event, error) {
	ev := Event{Type: EventType(typ)}
	d := nl.NewAttrDecoder(attrs)
	for d.Next() {
		a := EventAttr(d.Type())
		switch a {
		case AttrToken:
			ev.Token = d.Uint32()
		case AttrFamily:
			ev.Family = d.Uint16()
		case AttrLocID:
			ev.LocID = d.Uint8()
		case AttrRemID:
			ev.RemID = d.Uint8()
		case AttrSaddr4, AttrSaddr6:
			ev.Saddr = d.Addr()
		case AttrDaddr4, AttrDaddr6:
			ev.Daddr = d.Addr()
		case AttrSport:
			ev.Sport = d.Uint16BE()
		case AttrDport:
			ev.Dport = d.Uint16BE()
		case AttrBackup:
			ev.Backup = d.Uint8()
		case AttrError:
			ev.Error = d.Uint8()
		case AttrFlags:
			ev.Flags = d.Uint16()
		case AttrTimeout:
			ev.Timeout = d.Uint32()
		case AttrIfIndex:
			ev.IfIndex = d.Int32()
		case AttrResetReason:
			ev.ResetReason = d.Uint32()
		case AttrResetFlags:
			ev.ResetFlags = d.Uint32()
		case AttrServerSide:
			ev.ServerSide = d.Uint8()
		default:
			continue
		}
		ev.Set(a)
	}
	if err := d.Err(); err != nil {
		return Event{}, fmt.Errorf("mptcp: decoding an event: %w", err)
	}
	return ev, nil
}
