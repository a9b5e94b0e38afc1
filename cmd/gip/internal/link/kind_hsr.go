package link

import (
	"fmt"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

const hsrUsage = `Usage:	ip link add name NAME type hsr slave1 SLAVE1-IF slave2 SLAVE2-IF
	[ supervision ADDR-BYTE ] [version VERSION] [proto PROTOCOL]

NAME
	name of new hsr device (e.g. hsr0)
SLAVE1-IF, SLAVE2-IF
	the two slave devices bound to the HSR device
ADDR-BYTE
	0-255; the last byte of the multicast address used for HSR supervision
	frames (default = 0)
VERSION
	0,1; the protocol version to be used. (default = 0)
PROTOCOL
	0 - HSR, 1 - PRP. (default = 0 - HSR)
`

// hsr: High-availability Seamless Redundancy over two ports; with
// `proto 1` the Parallel Redundancy Protocol (PRP).
func hsrKind() Kind {
	return newKind("hsr", hsrUsage, parseHSR, printHSR)
}

// hsrWords are the words in the order ip tries them (abbreviations
// allowed).
var hsrWords = []string{"supervision", "version", "proto", "slave1", "slave2", "help"}

func parseHSR(p *kindParser, h *rtnl.HSR) error {
	for p.More() {
		w := p.Next()
		kw, ok := grammar.Lookup(w, hsrWords)
		if !ok {
			return explained(fmt.Sprintf("hsr: what is %q?", w), hsrUsage)
		}
		if kw == "help" {
			return explained("", hsrUsage)
		}
		v, err := p.Value()
		if err != nil {
			return err
		}
		// ip checks only that the numbers fit a byte; the kernel judges
		// the version and protocol.
		byteOf := func(msg string) (rtnl.Opt[uint8], error) {
			n, ok := grammar.ParseCUint(v, 8)
			if !ok {
				return rtnl.Opt[uint8]{}, fail.Invalid(msg, v)
			}
			return rtnl.Some(uint8(n)), nil
		}
		switch kw {
		case "supervision":
			h.MulticastSpec, err = byteOf("ADDR-BYTE is invalid")
		case "version":
			h.Version, err = byteOf("version is invalid")
		case "proto":
			h.Protocol, err = byteOf("protocol is invalid")
		case "slave1", "slave2":
			slave := &h.Slave1
			if kw == "slave2" {
				slave = &h.Slave2
			}
			// ip looks the port up at once: an unknown one is its
			// invarg, not "Cannot find device".
			l, lerr := env.LookupLink(p.env, v)
			if lerr != nil {
				return fail.Invalid("No such interface", v)
			}
			*slave = rtnl.Some(uint32(l.Index))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func printHSR(f *format.Fields, h *rtnl.HSR, v *View) {
	for _, s := range []struct {
		key string
		o   rtnl.Opt[uint32]
	}{{"slave1", h.Slave1}, {"slave2", h.Slave2}} {
		if i, ok := s.o.Get(); ok {
			f.String(s.key, s.key+" %s ", v.linkName(i))
		} else {
			f.Null(s.key, s.key+" <none> ")
		}
	}
	if n, ok := h.SeqNr.Get(); ok {
		f.Int("seq_nr", "sequence %d ", int64(n))
	}
	printMAC(f, "supervision_addr", "supervision", h.SupervisionAddr)
	printUint(f, "proto", "proto", h.Protocol)
}
