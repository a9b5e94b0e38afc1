package action

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// FuzzKindRoundTrip decodes arbitrary bytes as every action kind's
// options and checks that what they encode decodes to the same options;
// what only the kernel reports (times) is not sent and not compared.
func FuzzKindRoundTrip(f *testing.F) {
	// gact: parms (drop, index 1)
	f.Add([]byte{24, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	// vlan: parms (push) and id 100
	f.Add([]byte{28, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 6, 0, 3, 0, 100, 0, 0, 0})
	// pedit: parms with one key (set 10.0.0.1 at 12)
	f.Add([]byte{52, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	// pedit ex: the same key as parms_ex, with keys_ex (ipv4, add)
	f.Add([]byte{52, 0, 4, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		24, 0, 5, 128, 20, 0, 6, 128, 6, 0, 1, 0, 2, 0, 0, 0, 6, 0, 2, 0, 1, 0, 0, 0})
	// tunnel_key: set, IPv4 addresses, Geneve option, key id
	f.Add([]byte{8, 0, 3, 0, 1, 1, 1, 1, 8, 0, 4, 0, 2, 2, 2, 2, 8, 0, 7, 0, 0, 0, 0, 7, 32, 0, 11, 0, 28, 0, 1, 0, 6, 0, 1, 0, 0, 1, 0, 0, 5, 0, 2, 0, 2, 0, 0, 0, 8, 0, 3, 0, 0, 1, 2, 3, 5, 0, 10, 0, 0, 0, 0, 0, 28, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0})
	// ct: commit, zone, mark, labels, source NAT
	f.Add([]byte{6, 0, 4, 0, 3, 0, 0, 0, 8, 0, 5, 0, 5, 0, 0, 0, 8, 0, 6, 0, 255, 0, 0, 0, 6, 0, 7, 0, 1, 2, 0, 0, 6, 0, 8, 0, 255, 255, 0, 0, 8, 0, 9, 0, 10, 0, 0, 1, 8, 0, 10, 0, 10, 0, 0, 9, 6, 0, 13, 0, 3, 232, 0, 0, 6, 0, 14, 0, 7, 208, 0, 0, 6, 0, 3, 0, 17, 0, 0, 0, 24, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	// sample: rate, group, trunc
	f.Add([]byte{24, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 3, 0, 100, 0, 0, 0, 8, 0, 5, 0, 5, 0, 0, 0, 8, 0, 4, 0, 128, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, name := range Kinds() {
			k := Lookup(name)
			first := k.New()
			if first.Decode(b) != nil {
				continue
			}
			dropReports(first)
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
			dropReports(second)
			if !reflect.DeepEqual(first, second) {
				t.Fatalf("%s: %x decodes to %+v, encodes to %x, decodes to %+v", name, b, first, enc, second)
			}
		}
	})
}

// dropReports clears what a kind decodes but never encodes: the kernel's
// times.
func dropReports(o rtnl.TCOptions) {
	v := reflect.ValueOf(o).Elem()
	if f := v.FieldByName("Times"); f.IsValid() {
		f.Set(reflect.Zero(f.Type()))
	}
}
