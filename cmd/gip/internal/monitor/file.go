package monitor

import (
	"encoding/binary"
	"strconv"
	"time"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	tcmonitor "github.com/gip-suite/gip/cmd/gip/internal/tc/monitor"
	"github.com/gip-suite/gip/internal/nl"
)

// nlmsgTstamp is the message rtmon writes before each event it records:
// the time it received it, seconds and microseconds (NLMSG_TSTAMP).
const nlmsgTstamp = 15

// replay prints the events of an rtmon capture, as ip monitor file does:
// every object whatever the words name (dev still selects), each event
// after the "Timestamp: ... us" line of the time rtmon recorded it. Under
// -j that time is the "timestamp" of the events that follow.
func replay(e *env.Env, o *options) error {
	if err := e.Links().Preload(); err != nil {
		return fail.Kernel(err)
	}
	if o.objs != objXfrm {
		o.objs = objIP
	}
	m := newMonitor(e, o)
	err := tcmonitor.ReadFile(o.file, func(msg nl.Message) error {
		if msg.Header.Type == nlmsgTstamp {
			return m.recorded(msg)
		}
		return m.print(msg, false, false)
	}, fail.Localf)
	if ferr := m.flush(); err == nil {
		err = ferr
	}
	return err
}

// recorded notes when rtmon recorded the next events: ip's line in text,
// their envelopes' "timestamp" under -j.
func (m *monitor) recorded(msg nl.Message) error {
	if len(msg.Data) < 8 {
		return nil
	}
	secs := binary.NativeEndian.Uint32(msg.Data)
	usecs := binary.NativeEndian.Uint32(msg.Data[4:])
	t := time.Unix(int64(secs), int64(usecs)*1000)
	if m.e.G.JSON {
		m.out.stamp = t
		return nil
	}
	return m.out.text("Timestamp: " + t.Format("Mon Jan _2 15:04:05 2006") + " " + strconv.FormatUint(uint64(usecs), 10) + " us")
}
