package rtnl

import "testing"

func TestOptOr(t *testing.T) {
	for _, tc := range []struct {
		o    Opt[uint16]
		want uint16
	}{
		{Opt[uint16]{}, 7},
		{Some[uint16](0), 0},
		{Some[uint16](3), 3},
		{Opt[uint16]{V: 3}, 7}, // a value not set is not used
	} {
		if got := tc.o.Or(7); got != tc.want {
			t.Errorf("%+v.Or(7) = %d, want %d", tc.o, got, tc.want)
		}
	}
}
