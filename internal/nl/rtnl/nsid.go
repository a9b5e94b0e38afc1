package rtnl

import (
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// rtgenLen is the size of struct rtgenmsg, padded.
const rtgenLen = 4

func nsidHeader() []byte { return make([]byte, rtgenLen) }

// NSIDByFD asks for the id the current namespace gives to the namespace
// open at fd (RTM_GETNSID with NETNSA_FD); -1 means none assigned.
func NSIDByFD(c *nl.Conn, fd int) (int32, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(unix.NETNSA_FD, uint32(fd))
	return getNSID(c, e)
}

// NSIDByPID is NSIDByFD for the namespace of process pid.
func NSIDByPID(c *nl.Conn, pid int) (int32, error) {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(unix.NETNSA_PID, uint32(pid))
	return getNSID(c, e)
}

func getNSID(c *nl.Conn, e *nl.AttrEncoder) (int32, error) {
	m, err := request(unix.RTM_GETNSID, 0, nsidHeader(), e)
	if err != nil {
		return -1, err
	}
	replies, err := c.Execute(m)
	if err != nil {
		return -1, err
	}
	for _, r := range replies {
		if r.Header.Type != unix.RTM_NEWNSID || len(r.Data) < rtgenLen {
			continue
		}
		d := nl.NewAttrDecoder(r.Data[rtgenLen:])
		for d.Next() {
			if d.Type() == unix.NETNSA_NSID {
				return d.Int32(), d.Err()
			}
		}
	}
	return -1, nil
}

// SetNSID gives the namespace open at fd the id nsid in the current
// namespace (RTM_NEWNSID).
func SetNSID(c *nl.Conn, fd int, nsid int32) error {
	e := nl.NewAttrEncoder(nil)
	e.Uint32(unix.NETNSA_FD, uint32(fd))
	e.Uint32(unix.NETNSA_NSID, uint32(nsid))
	m, err := request(unix.RTM_NEWNSID, FlagsAdd, nsidHeader(), e)
	if err != nil {
		return err
	}
	_, err = c.Execute(m)
	return err
}

// NSIDs dumps the ids the current namespace has assigned to others.
func NSIDs(c *nl.Conn) ([]int32, error) {
	m, err := request(unix.RTM_GETNSID, 0, nsidHeader(), nil)
	if err != nil {
		return nil, err
	}
	var out []int32
	for r, err := range c.Dump(m) {
		if err != nil {
			return out, err
		}
		if r.Header.Type != unix.RTM_NEWNSID || len(r.Data) < rtgenLen {
			continue
		}
		d := nl.NewAttrDecoder(r.Data[rtgenLen:])
		for d.Next() {
			if d.Type() == unix.NETNSA_NSID {
				out = append(out, d.Int32())
			}
		}
		if err := d.Err(); err != nil {
			return out, err
		}
	}
	return out, nil
}

// NSIDEvent is an RTM_NEWNSID or RTM_DELNSID notification: the current
// namespace gave an id to another (or took it back).
type NSIDEvent struct {
	Deleted bool  // RTM_DELNSID
	NSID    int32 // NETNSA_NSID; -1 (NETNSA_NSID_NOT_ASSIGNED) for none
	// Current is NETNSA_CURRENT_NSID, when sent.
	Current *int32
}

// ParseNSIDEvent decodes an RTM_NEWNSID or RTM_DELNSID message. A message
// without NETNSA_NSID is an error.
func ParseNSIDEvent(m nl.Message) (*NSIDEvent, error) {
	if len(m.Data) < rtgenLen {
		return nil, ErrShortHeader
	}
	ev := &NSIDEvent{Deleted: m.Header.Type == unix.RTM_DELNSID}
	seen := false
	d := nl.NewAttrDecoder(m.Data[rtgenLen:])
	for d.Next() {
		switch d.Type() {
		case unix.NETNSA_NSID:
			ev.NSID, seen = d.Int32(), true
		case unix.NETNSA_CURRENT_NSID:
			v := d.Int32()
			ev.Current = &v
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	if !seen {
		return nil, fmt.Errorf("rtnl: nsid notification without NETNSA_NSID")
	}
	return ev, nil
}
