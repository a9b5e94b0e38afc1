package tcpmetrics

import (
	"net/netip"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/tcpmetrics"
	"golang.org/x/sys/unix"
)

// verb is what a command line does; flush may become a delete.
type verb int

const (
	cmdShow verb = iota
	cmdDelete
	cmdFlush
)

// side is the destination or the source of a selector: the family to
// keep (the global one until a prefix is given) and the prefix, if any.
type side struct {
	family uint8
	prefix grammar.Prefix
	given  bool
}

// exact is the one address a request can name: a full-length address.
func (s *side) exact() (netip.Addr, bool) {
	p := s.prefix
	if !s.given || !p.Addr.IsValid() || p.Bits != grammar.HostLen(p.Family) {
		return netip.Addr{}, false
	}
	return p.Addr, true
}

// keeps reports whether an entry's address passes the side.
func (s *side) keeps(a netip.Addr) bool {
	if s.family != unix.AF_UNSPEC && s.family != family(a) {
		return false
	}
	return !s.given || s.prefix.Contains(a)
}

// wide is a side that selects every address: none given, or of length 0.
func (s *side) wide() bool { return !s.given || s.prefix.Bits <= 0 }

func family(a netip.Addr) uint8 {
	if a.Is4() {
		return unix.AF_INET
	}
	return unix.AF_INET6
}

// selector is the destination and source of a command line.
type selector struct {
	dst, src side
}

// parseSelector reads the words as ip does: "src ADDRESS" (or "source"),
// else "[ address ] PREFIX"; after each of these ip skips one word. A
// second prefix of either kind is ip's garbage error; a source must be an
// exact address, and so must delete's destination.
func parseSelector(args []string, v verb, preferred uint8) (*selector, error) {
	s := &selector{dst: side{family: preferred}, src: side{family: preferred}}
	a := grammar.NewArgs(args)
	for a.More() {
		w := a.Next()
		sd, who := &s.dst, "address"
		if w == "src" || w == "source" {
			sd, who = &s.src, w
		} else if w == "addr" || w == "address" {
			who = w
		} else {
			a.Back()
		}
		val, err := a.Value()
		if err != nil {
			return nil, err
		}
		if grammar.Matches(val, "help") {
			return nil, fail.Usagef("%s", usageText())
		}
		if sd.given {
			return nil, fail.Garbage(who, val)
		}
		p, err := grammar.ParsePrefix(val, preferred)
		if err != nil {
			return nil, err
		}
		sd.prefix, sd.given, sd.family = p, true, p.Family
		if _, ok := sd.exact(); !ok && (sd == &s.src || v == cmdDelete) {
			return nil, fail.Localf("Error: a specific IP address is expected rather than %q", val)
		}
		if a.More() {
			a.Next()
		}
	}
	if _, ok := s.dst.exact(); v == cmdDelete && !ok {
		return nil, fail.Usagef(`Error: argument "address" is required`)
	}
	return s, nil
}

// keeps reports whether an entry passes the selector: one without a
// destination never does, one without a source is not checked for it.
func (s *selector) keeps(e *tcpmetrics.Entry) bool {
	if !e.Dst.IsValid() || !s.dst.keeps(e.Dst) {
		return false
	}
	return !e.Src.IsValid() || s.src.keeps(e.Src)
}

// request is the destination and source a single request names (either
// invalid when not an exact address).
func (s *selector) request() (dst, src netip.Addr) {
	dst, _ = s.dst.exact()
	src, _ = s.src.exact()
	return dst, src
}

// checkFamily is ip's refusal of a family that has no TCP.
func checkFamily(f uint8) error {
	switch f {
	case unix.AF_UNSPEC, unix.AF_INET, unix.AF_INET6:
		return nil
	}
	return fail.Localf("Unsupported protocol family: %d", f)
}
