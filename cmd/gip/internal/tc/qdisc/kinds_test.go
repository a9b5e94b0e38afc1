package qdisc

import (
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// optionsPayload is what an options value sends as the payload of
// TCA_OPTIONS (nil when it sends no attribute).
func optionsPayload(t *testing.T, o rtnl.TCOptions) []byte {
	e := nl.NewAttrEncoder(nil)
	o.Encode(e)
	b, err := e.Encode()
	if err != nil {
		t.Fatalf("%T: encode: %v", o, err)
	}
	d := nl.NewAttrDecoder(b)
	if !d.Next() {
		return nil
	}
	return d.Bytes()
}

// roundTrips are the options halves of every kind that sends options
// (not those gip treats as unknown, which send none).
func roundTrips() map[string]func() rtnl.TCOptions {
	m := map[string]func() rtnl.TCOptions{}
	for _, name := range Kinds() {
		k := Lookup(name)
		if _, raw := k.New().(*rtnl.UnknownOptions); k.Parse != nil && !raw {
			m[name] = k.New
		}
		if k.Class != nil {
			m[name+" class"] = k.Class.New
		}
	}
	return m
}

// FuzzKindRoundTrip decodes arbitrary bytes as every kind's options, then
// checks that what the options encode decodes to the same options.
func FuzzKindRoundTrip(f *testing.F) {
	f.Add([]byte{100, 0, 0, 0})
	f.Add([]byte{3, 0, 0, 0, 1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 4, 0, 1, 0})
	f.Add([]byte{24, 0, 2, 0, 3, 0, 0, 0, 10, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 5, 0, 232, 3, 0, 0, 4, 0, 9, 0})
	f.Add([]byte{12, 0, 6, 0, 0, 0, 0, 1, 0, 0, 0, 0})
	kinds := roundTrips()
	f.Fuzz(func(t *testing.T, b []byte) {
		for name, mk := range kinds {
			first := mk()
			if first.Decode(b) != nil {
				continue
			}
			second := mk()
			payload := optionsPayload(t, first)
			if err := second.Decode(payload); err != nil && payload != nil {
				t.Fatalf("%s: %x decodes to %+v, which encodes to %x, which does not decode: %v", name, b, first, payload, err)
			}
			if payload != nil && !equal(first, second) {
				t.Fatalf("%s: %x decodes to %+v, encodes to %x, decodes to %+v", name, b, first, payload, second)
			}
		}
	})
}

// equal compares two options of the same kind (comparable structs behind
// pointers, or comparable values).
func equal(a, b rtnl.TCOptions) bool {
	switch x := a.(type) {
	case *rtnl.Fifo:
		return *x == *b.(*rtnl.Fifo)
	case *rtnl.Prio:
		return *x == *b.(*rtnl.Prio)
	case *rtnl.HTB:
		return *x == *b.(*rtnl.HTB)
	case *rtnl.HTBClass:
		return *x == *b.(*rtnl.HTBClass)
	case *rtnl.TBF:
		return *x == *b.(*rtnl.TBF)
	case *rtnl.Netem:
		return *x == *b.(*rtnl.Netem)
	case *rtnl.FqCodel:
		return *x == *b.(*rtnl.FqCodel)
	case *rtnl.Fq:
		return *x == *b.(*rtnl.Fq)
	case *rtnl.SFQ:
		return *x == *b.(*rtnl.SFQ)
	case *rtnl.Codel:
		return *x == *b.(*rtnl.Codel)
	case *rtnl.RED:
		return *x == *b.(*rtnl.RED)
	case *rtnl.Pie:
		return *x == *b.(*rtnl.Pie)
	case *rtnl.FqPie:
		return *x == *b.(*rtnl.FqPie)
	case *rtnl.Cake:
		return *x == *b.(*rtnl.Cake)
	case *rtnl.ETS:
		return *x == *b.(*rtnl.ETS)
	case *rtnl.ETSClass:
		return *x == *b.(*rtnl.ETSClass)
	case *rtnl.MQPrio:
		return *x == *b.(*rtnl.MQPrio)
	case *rtnl.DRR:
		return *x == *b.(*rtnl.DRR)
	case *rtnl.DRRClass:
		return *x == *b.(*rtnl.DRRClass)
	case *rtnl.HFSC:
		return *x == *b.(*rtnl.HFSC)
	case *rtnl.HFSCClass:
		return *x == *b.(*rtnl.HFSCClass)
	}
	return a == b
}

func TestEveryKindRoundTrips(t *testing.T) {
	for name, mk := range roundTrips() {
		o := mk()
		if _, ok := any(o).(interface{ Encode(*nl.AttrEncoder) }); !ok {
			t.Errorf("%s: no encoder", name)
		}
		if !equal(o, mk()) {
			t.Errorf("%s: options of the kind are not comparable by equal", name)
		}
	}
}
