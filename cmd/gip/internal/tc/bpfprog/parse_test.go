package bpfprog

import (
	"reflect"
	"testing"

	"github.com/gip-suite/gip/internal/nl/rtnl"
)

func TestParseOps(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []rtnl.SockFilter
		err  string
	}{
		{"1,6 0 0 0", []rtnl.SockFilter{{Code: 6}}, ""},
		{" 2, 6 0 0 1 ,6\t0 0 4294967295,", []rtnl.SockFilter{{Code: 6, K: 1}, {Code: 6, K: 0xffffffff}}, ""},
		{"1,-6 300 0 -1", []rtnl.SockFilter{{Code: 65530, Jt: 44, K: 0xffffffff}}, ""},
		{"1,6", nil, "Error at instruction 0!"},
		{"2,6 0 0 0", nil, "Parsed program length is less than encoded length parameter!"},
		{"1,6 0 0 0,6 0 0 0", nil, "Real program length exceeds encoded length parameter!"},
		{"0,6 0 0 0", nil, ""},
		{"4097,6 0 0 0", nil, ""},
		{"x", nil, ""},
		{"1 ,6 0 0 0", nil, ""},
	} {
		got, err := parseOps(c.in, false)
		if c.want != nil {
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("%q: %+v %v, want %+v", c.in, got, err, c.want)
			}
			continue
		}
		pe, ok := err.(*ParseError)
		if !ok || pe.Msg != c.err {
			t.Errorf("%q: %v, want the error %q", c.in, err, c.err)
		}
	}
}

func TestFlattenBytecode(t *testing.T) {
	if got := flattenBytecode([]byte("2\n6  0 0 1\n\t6 0 0 0\n")); got != "2,6 0 0 1,\t6 0 0 0," {
		t.Errorf("%q", got)
	}
}
