package rtnl

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func TestRateSpec(t *testing.T) {
	// tc 6.1's "htb rate 1mbit burst 15k mpu 64 overhead 24 linklayer atm"
	// rate, as strace showed it on this little-endian machine.
	wire := []byte{0x03, 0x02, 0x18, 0x00, 0xff, 0xff, 0x40, 0x00, 0x48, 0xe8, 0x01, 0x00}
	want := RateSpec{CellLog: 3, Linklayer: 2, Overhead: 24, CellAlign: -1, MPU: 64, Rate: 125000}
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		wire = []byte{0x03, 0x02, 0x00, 0x18, 0xff, 0xff, 0x00, 0x40, 0x00, 0x01, 0xe8, 0x48}
	}
	if got := want.Append([]byte{9}); !bytes.Equal(got, append([]byte{9}, wire...)) {
		t.Errorf("Append: % x", got)
	}
	if got, ok := DecodeRateSpec(wire); !ok || got != want {
		t.Errorf("DecodeRateSpec: %+v, %v", got, ok)
	}
	if _, ok := DecodeRateSpec(wire[:11]); ok {
		t.Error("DecodeRateSpec took 11 bytes")
	}
}
