package link

import (
	"fmt"
	"strconv"

	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// Printing helpers the kinds share: each prints one option, if set, the
// way ip's print_*(PRINT_ANY, ...) does.

// printUint prints "text N " and the JSON number under key.
func printUint[T uint8 | uint16 | uint32 | uint64](f *format.Fields, key, text string, o rtnl.Opt[T]) {
	if v, ok := o.Get(); ok {
		f.Uint(key, text+" %d ", uint64(v))
	}
}

// printOnOff prints "text on|off " and a JSON boolean.
func printOnOff(f *format.Fields, key, text string, o rtnl.Opt[uint8]) {
	if v, ok := o.Get(); ok {
		s := "off"
		if v != 0 {
			s = "on"
		}
		f.Literal(text + " " + s + " ")
		f.Bool(key, "", v != 0)
	}
}

// printHex prints C's "%#x" as text and as a JSON string.
func printHex[T uint8 | uint16 | uint32](f *format.Fields, key, text string, o rtnl.Opt[T]) {
	if v, ok := o.Get(); ok {
		f.String(key, text+" %s ", cHex(uint64(v)))
	}
}

// printTimer prints a timer kept in centiseconds as seconds, "%7.2f".
func printTimer(f *format.Fields, key, text string, o rtnl.Opt[uint64]) {
	if v, ok := o.Get(); ok {
		f.Fixed(key, text+" %7s ", float64(v)/100, 2)
	}
}

// printBridgeID prints a struct ifla_bridge_id as ip does: the priority
// in hex, a dot, and the address without leading zeros.
func printBridgeID(f *format.Fields, key, text string, o rtnl.Opt[rtnl.BridgeID]) {
	if b, ok := o.Get(); ok {
		s := fmt.Sprintf("%02x%02x.", b[0], b[1])
		for i := 2; i < 8; i++ {
			if i > 2 {
				s += ":"
			}
			s += strconv.FormatUint(uint64(b[i]), 16)
		}
		f.String(key, text+" %s ", s)
	}
}

// printMAC prints a 6-byte address.
func printMAC(f *format.Fields, key, text string, o rtnl.Opt[[6]byte]) {
	if b, ok := o.Get(); ok {
		f.String(key, text+" %s ", rtnl.HardwareAddr(b[:]).String())
	}
}

// linkName names an interface index for the -d details.
func (v *View) linkName(index uint32) string { return v.Cache.Name(int32(index)) }
