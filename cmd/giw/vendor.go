package main

import (
	"encoding/hex"
	"io"
	"math"
	"os"
	"strings"

	"github.com/gip-suite/gip/internal/nl/nl80211"
	"golang.org/x/sys/unix"
)

// vendorDataMax is the most data iw sends with a vendor command.
const vendorDataMax = 2048

// vendorJSON is one driver answer in "giw -j vendor recv|recvbin".
type vendorJSON struct {
	Data *string `json:"data"` // hex; null: the answer carried no data
}

// parseVendor reads iw's "<oui> <subcmd> <filename|-|hex data>": the two
// numbers as 0x-prefixed hex (else iw's message, exit 2), then the data
// from standard input ("-"), from the file the third argument names, or
// as one 0x-prefixed byte per argument.
func parseVendor(args []string, stdin io.Reader) (nl80211.VendorCommand, error) {
	var v nl80211.VendorCommand
	if len(args) < 3 {
		return v, &usageError{}
	}
	var ok bool
	if v.OUI, ok = scanHex0x(args[0]); !ok {
		return v, refusal("Vendor command must start with 0x")
	}
	if v.SubCmd, ok = scanHex0x(args[1]); !ok {
		return v, refusal("Sub command must start with 0x")
	}
	data, err := vendorData(args[2:], stdin)
	if err != nil {
		return v, err
	}
	if len(data) > 0 {
		v.Data = data
	}
	return v, nil
}

// vendorData reads the data from standard input ("-"), from the file the
// first argument names, else from the arguments as hex bytes.
func vendorData(args []string, stdin io.Reader) ([]byte, error) {
	if args[0] == "-" {
		if stdin == nil {
			return nil, nil
		}
		return readVendorData(stdin)
	}
	if f, err := os.Open(args[0]); err == nil {
		defer f.Close()
		return readVendorData(f)
	}
	return hexBytes0x(args)
}

// readVendorData reads all of r, at most vendorDataMax bytes (more is
// EINVAL, as with iw; so is a read that fails).
func readVendorData(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, vendorDataMax+1))
	if len(b) > vendorDataMax {
		return nil, unix.EINVAL
	}
	if err != nil {
		return nil, unix.EINVAL
	}
	return b, nil
}

// hexBytes0x reads one byte per argument, each "0x..." up to 0xff.
func hexBytes0x(args []string) ([]byte, error) {
	if len(args) > vendorDataMax {
		return nil, unix.EINVAL
	}
	b := make([]byte, 0, len(args))
	for _, a := range args {
		v, ok := scanHex0x(a)
		if !ok || v > 0xff {
			return nil, unix.EINVAL
		}
		b = append(b, byte(v))
	}
	return b, nil
}

// scanHex0x reads s as C's sscanf(s, "0x%x") does: the literal "0x", then
// what scanHex reads.
func scanHex0x(s string) (uint32, bool) {
	rest, ok := strings.CutPrefix(s, "0x")
	if !ok {
		return 0, false
	}
	return scanHex(rest)
}

// scanHex reads s as sscanf(s, "%x") does: a hex number (after white
// space, a sign and 0x, all optional) up to the first byte that is not a
// hex digit; at least one digit.
func scanHex(s string) (uint32, bool) {
	v, _, ok := scanHexPrefix(s)
	return uint32(v), ok
}

// scanHexPrefix reads the hex number s starts with as scanf's %x does
// (see scanHex) and returns it (negated in 64 bits for '-'; a number
// beyond 64 bits stops at math.MaxUint64, whatever its sign) with the
// rest of s.
func scanHexPrefix(s string) (v uint64, rest string, ok bool) {
	rest = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if rest != "" && (rest[0] == '+' || rest[0] == '-') {
		neg, rest = rest[0] == '-', rest[1:]
	}
	if len(rest) > 2 && (rest[:2] == "0x" || rest[:2] == "0X") && isHexDigit(rest[2]) {
		rest = rest[2:]
	}
	n, overflow := 0, false
	for n < len(rest) && isHexDigit(rest[n]) {
		overflow = overflow || v > math.MaxUint64>>4
		v = v<<4 | uint64(hexValue(rest[n]))
		n++
	}
	switch {
	case n == 0:
		return 0, rest, false
	case overflow:
		return math.MaxUint64, rest[n:], true
	case neg:
		v = -v
	}
	return v, rest[n:], true
}

func hexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func runVendorSend(e *env, tg target, args []string) error {
	return vendor(e, tg, args, nil)
}

func runVendorRecv(e *env, tg target, args []string) error {
	return vendor(e, tg, args, func(t *tw, data []byte) { hexdumpLines(t, "vendor response", data) })
}

func runVendorRecvBin(e *env, tg target, args []string) error {
	return vendor(e, tg, args, func(t *tw, data []byte) { t.f("%s", data) })
}

// vendor sends the command and prints each answer with show (nil: print
// nothing, as iw's vendor send); an answer without data is reported on
// standard error, as iw does.
func vendor(e *env, tg target, args []string, show func(*tw, []byte)) error {
	v, err := parseVendor(args, e.stdin)
	if err != nil {
		return err
	}
	replies, err := e.client.Vendor(tg.dev.Index, v)
	if err != nil || show == nil {
		return err
	}
	if e.opts.json {
		out := make([]vendorJSON, 0, len(replies))
		for _, r := range replies {
			var j vendorJSON
			if r.HasData {
				h := hex.EncodeToString(r.Data)
				j.Data = &h
			}
			out = append(out, j)
		}
		return printJSON(e, out)
	}
	t := &tw{w: e.stdout}
	for _, r := range replies {
		if !r.HasData {
			(&tw{w: e.stderr}).f("vendor data attribute missing!\n")
			continue
		}
		show(t, r.Data)
	}
	return t.err
}

// hexdumpLines prints data as iw's iw_hexdump does: "prefix: " and 16
// bytes a line, then an empty line.
func hexdumpLines(t *tw, prefix string, data []byte) {
	t.f("%s: ", prefix)
	for i, b := range data {
		if i > 0 && i%16 == 0 {
			t.f("\n%s: ", prefix)
		}
		t.f("%02x ", b)
	}
	t.f("\n\n")
}
