package link

import (
	"errors"
	"io"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"github.com/gip-suite/gip/internal/nl/rtnl"
	"golang.org/x/sys/unix"
)

// kindParser is the cursor over a kind's words with what parsing them
// leaves for later: the device names they mention, resolved to indexes
// by resolve once the whole command is read, and files to close.
type kindParser struct {
	*grammar.Args
	kind string
	env  *env.Env
	// change says the words change a link (ip link set, without
	// NLM_F_CREATE): what ip requires or adds on creation is left out.
	change  bool
	names   []nameRef
	cleanup []func()
}

// warn says on standard error what ip warns of and goes on.
func (p *kindParser) warn(msg string) {
	if p.env != nil && p.env.Stderr != nil {
		io.WriteString(p.env.Stderr, msg)
	}
}

// family is the address family -4 or -6 chose (AF_UNSPEC without).
func (p *kindParser) family() uint8 {
	if p.env == nil || p.env.G == nil {
		return unix.AF_UNSPEC
	}
	return p.env.G.Family
}

// nameRef is a device named in a kind's options; set stores its index.
type nameRef struct {
	name string
	set  func(index uint32)
}

// linkName reads a device name and records where its index goes.
func (p *kindParser) linkName(set func(index uint32)) error {
	v, err := p.Value()
	if err != nil {
		return err
	}
	p.names = append(p.names, nameRef{v, set})
	return nil
}

// unknown is a word the kind does not take.
func (p *kindParser) unknown(w string) error {
	return fail.Localf("%s: unknown command %q?", p.kind, w)
}

// uintValue reads a number in C notation that fits bits, or fails with
// "invalid <what>" as ip does.
func (p *kindParser) uintValue(bits int, what string) (uint64, error) {
	v, err := p.Value()
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(v, 0, bits)
	if err != nil {
		return 0, fail.Invalid(what, v)
	}
	return n, nil
}

func (p *kindParser) u16(what string) (rtnl.Opt[uint16], error) {
	n, err := p.uintValue(16, what)
	return rtnl.Some(uint16(n)), err
}

func (p *kindParser) u32(what string) (rtnl.Opt[uint32], error) {
	n, err := p.uintValue(32, what)
	return rtnl.Some(uint32(n)), err
}

func b2u8(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// ParseAddr reads an IP address; what names it in the error.
func ParseAddr(v, what string) (netip.Addr, error) {
	ip, err := netip.ParseAddr(v)
	if err != nil {
		return netip.Addr{}, fail.Invalid("invalid "+what, v)
	}
	return ip, nil
}

// parsedKind is a kind read from the words after `type KIND`, its device
// names not yet resolved.
type parsedKind struct {
	spec    *rtnl.KindSpec
	names   []nameRef
	cleanup []func()
}

func (k *parsedKind) close() {
	for _, f := range k.cleanup {
		f()
	}
}

// resolve looks up the devices the options name and stores their
// indexes in the options.
func (k *parsedKind) resolve(e *env.Env) error {
	for _, n := range k.names {
		l, err := env.LookupLink(e, n.name)
		if errors.Is(err, unix.ENODEV) {
			// ip exits at once with nodev()'s -1.
			return fail.Usagef("Cannot find device %q", n.name)
		}
		if err != nil {
			return err
		}
		n.set(uint32(l.Index))
	}
	k.names = nil
	return nil
}

// parseKind reads `type KIND [ARGS]`. A kind gip does not know is sent
// as is, without options, for the kernel to judge, as ip does. cur is
// the link a change applies to (nil when adding): the tunnel drivers
// rebuild every parameter from a change request, so their options start
// from what the kernel reports of cur, as ip reads them back first.
// change says the request changes a link (ip link set), cur or a group.
func parseKind(e *env.Env, kind string, args []string, cur *rtnl.Link, change bool) (*parsedKind, error) {
	name, slave := kind, false
	if s, ok := strings.CutSuffix(kind, "_slave"); ok {
		name, slave = s, true
	}
	pk := &parsedKind{spec: &rtnl.KindSpec{Name: name, Slave: slave}}
	k, ok := lookupKind(kind)
	if !ok || k.Parse == nil || len(args) == 0 {
		// Without words, ip sends the kind alone, without options.
		return pk, nil
	}
	p := &kindParser{Args: grammar.NewArgs(args), kind: kind, env: e, change: change}
	data := k.New()
	if _, tunnel := rtnl.TunnelFamilyOf(kind); tunnel && cur != nil && cur.Kind == kind {
		if err := data.Decode(cur.Data); err != nil {
			return nil, fail.Localf("Failed to get existing tunnel info.")
		}
	}
	err := k.Parse(p, data)
	pk.names, pk.cleanup = p.names, p.cleanup
	if err != nil {
		pk.close()
		return nil, err
	}
	pk.spec.Data = data
	return pk, nil
}

// oneOf reads a value that abbreviates one of names, tried in order, and
// returns its position; otherwise ip's parse_one_of complaint (exit 1).
func (p *kindParser) oneOf(kw string, names ...string) (uint8, error) {
	v, err := p.Value()
	if err != nil {
		return 0, err
	}
	for i, n := range names {
		if grammar.Matches(v, n) {
			return uint8(i), nil
		}
	}
	var b strings.Builder
	for _, n := range names {
		b.WriteString(strconv.Quote(n) + ", ")
	}
	return 0, fail.Localf("Error: argument of %q must be one of %snot %q", kw, b.String(), v)
}
