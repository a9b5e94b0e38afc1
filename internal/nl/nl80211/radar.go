package nl80211

import (
	"context"
	"fmt"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/genl"
	"golang.org/x/sys/unix"
)

// RadarEvent is what the kernel reports about radar detection on a DFS
// channel (enum nl80211_radar_event).
type RadarEvent uint32

// Radar events.
const (
	RadarDetected    RadarEvent = unix.NL80211_RADAR_DETECTED
	RadarCACFinished RadarEvent = unix.NL80211_RADAR_CAC_FINISHED
	RadarCACAborted  RadarEvent = unix.NL80211_RADAR_CAC_ABORTED
	RadarNOPFinished RadarEvent = unix.NL80211_RADAR_NOP_FINISHED
)

// String says what happened in iw's words ("CAC finished").
func (r RadarEvent) String() string {
	switch r {
	case RadarDetected:
		return "radar detected"
	case RadarCACFinished:
		return "CAC finished"
	case RadarCACAborted:
		return "CAC was aborted"
	case RadarNOPFinished:
		return "NOP finished"
	}
	return "unknown radar event"
}

// Name is the event's stable name for JSON ("cac_finished").
func (r RadarEvent) Name() string {
	switch r {
	case RadarDetected:
		return "radar_detected"
	case RadarCACFinished:
		return "cac_finished"
	case RadarCACAborted:
		return "cac_aborted"
	case RadarNOPFinished:
		return "nop_finished"
	}
	return fmt.Sprintf("unknown_%d", uint32(r))
}

// StartRadarDetection starts a channel availability check, listening for
// radars on a DFS channel before an AP may use it
// (NL80211_CMD_RADAR_DETECT). Its end comes as an event.
func (c *Client) StartRadarDetection(ifindex int, ch ChanDef) error {
	_, err := c.execute(unix.NL80211_CMD_RADAR_DETECT, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_IFINDEX, uint32(ifindex))
		ch.encode(e)
	})
	return err
}

// CAC starts a channel availability check and waits for the first radar
// event on its control frequency (on the "mlme" group, joined before the
// check starts) that concerns it (one naming another interface does not):
// the check finished, was aborted, or found a radar. It waits until ctx
// ends.
func (c *Client) CAC(ctx context.Context, ifindex int, ch ChanDef) (RadarEvent, error) {
	l, err := c.listen(GroupMLME)
	if err != nil {
		return 0, err
	}
	defer l.Close()
	if err := c.StartRadarDetection(ifindex, ch); err != nil {
		return 0, err
	}
	var ev RadarEvent
	err = waitEvent(ctx, l, func(m genl.Message) (bool, error) {
		if m.Header.Command != unix.NL80211_CMD_RADAR_DETECT {
			return false, nil
		}
		// The check's end names the interface; a radar (and a
		// channel's non-occupancy ending) is the radio's own and names
		// none. An event of another interface is not this check's.
		if i := eventIfindex(m.Attrs); i > 0 && ifindex > 0 && i != ifindex {
			return false, nil
		}
		r, freq, ok := ParseRadarEvent(m.Attrs)
		if !ok || freq != ch.Freq {
			return false, nil
		}
		ev = r
		return true, nil
	})
	return ev, err
}

// ParseRadarEvent reads a RADAR_DETECT notification: the event and the
// control frequency it concerns; ok is false when either is missing or the
// attributes do not decode.
func ParseRadarEvent(b []byte) (ev RadarEvent, freq uint32, ok bool) {
	var haveEv, haveFreq bool
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		switch d.Type() {
		case unix.NL80211_ATTR_RADAR_EVENT:
			ev, haveEv = RadarEvent(d.Uint32()), true
		case unix.NL80211_ATTR_WIPHY_FREQ:
			freq, haveFreq = d.Uint32(), true
		}
	}
	return ev, freq, haveEv && haveFreq && d.Err() == nil
}
