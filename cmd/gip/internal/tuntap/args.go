package tuntap

import (
	"math"
	"os/user"
	"strconv"

	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/cmd/gip/internal/grammar"
	"golang.org/x/sys/unix"
)

// request is what add and del send: the ifreq of TUNSETIFF, and for add
// the owner and group (unset: unchanged).
type request struct {
	name  string
	flags uint16
	uid   uint32
	gid   uint32
}

// unset is the owner or group that is left as it is ((uid_t)-1).
const unset = ^uint32(0)

// typeMask is the tun/tap part of the flags (TUN_TYPE_MASK).
const typeMask = unix.IFF_TUN | unix.IFF_TAP

// parseArgs reads the words of add (owner true: user and group are
// words) or del (owner false: they are names, as ip reads them).
func parseArgs(words []string, owner bool) (*request, error) {
	r := &request{flags: unix.IFF_NO_PI, uid: unset, gid: unset}
	a := grammar.NewArgs(words)
	for a.More() {
		w := a.Next()
		switch {
		case grammar.Matches(w, "mode"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			var bit, other uint16
			switch {
			case grammar.Matches(v, "tun"):
				bit, other = unix.IFF_TUN, unix.IFF_TAP
			case grammar.Matches(v, "tap"):
				bit, other = unix.IFF_TAP, unix.IFF_TUN
			default:
				return nil, fail.Usagef("Unknown tunnel mode %q", v)
			}
			if r.flags&other != 0 {
				return nil, fail.Usagef("You managed to ask for more than one tunnel mode.")
			}
			r.flags |= bit
		case owner && grammar.Matches(w, "user"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			id, err := lookupID(v, func(s string) (string, error) {
				u, err := user.Lookup(s)
				if err != nil {
					return "", err
				}
				return u.Uid, nil
			})
			if err != nil {
				return nil, fail.Usagef("invalid user %q", v)
			}
			r.uid = id
		case owner && grammar.Matches(w, "group"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			id, err := lookupID(v, func(s string) (string, error) {
				g, err := user.LookupGroup(s)
				if err != nil {
					return "", err
				}
				return g.Gid, nil
			})
			if err != nil {
				return nil, fail.Usagef("invalid group %q", v)
			}
			r.gid = id
		case grammar.Matches(w, "pi"):
			r.flags &^= unix.IFF_NO_PI
		case grammar.Matches(w, "one_queue"):
			r.flags |= unix.IFF_ONE_QUEUE
		case grammar.Matches(w, "vnet_hdr"):
			r.flags |= unix.IFF_VNET_HDR
		case grammar.Matches(w, "multi_queue"):
			r.flags |= unix.IFF_MULTI_QUEUE
		case grammar.Matches(w, "dev"):
			v, err := a.Value()
			if err != nil {
				return nil, err
			}
			if !grammar.ValidIfName(v) {
				return nil, fail.Invalid(`"dev" not a valid ifname`, v)
			}
			r.name = v
		default:
			if grammar.Matches(w, "name") {
				v, err := a.Value()
				if err != nil {
					return nil, err
				}
				w = v
			} else if grammar.Matches(w, "help") {
				return nil, fail.Usagef("%s", usageText())
			}
			if r.name != "" {
				return nil, fail.Garbage("name", w)
			}
			if !grammar.ValidIfName(w) {
				return nil, fail.Invalid(`"name" not a valid ifname`, w)
			}
			r.name = w
		}
	}
	if r.flags&typeMask == 0 {
		return nil, fail.Localf("You failed to specify a tunnel mode")
	}
	return r, nil
}

// lookupID reads a user or group as ip does: a decimal number as C's
// strtol reads it, cut to the 32 bits of an id (all ones leaves the id
// unchanged), or else a name looked up in the system's database.
func lookupID(s string, byName func(string) (string, error)) (uint32, error) {
	if v, n, overflow := grammar.Strtoul(s, 10); s != "" && n == len(s) {
		// strtol saturates where strtoul wraps.
		neg := firstSign(s) == '-'
		x := int64(v)
		switch {
		case neg && (overflow || x > 0):
			x = math.MinInt64
		case !neg && (overflow || x < 0):
			x = math.MaxInt64
		}
		return uint32(x), nil
	}
	id, err := byName(s)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseUint(id, 10, 32)
	if err != nil {
		return 0, err
	}
	return uint32(v), nil
}

// firstSign is the sign character after leading white space, or 0.
func firstSign(s string) byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c >= '\t' && c <= '\r':
			continue
		case c == '+' || c == '-':
			return c
		default:
			return 0
		}
	}
	return 0
}
