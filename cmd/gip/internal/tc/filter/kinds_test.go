package filter

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// FuzzKindRoundTrip decodes arbitrary bytes as every filter kind's
// options and checks that what they encode decodes to the same options
// (actions compare as the raw list they encode).
func FuzzKindRoundTrip(f *testing.F) {
	f.Add([]byte{8, 0, 1, 0, 1, 0, 1, 0})
	f.Add([]byte{8, 0, 4, 0, 0, 1, 0, 0})
	// basic: an ematch tree of one cmp
	f.Add([]byte{44, 0, 2, 0, 8, 0, 1, 0, 1, 0, 1, 0, 32, 0, 2, 0, 28, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1})
	// fw's mask and indev, route's to and from
	f.Add([]byte{8, 0, 5, 0, 255, 0, 0, 0, 8, 0, 3, 0, 'v', '1', 0, 0})
	f.Add([]byte{8, 0, 2, 0, 5, 0, 0, 0, 8, 0, 3, 0, 3, 0, 0, 0})
	f.Add([]byte{32, 0, 5, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 10, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range Kinds() {
			k := Lookup(name)
			first := k.New()
			if first.Decode(b) != nil {
				continue
			}
			moveActions(first)
			e := nl.NewAttrEncoder(nil)
			first.Encode(e)
			enc, err := e.Encode()
			if err != nil {
				t.Fatalf("%s: encode %+v: %v", name, first, err)
			}
			d := nl.NewAttrDecoder(enc)
			if !d.Next() {
				continue
			}
			second := k.New()
			if err := second.Decode(d.Bytes()); err != nil {
				t.Fatalf("%s: %x decodes to %+v, encodes to %x, which does not decode: %v", name, b, first, enc, err)
			}
			moveActions(second)
			if !reflect.DeepEqual(first, second) {
				t.Fatalf("%s: %x decodes to %+v, encodes to %x, decodes to %+v", name, b, first, enc, second)
			}
		}
	})
}

// moveActions turns the raw action list a reply holds into the list a
// request encodes, so that a decoded filter can be encoded again; kernel
// reports (statistics) are dropped as they are not sent.
func moveActions(o rtnl.TCOptions) {
	conv := func(raw []byte) []rtnl.Action {
		acts, _, _ := rtnl.DecodeActions(raw)
		for i := range acts {
			acts[i].Options = rawAction(acts[i].RawOptions)
			acts[i].RawOptions, acts[i].Index, acts[i].Stats, acts[i].InHWCount = nil, rtnl.Opt[uint32]{}, nil, rtnl.Opt[uint32]{}
		}
		return acts
	}
	switch x := o.(type) {
	case *rtnl.U32Filter:
		x.Actions, x.ActionsRaw, x.Pcnt = conv(x.ActionsRaw), nil, nil
	case *rtnl.Matchall:
		x.Actions, x.ActionsRaw, x.Pcnt = conv(x.ActionsRaw), nil, rtnl.Opt[uint64]{}
	case *rtnl.FW:
		x.Actions, x.ActionsRaw = conv(x.ActionsRaw), nil
	case *rtnl.Route4:
		x.Actions, x.ActionsRaw = conv(x.ActionsRaw), nil
	case *rtnl.Basic:
		x.Actions, x.ActionsRaw = conv(x.ActionsRaw), nil
	case *rtnl.Flow:
		x.Actions, x.ActionsRaw = conv(x.ActionsRaw), nil
	case *bpfOptions:
		x.Actions, x.ActionsRaw, x.Tag, x.ID = conv(x.ActionsRaw), nil, nil, rtnl.Opt[uint32]{}
	case *rtnl.Flower:
		x.Actions, x.ActionsRaw = conv(x.ActionsRaw), nil
	}
}

// rawAction re-encodes an action's options as they came.
type rawAction []byte

func (r rawAction) Encode(e *nl.AttrEncoder) {
	e.Nest(2)
	e.Raw(r)
	e.Unnest()
}
func (r rawAction) Decode([]byte) error { return nil }
