package grammar

import (
	"math"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
)

// TunnelKey reads the GRE key of keyword kw (key, ikey, okey) as ip's
// tnl_parse_key does, for ip tunnel and ip link's tunnel kinds alike: a
// value with a dot is an IPv4 address (its four bytes are the key), any
// other an unsigned C number. A bad address is ip's fatal address error
// (exit 1), a bad number its usage error (exit 255).
func TunnelKey(kw, v string) (uint32, error) {
	if strings.IndexByte(v, '.') >= 0 {
		a, ok := ParseIPv4(v)
		if !ok {
			return 0, fail.Fatal(fail.ExitLocal, "Error: an IP address is expected rather than \""+v+"\"")
		}
		b := a.As4()
		return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3]), nil
	}
	n, ok := CUint(v, 0, math.MaxUint32)
	if !ok {
		return 0, fail.Fatal(fail.ExitUsage, "invalid value for \""+kw+"\": \""+v+"\"; it should be an unsigned integer")
	}
	return uint32(n), nil
}
