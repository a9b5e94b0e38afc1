package ipset

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl"
)

// FuzzDecodeEntry feeds arbitrary bytes to the element decoder: it must
// return an error or an entry, never panic.
func FuzzDecodeEntry(f *testing.F) {
	for _, dg := range capturedListing(f) {
		f.Add(dg)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		en, err := DecodeEntry(b)
		if err != nil {
			return
		}
		if en.Ether != nil && len(en.Ether) != 6 {
			t.Fatalf("MAC of %d bytes", len(en.Ether))
		}
		if en.IP.IsValid() && !en.IP.Is4() && !en.IP.Is6() {
			t.Fatalf("address %v", en.IP)
		}
	})
}

// FuzzDecodeListMessage feeds arbitrary payloads, as a list message, to
// the listing decoder.
func FuzzDecodeListMessage(f *testing.F) {
	for _, dg := range capturedListing(f) {
		msgs, err := nl.ParseMessages(dg)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range msgs {
			f.Add(m.Data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		msg := nl.Message{Header: nl.Header{Type: 0x607}, Data: data}
		n := 0
		err := DecodeListMessage(msg, func(r Record) bool {
			if (r.Set == nil) == (r.Entry == nil) {
				t.Fatalf("record with both or neither: %+v", r)
			}
			if r.SetName == "" {
				t.Fatal("record without a set name")
			}
			n++
			return true
		})
		_ = err
	})
}

// FuzzFailedLine checks that any error reply's echoed request is read
// safely.
func FuzzFailedLine(f *testing.F) {
	f.Add([]byte{2, 0, 0, 0, 8, 0, 9, 0, 0, 0, 0, 5})
	f.Add([]byte{2, 0})
	f.Fuzz(func(t *testing.T, req []byte) {
		FailedLine(&nl.OpError{Op: "request", Err: ErrExist, Request: req})
	})
}
