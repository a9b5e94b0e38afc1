package nl80211

import (
	"encoding/binary"
	"fmt"
	"net"

	"github.com/gip-suite/gip/internal/nl"
	"golang.org/x/sys/unix"
)

// WoWLAN is the set of triggers that wake the system from suspend
// (NL80211_ATTR_WOWLAN_TRIGGERS).
type WoWLAN struct {
	Any, Disconnect, MagicPacket, GTKRekeyFailure bool
	EAPIdentityRequest, FourWayHandshake          bool
	RFKillRelease                                 bool
	// NetDetect wakes on finding a network with a scheduled scan.
	NetDetect *SchedScanRequest
	Patterns  []PacketPattern
	TCP       *WoWLANTCP
}

// WoWLANTCP is a TCP connection the device keeps while suspended, sending
// DataPayload every DataInterval seconds and waking on a packet that
// matches WakePayload (enum nl80211_wowlan_tcp_attrs). Nil fields are left
// out.
type WoWLANTCP struct {
	SrcIPv4, DstIPv4 net.IP // four bytes
	SrcPort, DstPort *uint16
	DstMAC           net.HardwareAddr
	DataPayload      []byte
	DataInterval     *uint32
	WakeMask         []byte
	WakePayload      []byte
	DataSeq          *WoWLANTCPSeq
	DataToken        *WoWLANTCPToken
}

// WoWLANTCPSeq puts a sequence number of Len bytes at Offset in the
// payload, starting at Start (struct nl80211_wowlan_tcp_data_seq).
type WoWLANTCPSeq struct{ Start, Offset, Len uint32 }

// WoWLANTCPToken puts tokens of Len bytes from Stream at Offset in the
// payload (struct nl80211_wowlan_tcp_data_token).
type WoWLANTCPToken struct {
	Offset, Len uint32
	Stream      []byte
}

func (w *WoWLAN) encode(e *nl.AttrEncoder) {
	e.Nest(unix.NL80211_ATTR_WOWLAN_TRIGGERS)
	for _, f := range []struct {
		on  bool
		typ uint16
	}{
		{w.Any, unix.NL80211_WOWLAN_TRIG_ANY},
		{w.Disconnect, unix.NL80211_WOWLAN_TRIG_DISCONNECT},
		{w.MagicPacket, unix.NL80211_WOWLAN_TRIG_MAGIC_PKT},
		{w.GTKRekeyFailure, unix.NL80211_WOWLAN_TRIG_GTK_REKEY_FAILURE},
		{w.EAPIdentityRequest, unix.NL80211_WOWLAN_TRIG_EAP_IDENT_REQUEST},
		{w.FourWayHandshake, unix.NL80211_WOWLAN_TRIG_4WAY_HANDSHAKE},
		{w.RFKillRelease, unix.NL80211_WOWLAN_TRIG_RFKILL_RELEASE},
	} {
		if f.on {
			e.Flag(f.typ)
		}
	}
	if w.TCP != nil {
		e.Nest(unix.NL80211_WOWLAN_TRIG_TCP_CONNECTION)
		w.TCP.encode(e)
		e.Unnest()
	}
	if w.NetDetect != nil {
		e.Nest(unix.NL80211_WOWLAN_TRIG_NET_DETECT)
		w.NetDetect.encodeScan(e)
		e.Unnest()
	}
	if w.Patterns != nil {
		encodePatterns(e, unix.NL80211_WOWLAN_TRIG_PKT_PATTERN, w.Patterns)
	}
	e.Unnest()
}

func (t *WoWLANTCP) encode(e *nl.AttrEncoder) {
	if t.SrcIPv4 != nil {
		e.Bytes(unix.NL80211_WOWLAN_TCP_SRC_IPV4, t.SrcIPv4.To4())
	}
	if t.SrcPort != nil {
		e.Uint16(unix.NL80211_WOWLAN_TCP_SRC_PORT, *t.SrcPort)
	}
	if t.DstIPv4 != nil {
		e.Bytes(unix.NL80211_WOWLAN_TCP_DST_IPV4, t.DstIPv4.To4())
	}
	if t.DstPort != nil {
		e.Uint16(unix.NL80211_WOWLAN_TCP_DST_PORT, *t.DstPort)
	}
	if t.DstMAC != nil {
		e.Bytes(unix.NL80211_WOWLAN_TCP_DST_MAC, t.DstMAC)
	}
	if t.DataPayload != nil {
		e.Bytes(unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD, t.DataPayload)
	}
	if t.DataInterval != nil {
		e.Uint32(unix.NL80211_WOWLAN_TCP_DATA_INTERVAL, *t.DataInterval)
	}
	if t.WakePayload != nil {
		e.Bytes(unix.NL80211_WOWLAN_TCP_WAKE_MASK, t.WakeMask)
		e.Bytes(unix.NL80211_WOWLAN_TCP_WAKE_PAYLOAD, t.WakePayload)
	}
	if s := t.DataSeq; s != nil {
		e.Bytes(unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD_SEQ, binary.NativeEndian.AppendUint32(
			binary.NativeEndian.AppendUint32(binary.NativeEndian.AppendUint32(nil, s.Start), s.Offset), s.Len))
	}
	if k := t.DataToken; k != nil {
		b := binary.NativeEndian.AppendUint32(binary.NativeEndian.AppendUint32(nil, k.Offset), k.Len)
		e.Bytes(unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD_TOKEN, append(b, k.Stream...))
	}
}

// SetWoWLAN sets the wake-up triggers of a wiphy; nil disables WoWLAN.
func (c *Client) SetWoWLAN(wiphy int, w *WoWLAN) error {
	_, err := c.execute(unix.NL80211_CMD_SET_WOWLAN, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
		if w != nil {
			w.encode(e)
		}
	})
	return err
}

// WoWLAN returns the wake-up triggers of a wiphy; nil when WoWLAN is
// disabled.
func (c *Client) WoWLAN(wiphy int) (*WoWLAN, error) {
	msgs, err := c.execute(unix.NL80211_CMD_GET_WOWLAN, func(e *nl.AttrEncoder) {
		e.Uint32(unix.NL80211_ATTR_WIPHY, uint32(wiphy))
	})
	if err != nil || len(msgs) == 0 {
		return nil, err
	}
	return ParseWoWLAN(msgs[0].Attrs)
}

// ParseWoWLAN decodes the attributes of an NL80211_CMD_GET_WOWLAN answer;
// nil when they carry no triggers (WoWLAN is disabled).
func ParseWoWLAN(b []byte) (*WoWLAN, error) {
	var w *WoWLAN
	d := nl.NewAttrDecoder(b)
	for d.Next() {
		if d.Type() != unix.NL80211_ATTR_WOWLAN_TRIGGERS {
			continue
		}
		w = &WoWLAN{}
		d.Decode(func(t *nl.AttrDecoder) error { return w.merge(t) })
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("nl80211: decoding WoWLAN triggers: %w", err)
	}
	return w, nil
}

func (w *WoWLAN) merge(t *nl.AttrDecoder) error {
	for t.Next() {
		switch t.Type() {
		case unix.NL80211_WOWLAN_TRIG_ANY:
			w.Any = true
		case unix.NL80211_WOWLAN_TRIG_DISCONNECT:
			w.Disconnect = true
		case unix.NL80211_WOWLAN_TRIG_MAGIC_PKT:
			w.MagicPacket = true
		case unix.NL80211_WOWLAN_TRIG_GTK_REKEY_FAILURE:
			w.GTKRekeyFailure = true
		case unix.NL80211_WOWLAN_TRIG_EAP_IDENT_REQUEST:
			w.EAPIdentityRequest = true
		case unix.NL80211_WOWLAN_TRIG_4WAY_HANDSHAKE:
			w.FourWayHandshake = true
		case unix.NL80211_WOWLAN_TRIG_RFKILL_RELEASE:
			w.RFKillRelease = true
		case unix.NL80211_WOWLAN_TRIG_NET_DETECT:
			w.NetDetect = &SchedScanRequest{}
			t.Decode(func(a *nl.AttrDecoder) error { return w.NetDetect.merge(a) })
		case unix.NL80211_WOWLAN_TRIG_PKT_PATTERN:
			w.Patterns = parsePatterns(t)
		case unix.NL80211_WOWLAN_TRIG_TCP_CONNECTION:
			w.TCP = &WoWLANTCP{}
			t.Decode(func(a *nl.AttrDecoder) error { return w.TCP.merge(a) })
		}
	}
	return nil
}

// merge decodes what a net-detect trigger reports of its scan: the
// interval, the delay, the SSIDs to match and the frequencies.
func (r *SchedScanRequest) merge(a *nl.AttrDecoder) error {
	for a.Next() {
		switch a.Type() {
		case unix.NL80211_ATTR_SCHED_SCAN_INTERVAL:
			r.Interval = ptr(a.Uint32())
		case unix.NL80211_ATTR_SCHED_SCAN_DELAY:
			r.Delay = ptr(a.Uint32())
		case unix.NL80211_ATTR_SCHED_SCAN_MATCH:
			r.Matches = [][]byte{}
			a.Decode(func(ms *nl.AttrDecoder) error {
				for ms.Next() {
					var ssid []byte
					ms.Decode(func(m *nl.AttrDecoder) error {
						for m.Next() {
							if m.Type() == unix.NL80211_SCHED_SCAN_MATCH_ATTR_SSID {
								ssid = append([]byte{}, m.Bytes()...)
							}
						}
						return nil
					})
					r.Matches = append(r.Matches, ssid)
				}
				return nil
			})
		case unix.NL80211_ATTR_SCAN_FREQUENCIES:
			r.Freqs = []uint32{}
			a.Decode(func(fs *nl.AttrDecoder) error {
				for fs.Next() {
					r.Freqs = append(r.Freqs, fs.Uint32())
				}
				return nil
			})
		}
	}
	return nil
}

func (t *WoWLANTCP) merge(a *nl.AttrDecoder) error {
	for a.Next() {
		switch a.Type() {
		case unix.NL80211_WOWLAN_TCP_SRC_IPV4:
			t.SrcIPv4 = net.IP(append([]byte{}, a.Bytes()...))
		case unix.NL80211_WOWLAN_TCP_DST_IPV4:
			t.DstIPv4 = net.IP(append([]byte{}, a.Bytes()...))
		case unix.NL80211_WOWLAN_TCP_SRC_PORT:
			t.SrcPort = ptr(a.Uint16())
		case unix.NL80211_WOWLAN_TCP_DST_PORT:
			t.DstPort = ptr(a.Uint16())
		case unix.NL80211_WOWLAN_TCP_DST_MAC:
			t.DstMAC = net.HardwareAddr(append([]byte{}, a.Bytes()...))
		case unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD:
			t.DataPayload = append([]byte{}, a.Bytes()...)
		case unix.NL80211_WOWLAN_TCP_DATA_INTERVAL:
			t.DataInterval = ptr(a.Uint32())
		case unix.NL80211_WOWLAN_TCP_WAKE_MASK:
			t.WakeMask = append([]byte{}, a.Bytes()...)
		case unix.NL80211_WOWLAN_TCP_WAKE_PAYLOAD:
			t.WakePayload = append([]byte{}, a.Bytes()...)
		case unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD_SEQ:
			if b := a.Bytes(); len(b) >= 12 {
				u := binary.NativeEndian.Uint32
				t.DataSeq = &WoWLANTCPSeq{Start: u(b), Offset: u(b[4:]), Len: u(b[8:])}
			}
		case unix.NL80211_WOWLAN_TCP_DATA_PAYLOAD_TOKEN:
			if b := a.Bytes(); len(b) >= 8 {
				u := binary.NativeEndian.Uint32
				t.DataToken = &WoWLANTCPToken{Offset: u(b), Len: u(b[4:]), Stream: append([]byte{}, b[8:]...)}
			}
		}
	}
	return nil
}
