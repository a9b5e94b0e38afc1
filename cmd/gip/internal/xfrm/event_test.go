package xfrm

import (
	"encoding/binary"
	"io"
	"testing"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/xfrm"
)

// TestDecodeNotices prints the notifications the tests against ip cannot
// make the kernel send (asynchronous events, mappings, unknown types)
// as ip xfrm monitor's code prints them, and their JSON.
func TestDecodeNotices(t *testing.T) {
	be, ne := binary.BigEndian, binary.NativeEndian
	said := func(b []byte) {
		copy(b, []byte{10, 0, 0, 2})
		be.PutUint32(b[16:], 0x1234)
		ne.PutUint16(b[20:], 2)
		b[22] = xfrm.ProtoESP
	}
	ae := make([]byte, 48)
	said(ae)
	copy(ae[24:], []byte{10, 0, 0, 1})
	ne.PutUint32(ae[40:], xfrm.AEReplayUpdate|xfrm.AETimerExpired)
	ne.PutUint32(ae[44:], 9)
	mapping := make([]byte, 64)
	said(mapping)
	ne.PutUint32(mapping[24:], 5)
	copy(mapping[28:], []byte{192, 0, 2, 1})
	copy(mapping[44:], []byte{192, 0, 2, 9})
	be.PutUint16(mapping[60:], 4500)
	be.PutUint16(mapping[62:], 4501)
	for _, c := range []struct {
		typ        uint16
		data       []byte
		text, json string
	}{
		{xfrm.MsgNewAE, ae, "Async event  (0x30)  replay update  timer expired \n\tsrc 10.0.0.1 dst 10.0.0.2  reqid 0x9 protocol esp  SPI 0x1234\n",
			`{"flags":48,"reasons":["replay update","timer expired"],"src":"10.0.0.1","dst":"10.0.0.2","reqid":9,"protocol":"esp","spi":4660}`},
		{xfrm.MsgMapping, mapping, "Mapping change 192.0.2.1:4500 -> 192.0.2.9:4501\n\tdst 10.0.0.2  reqid 0x5 protocol esp  SPI 0x1234\n",
			`{"old-src":"192.0.2.1","old-sport":4500,"new-src":"192.0.2.9","new-sport":4501,"dst":"10.0.0.2","reqid":5,"protocol":"esp","spi":4660}`},
		{xfrm.MsgFlushSA, []byte{xfrm.ProtoIPsecAny}, "Flushed state proto ipsec-any\n", `{"proto":"ipsec-any"}`},
		{xfrm.MsgFlushPolicy, nil, "Flushed policy \n", `{}`},
		{0x99, nil, "Unknown message: 00000016 0x00000099 0x00000000\n", `{"len":16,"type":153,"flags":0}`},
	} {
		msg := nl.Message{Header: nl.Header{Type: c.typ, Length: uint32(16 + len(c.data))}, Data: c.data}
		for _, js := range []bool{false, true} {
			e := &env.Env{G: &env.Global{JSON: js}, Stdout: io.Discard, Stderr: io.Discard}
			n, err := Decode(e, msg, false)
			if err != nil {
				t.Fatalf("%#x: %v", c.typ, err)
			}
			var got string
			if js {
				w := format.NewJSONWriter(false)
				w.StartObject()
				n.Rec.Fields(format.NewJSONFields(w, format.Normal))
				w.EndObject()
				got = string(w.Bytes())
			} else {
				tx := format.NewText(format.Normal, false)
				n.Rec.Fields(format.NewTextFields(tx))
				got = string(*tx.Bytes())
			}
			if want := map[bool]string{false: c.text, true: c.json}[js]; got != want {
				t.Errorf("%#x (json %v):\n got %q\nwant %q", c.typ, js, got, want)
			}
		}
	}
}
